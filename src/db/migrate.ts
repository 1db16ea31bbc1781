import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './database.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 7271003;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Plain SQL files named NNNN_name.sql, applied in name order and recorded with their checksum. */
export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Applies the pending migrations. Each file and its bookkeeping row go in one script, which
 * PostgreSQL runs as one transaction; an advisory lock keeps two instances starting together apart.
 */
export async function migrate(handle: DatabaseHandle, files = listMigrations()): Promise<MigrateResult> {
  return handle.withScriptSession(async (run) => {
    await run(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await run('SELECT name, checksum FROM schema_migrations');
      const known = new Map(done.map((r) => [String(r.name), String(r.checksum)]));
      const applied: string[] = [];
      for (const file of files) {
        const prior = known.get(file.name);
        if (prior !== undefined) {
          if (prior !== file.checksum) {
            throw new Error(
              `migration ${file.name} was changed after it was applied; add a new migration instead`,
            );
          }
          continue;
        }
        await run(
          `BEGIN;\n${file.sql}\n;INSERT INTO schema_migrations (name, checksum) VALUES (${quote(file.name)}, ${quote(file.checksum)});\nCOMMIT;`,
        );
        applied.push(file.name);
      }
      return { applied, alreadyApplied: known.size };
    } finally {
      await run(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}

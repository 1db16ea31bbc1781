import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type Kysely, type Transaction } from 'kysely';
import { PgliteDialect } from './pglite-dialect.ts';
import pg from 'pg';
import type { Database } from './schema.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { assertOutsideTransaction, guardDialect, GuardedKysely } from './transaction-guard.ts';

export type Db = Kysely<Database>;
/** An open transaction: what code inside one uses as its database (see app/context.ts, TxContext). */
export type Trx = Transaction<Database>;
export type DbKind = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  /**
   * Runs one statement as a named prepared statement (PostgreSQL parses and plans it once per
   * connection); on PGlite, a plain query. For the hot paths only.
   */
  prepared<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
  /**
   * Runs `fn` with a runner for multi-statement SQL scripts on one dedicated session (the simple
   * query protocol; each script is one implicit transaction). Kysely's queries are single statements.
   */
  withScriptSession<T>(
    fn: (run: (script: string) => Promise<Record<string, unknown>[]>) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

// Both drivers parse values the same way, so domain code never sees a driver difference:
// int8 → number (our bigints stay far below 2^53), date → 'YYYY-MM-DD'.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/** Connects to PostgreSQL at `databaseUrl`, or opens embedded PGlite in `dataDir/pg` (or memory). */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string | null;
  pglite?: PGlite;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 20,
      // No JIT compilation: Minsheng's queries read a few thousand index entries at most, and the
      // planner's cost guesses for the statistics' nested lookups (millions, for a few hundred
      // rows) made PostgreSQL spend 200-450 ms compiling queries that run in 20 (bench:stats).
      options: '-c jit=off',
    });
    // An idle connection the server ends (restart, failover, a dropped database) is removed from the
    // pool and the next query opens a new one; without a listener its 'error' would end the process.
    pool.on('error', (err) => {
      console.warn(`database: an idle connection was closed by the server (${err.message})`);
    });
    const db = new GuardedKysely<Database>({
      dialect: guardDialect(new PostgresDialect({ pool }), { singleConnection: false }),
    });
    return {
      db,
      kind: 'postgres',
      prepared: async <R>(name: string, text: string, values: readonly unknown[]) => {
        assertOutsideTransaction('a prepared statement');
        return (await pool.query({ name, text, values: values as unknown[] })).rows as R[];
      },
      withScriptSession: async (fn) => {
        assertOutsideTransaction('a script session');
        const client = await pool.connect();
        try {
          return await fn(async (script) => {
            const res = (await client.query(script)) as pg.QueryResult | pg.QueryResult[];
            const last = Array.isArray(res) ? res[res.length - 1] : res;
            return (last?.rows ?? []) as Record<string, unknown>[];
          });
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  // One process at a time on a data directory: a second PGlite on the same files corrupts them.
  let lock: DataDirLock | null = null;
  if (!opts.pglite && opts.dataDir) {
    mkdirSync(dirname(opts.dataDir), { recursive: true });
    lock = acquireDataDirLock(opts.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = opts.pglite ?? (await createPglite(opts.dataDir ?? null));
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = new GuardedKysely<Database>({
    dialect: guardDialect(new PgliteDialect(pglite), { singleConnection: true }),
  });
  return {
    db,
    kind: 'pglite',
    prepared: async <R>(_name: string, text: string, values: readonly unknown[]) => {
      assertOutsideTransaction('a prepared statement');
      return (await pglite.query<R>(text, values as unknown[])).rows;
    },
    withScriptSession: (fn) => {
      assertOutsideTransaction('a script session');
      return fn(async (script) => {
        const res = await pglite.exec(script);
        return res[res.length - 1]?.rows ?? [];
      });
    },
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function createPglite(dataDir: string | null, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    relaxedDurability: false,
  });
  await pglite.waitReady;
  return pglite;
}

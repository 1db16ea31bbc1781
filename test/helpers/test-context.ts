import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createPglite, openDatabase, type DatabaseHandle, type DbKind } from '../../src/db/database.ts';
import type { TextServices } from '../../src/intake/text-hooks.ts';

/** A clock the test moves by hand, so every deadline is testable to the minute. */
export class TestClock {
  constructor(public now: Date) {}
  readonly read = () => new Date(this.now.getTime());
  set(iso: string) {
    this.now = new Date(iso);
  }
  advanceDays(days: number) {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
  }
}

export interface TestEnv {
  ctx: AppContext;
  clock: TestClock;
  kind: DbKind;
  /** Whether `ctx.readDb` is a streaming replica (describeEachDb's `replica` option, on PostgreSQL). */
  replica: boolean;
  /** Waits until the replica has replayed everything written so far (at once without one). */
  caughtUp: () => Promise<void>;
}

/** The backends this run tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function backends(): DbKind[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

async function openTestDatabase(
  kind: DbKind,
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void>; url?: string; readUrl?: string }> {
  if (kind === 'pglite') {
    const tarball = readFileSync(inject('pgliteTemplate'));
    const pglite = await createPglite(null, new Blob([tarball]));
    return { handle: await openDatabase({ pglite }), drop: async () => undefined };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `minsheng_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
  // The replica streams the whole cluster, so the new database is on it too.
  let readUrl: string | undefined;
  if (process.env.TEST_DATABASE_READ_URL) {
    const r = new URL(process.env.TEST_DATABASE_READ_URL);
    r.pathname = `/${name}`;
    readUrl = r.toString();
  }
  return {
    handle,
    url: u.toString(),
    ...(readUrl ? { readUrl } : {}),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Waits until the replica has replayed the primary's WAL up to now. It asks the replica's own
 * maintenance database (the replay position is the cluster's), because the test's database may not
 * exist there yet: its CREATE DATABASE is part of what is being replayed. A loaded CI machine can
 * lag by seconds, so this waits up to a minute and then says how far behind the replica is.
 */
async function replicaCaughtUp(ctx: AppContext): Promise<void> {
  const { rows } = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(ctx.db);
  const lsn = rows[0]!.lsn;
  const replica = new pg.Client({ connectionString: process.env.TEST_DATABASE_READ_URL });
  await replica.connect();
  try {
    const until = Date.now() + 60_000;
    for (;;) {
      const r = await replica.query<{ ok: boolean; at: string | null }>(
        'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok, pg_last_wal_replay_lsn()::text AS at',
        [lsn],
      );
      if (r.rows[0]?.ok) return;
      if (Date.now() > until) {
        throw new Error(
          `the replica has replayed up to ${r.rows[0]?.at ?? 'nothing'}, not ${lsn}, after 60 s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await replica.end();
  }
}

/**
 * Runs a suite once per backend, each with its own database copied from the migrated template,
 * its own data directory and a hand-moved clock (start: 2026-03-02 09:00 Beijing time).
 */
export function describeEachDb(
  name: string,
  body: (env: () => TestEnv) => void,
  /** `replica`: on PostgreSQL with TEST_DATABASE_READ_URL set, statistics read from a streaming replica. */
  opts: { text?: TextServices; start?: string; replica?: boolean } = {},
) {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let env: TestEnv | null = null;
      let drop: () => Promise<void> = async () => undefined;
      let dataDir = '';
      beforeAll(async () => {
        const opened = await openTestDatabase(kind);
        drop = opened.drop;
        dataDir = mkdtempSync(join(tmpdir(), 'minsheng-data-'));
        const clock = new TestClock(new Date(opts.start ?? '2026-03-02T01:00:00Z'));
        const replica = Boolean(opts.replica && opened.readUrl);
        const config = loadConfig({
          MINSHENG_DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          MINSHENG_CHECK_RESPONSES: 'true',
          ...(replica ? { DATABASE_URL: opened.url, DATABASE_READ_URL: opened.readUrl } : {}),
        });
        const ctx = await createContext(config, {
          handle: opened.handle,
          clock: clock.read,
          skipSeed: true,
          ...(opts.text ? { text: opts.text } : {}),
        });
        // The replica must hold the new database before anything reads from it.
        if (replica) await replicaCaughtUp(ctx);
        env = {
          ctx,
          clock,
          kind,
          replica,
          caughtUp: replica ? () => replicaCaughtUp(ctx) : async () => undefined,
        };
      });
      afterAll(async () => {
        if (env) await env.ctx.handle.close();
        await drop();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      });
      body(() => {
        if (!env) throw new Error('test database not ready');
        return env;
      });
    });
  }
}

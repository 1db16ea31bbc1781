import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { SYSTEM_ACTOR } from '../../src/audit/event-log.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createPglite, openDatabase, type DatabaseHandle, type DbKind } from '../../src/db/database.ts';
import { PoolInsideTransactionError } from '../../src/db/transaction-guard.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { admin } from '../../src/org/admin.service.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { backends, TestClock } from '../helpers/test-context.ts';

/** Fails the test instead of waiting forever: a wedged database never settles. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms (wedged)`)), ms);
  });
  try {
    return await Promise.race([p, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One database that can be opened again, as a restarted server opens it: PGlite from its data
 * directory on disk, PostgreSQL by its URL. Each opening is a new context with cold caches.
 */
async function persistentDatabase(kind: DbKind) {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-restart-'));
  let url: string | null = null;
  let first = true;
  const open = async (): Promise<DatabaseHandle> => {
    if (kind === 'pglite') {
      if (!first) return openDatabase({ dataDir: join(dir, 'pg') });
      first = false;
      const tarball = readFileSync(inject('pgliteTemplate'));
      return openDatabase({ pglite: await createPglite(join(dir, 'pg'), new Blob([tarball])) });
    }
    if (!url) {
      const name = `minsheng_r_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
      await admin.end();
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.pathname = `/${name}`;
      url = u.toString();
    }
    return openDatabase({ databaseUrl: url, poolSize: 4 });
  };
  const drop = async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      await c.end();
    }
  };
  return { dir, open, drop };
}

for (const kind of backends()) {
  describe(`the embedded default never wedges [${kind}]`, () => {
    const clock = new TestClock(new Date('2026-03-02T01:00:00Z'));
    let database: Awaited<ReturnType<typeof persistentDatabase>>;
    let ctx: AppContext | null = null;
    let org: Org;

    /** Closes the running context, if any, and starts a new one on the same database. */
    const restart = async (): Promise<AppContext> => {
      if (ctx) await ctx.handle.close();
      ctx = null;
      const config = loadConfig({ MINSHENG_DATA_DIR: database.dir, LOG_LEVEL: 'silent' });
      ctx = await createContext(config, { handle: await database.open(), clock: clock.read, skipSeed: true });
      return ctx;
    };

    beforeAll(async () => {
      database = await persistentDatabase(kind);
      org = await seedOrg(await restart());
    });
    afterAll(async () => {
      if (ctx) await ctx.handle.close();
      await database.drop();
    });

    it('runs a command right after a restart, before anything has filled the caches', async () => {
      clock.set('2026-03-02T01:00:00Z');
      const m = await registerTestMatter(ctx!, org);
      const fresh = await restart();
      const r = await within(
        15_000,
        'accept after a restart',
        cmd.decide(fresh, org.staff(org.users.registrar), m.id, {
          decision: 'accept',
          leadUnitId: org.units.housing,
        }),
      );
      expect(r.state).toBe('accepted');
      expect(r.result.handlingDueDate).toBe('2026-05-06');
    });

    it('accepts and extends after an administrator adds a calendar override', async () => {
      const c = await restart();
      clock.set('2026-03-02T01:00:00Z');
      const m = await registerTestMatter(c, org);
      await admin.addCalendarOverride(c, SYSTEM_ACTOR, { date: '2026-05-06', kind: 'holiday', name: '测试' });
      const r = await within(
        15_000,
        'accept after a calendar override',
        cmd.decide(c, org.staff(org.users.registrar), m.id, {
          decision: 'accept',
          leadUnitId: org.units.housing,
        }),
      );
      // 05-06 is now a rest day: the limit moves to the next working day, so the new calendar was used.
      expect(r.result.handlingDueDate).toBe('2026-05-07');
      await within(15_000, 'sign for', cmd.signFor(c, org.staff(org.users.officer), m.id));
      const e = await within(
        15_000,
        'extend',
        cmd.extend(c, org.staff(org.users.head), m.id, { days: 10, reason: '需要补充调查' }),
      );
      expect(e.state).toBe('in_handling');
      await admin.removeCalendarOverride(c, SYSTEM_ACTOR, '2026-05-06');
    });

    it('accepts after an administrator edits a time limit, with the new limit', async () => {
      const c = await restart();
      clock.set('2026-03-02T01:00:00Z');
      const m = await registerTestMatter(c, org);
      const handling = { amount: 60, unit: 'days', rollForward: true, warnAmount: 10, warnUnit: 'days' };
      await admin.updateTimeLimit(c, SYSTEM_ACTOR, 'handling', { ...handling, amount: 30 });
      try {
        const r = await within(
          15_000,
          'accept after a time-limit edit',
          cmd.decide(c, org.staff(org.users.registrar), m.id, {
            decision: 'accept',
            leadUnitId: org.units.housing,
          }),
        );
        // 30 days from 03-02 is 04-01 (a Wednesday).
        expect(r.result.handlingDueDate).toBe('2026-04-01');
      } finally {
        await admin.updateTimeLimit(c, SYSTEM_ACTOR, 'handling', handling);
      }
    });

    it("closes a lapsed matter in the scanner's first pass after a restart", async () => {
      let c = await restart();
      clock.set('2026-03-02T01:00:00Z');
      const m = await registerTestMatter(c, org);
      await cmd.decide(c, org.staff(org.users.registrar), m.id, {
        decision: 'accept',
        leadUnitId: org.units.housing,
      });
      await cmd.signFor(c, org.staff(org.users.officer), m.id);
      await cmd.reply(c, org.staff(org.users.head), m.id, {
        outcome: 'supported',
        facts: '经查，电梯确已停运。',
        legalBasis: '《特种设备安全法》第三十九条',
      });
      clock.advanceDays(40); // past the 30-day review window
      c = await restart();
      const r = await within(15_000, "the scanner's first pass", scanDeadlines(c));
      expect(r.closed).toBeGreaterThanOrEqual(1);
      const row = await c.db
        .selectFrom('matters')
        .select('state')
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow();
      expect(row.state).toBe('closed');
      // And the server still answers afterwards.
      expect(
        await within(5_000, 'a query after the scan', c.db.selectFrom('users').select('id').execute()),
      ).not.toHaveLength(0);
    });

    it.runIf(kind === 'pglite')(
      "serialises concurrent transactions and queries on PGlite's one connection",
      async () => {
        const c = await restart();
        await sql`CREATE TEMP TABLE counter (n int NOT NULL)`.execute(c.db);
        await sql`INSERT INTO counter VALUES (0)`.execute(c.db);
        // Read, then write, in separate statements: only one transaction at a time keeps every increment.
        const increment = () =>
          c.db.transaction().execute(async (trx) => {
            const { rows } = await sql<{ n: number }>`SELECT n FROM counter`.execute(trx);
            await new Promise((r) => setImmediate(r));
            await sql`UPDATE counter SET n = ${rows[0]!.n + 1}`.execute(trx);
          });
        const reads = () => sql<{ n: number }>`SELECT n FROM counter`.execute(c.db);
        await within(
          30_000,
          'concurrent transactions',
          Promise.all([...Array.from({ length: 40 }, increment), ...Array.from({ length: 40 }, reads)]),
        );
        const { rows } = await sql<{ n: number }>`SELECT n FROM counter`.execute(c.db);
        expect(rows[0]!.n).toBe(40);
        await sql`DROP TABLE counter`.execute(c.db);
      },
    );

    it('refuses a pool query from inside a transaction at once, and rolls the transaction back', async () => {
      const c = await restart();
      const before = await c.db.selectFrom('calendar_overrides').select('date').execute();
      const attempt = c.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('calendar_overrides')
          .values({
            date: '2026-12-31',
            kind: 'holiday',
            name: null,
            created_by: null,
            created_at: clock.read(),
          })
          .execute();
        // The pool, reached from inside: on PGlite this used to wait forever.
        await c.db.selectFrom('time_limits').selectAll().execute();
      });
      const err = await within(5_000, 'a pool query inside a transaction', attempt).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PoolInsideTransactionError);
      expect((err as Error).message).toMatch(/inside an open transaction/);
      // The same for a cache that would load lazily inside, and for a nested transaction.
      c.calendar.invalidate();
      const cold = await within(
        5_000,
        'a cold cache inside a transaction',
        c.db.transaction().execute(() => c.calendar.calendar()),
      ).catch((e: unknown) => e);
      expect(cold).toBeInstanceOf(PoolInsideTransactionError);
      const nested = await within(
        5_000,
        'a nested pool transaction',
        c.db.transaction().execute(() => c.db.transaction().execute(async () => 1)),
      ).catch((e: unknown) => e);
      expect(nested).toBeInstanceOf(PoolInsideTransactionError);
      // Controlled transactions and held connections, which would escape the guard, are refused.
      expect(() => c.db.startTransaction()).toThrow(/withTransaction/);
      expect(() => c.db.connection()).toThrow(/withTransaction/);
      // Nothing was stored, and the pool serves the next query.
      expect(
        await within(5_000, 'a query after', c.db.selectFrom('calendar_overrides').select('date').execute()),
      ).toEqual(before);
    });
  });
}

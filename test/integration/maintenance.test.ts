import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runMaintenance, startDatabaseMaintenance } from '../../src/db/maintenance.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('database maintenance', (env) => {
  let org: Org;
  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    for (let i = 0; i < 5; i++) await registerTestMatter(env().ctx, org);
  });

  it('gives the planner statistics and reclaims dead rows on PGlite, and leaves a server to autovacuum', async () => {
    const { ctx, kind } = env();
    const logs: string[] = [];
    const stop = startDatabaseMaintenance(ctx.handle, (m) => logs.push(m), {
      firstMs: 10,
      intervalMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 1_500));
    stop();
    const analysed = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'public' AND tablename = 'matters'`.execute(
          ctx.db,
        )
      ).rows[0]!.n;
    if (kind === 'pglite') {
      expect(logs.some((l) => /vacuumed and analysed/.test(l))).toBe(true);
      expect(await analysed()).toBeGreaterThan(0);
    } else {
      expect(logs).toEqual([]);
      await runMaintenance(ctx.handle);
      expect(await analysed()).toBeGreaterThan(0);
    }
    // The data is untouched.
    const count = await ctx.db
      .selectFrom('matters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });
});

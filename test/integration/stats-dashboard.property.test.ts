import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { dashboardSummary } from '../../src/analytics/dashboard.queries.ts';
import { foldPending, verifyRollups } from '../../src/analytics/rollup.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { badgeColumn } from '../../src/deadlines/badge.sql.ts';
import { visibleTo } from '../../src/lifecycle/access-rule.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * The home page's counts come from rollups keyed by day while a deadline badge turns at an instant:
 * random registrations, acceptances, folds and clock moves (across warning and due points, and
 * across midnight in Beijing) must leave every user's counts equal to the plain count over the
 * matters and their open limits — which is what the queue filters by.
 */
describeEachDb('the home dashboard from rollups equals the plain count at every moment', (env) => {
  let org: Org;
  let users: StaffUser[];
  const ids: number[] = [];

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    const u = org.users;
    users = [u.registrar, u.cityHead, u.provinceHead, u.streetHead, u.officer, u.countyHead, u.labourHead];
  });

  async function plain(user: StaffUser) {
    const now = env().ctx.clock();
    const rows = await env()
      .ctx.db.selectFrom('matters as m')
      .leftJoin('deadlines as d', (j) =>
        j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
      )
      .where(visibleTo(user))
      .select(['m.state', badgeColumn(now).as('badge'), sql<number>`count(*)::int`.as('n')])
      .groupBy(['m.state', sql`2`])
      .execute();
    const byBadge = { overdue: 0, warning: 0, on_time: 0 };
    const byState: Record<string, number> = {};
    let total = 0;
    let noDeadline = 0;
    for (const r of rows) {
      total += r.n;
      byState[r.state] = (byState[r.state] ?? 0) + r.n;
      if (r.badge) byBadge[r.badge] += r.n;
      else noDeadline += r.n;
    }
    return { total, byState, byBadge, noDeadline };
  }

  type Op =
    // A report of misconduct is counted by the bureau that registers it (and the unit it is routed
    // to), never by the unit it reports or by the city and province above.
    | { op: 'register'; region: number; visit: boolean; misconduct: boolean }
    | { op: 'accept'; matter: number }
    | { op: 'advance'; hours: number }
    // The clock moved to shortly before an open limit's warning or due point: the day on which the
    // badge is judged by the instant, not by the rollup's day.
    | { op: 'approach'; limit: number; point: 'warn_at' | 'due_at'; minutes: number }
    | { op: 'fold' };
  const REGIONS = ['440305001001', '440305002', '440305', '440305001'];

  async function apply(op: Op) {
    const { ctx, clock } = env();
    switch (op.op) {
      case 'register': {
        const m = await registerTestMatter(ctx, org, {
          regionCode: REGIONS[op.region % REGIONS.length]!,
          ...(op.visit ? { channel: 'visit' as const, headCount: 3 } : {}),
          ...(op.misconduct
            ? { purpose: 'accusation' as const, isMisconductReport: true, reportedUnitId: org.units.labour }
            : {}),
        });
        ids.push(m.id);
        return;
      }
      case 'accept': {
        if (ids.length === 0) return;
        const id = ids[op.matter % ids.length]!;
        const state = await ctx.db
          .selectFrom('matters')
          .select('state')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        if (state.state !== 'registered') return;
        await cmd.decide(ctx, org.staff(org.users.registrar), id, {
          decision: 'accept',
          leadUnitId: org.units.housing,
        });
        return;
      }
      case 'advance':
        clock.set(new Date(clock.read().getTime() + op.hours * 3_600_000).toISOString());
        return;
      case 'approach': {
        const open = await ctx.db
          .selectFrom('deadlines')
          .select(['warn_at', 'due_at'])
          .where('main', '=', true)
          .where('status', '=', 'open')
          .orderBy('id')
          .execute();
        if (open.length === 0) return;
        const at = new Date(open[op.limit % open.length]![op.point]).getTime() - op.minutes * 60_000;
        if (at > clock.read().getTime()) clock.set(new Date(at).toISOString());
        return;
      }
      case 'fold':
        await foldPending(ctx);
    }
  }

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('register' as const),
        region: fc.nat(),
        visit: fc.boolean(),
        misconduct: fc.boolean(),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('accept' as const), matter: fc.nat() }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('advance' as const),
        hours: fc.constantFrom(1, 5, 7, 16, 24, 49, 120, 300),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('approach' as const),
        limit: fc.nat(),
        point: fc.constantFrom('warn_at' as const, 'due_at' as const),
        minutes: fc.constantFrom(1, 30, 180),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ op: 'fold' as const }) },
  );

  it('for random histories and clock moves, for users of every scope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const op of ops) await apply(op);
        for (const user of users) {
          const got = await dashboardSummary(env().ctx, user);
          const want = await plain(user);
          const nonZero = Object.fromEntries(Object.entries(got.byState).filter(([, n]) => n !== 0));
          expect({ ...got, byState: nonZero }, user.username).toEqual(want);
        }
        expect((await verifyRollups(env().ctx)).differences).toEqual([]);
      }),
      { numRuns: 12 },
    );
    expect(ids.length).toBeGreaterThan(5);
  });
});

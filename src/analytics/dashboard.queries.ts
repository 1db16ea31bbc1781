import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Db } from '../db/database.ts';
import { badgeColumn } from '../deadlines/badge.sql.ts';
import type { DeadlineBadge } from '../deadlines/plan.ts';
import { visibleTo } from '../lifecycle/access-rule.ts';
import { MATTER_STATES, type MatterState } from '../shared/enums.ts';
import { misconductOutsideRollup, resolveStatsScope } from './stats-scope.ts';

export interface DashboardSummary {
  total: number;
  byState: Record<MatterState, number>;
  byBadge: Record<DeadlineBadge, number>;
  noDeadline: number;
}

const empty = (): DashboardSummary => ({
  total: 0,
  byState: Object.fromEntries(MATTER_STATES.map((s) => [s, 0])) as Record<MatterState, number>,
  byBadge: { overdue: 0, warning: 0, on_time: 0 },
  noDeadline: 0,
});

/**
 * Exact counts of the matters a user may see, by state and by the badge of the open main deadline,
 * in one answer. Each figure equals the queue's total for the same filter: the scope is the one access
 * rule, and a badge is the queue's `deadline` filter's condition (deadlines/badge.sql.ts), applied
 * here to the rollup of open limits by their instants.
 *
 * A unit answering for a province, city or county reads the rollups of migrations 0017–0026 (plus the
 * reports of misconduct it handles without having registered them, counted from the matters), so the home page of a province bureau costs
 * the same at ten million matters as at ten; any other user's matters are counted directly.
 */
export async function dashboardSummary(ctx: AppContext, user: StaffUser): Promise<DashboardSummary> {
  const now = ctx.clock();
  const db = ctx.readDb;
  const scope = await resolveStatsScope(db, user);
  if (scope.mode === 'raw') return countMatters(db, user, now, false);
  const [states, badges, own] = await Promise.all([
    rolledStates(db, scope.region.code, user.unit.id),
    rolledBadges(db, scope.region.code, user.unit.id, now),
    countMatters(db, user, now, true),
  ]);
  const summary = own;
  for (const [state, n] of states) {
    summary.byState[state] = (summary.byState[state] ?? 0) + n;
    summary.total += n;
  }
  let withDeadline = 0;
  for (const badge of ['overdue', 'warning', 'on_time'] as const) {
    summary.byBadge[badge] += badges[badge];
    withDeadline += badges[badge];
  }
  summary.noDeadline += states.reduce((a, [, n]) => a + n, 0) - withDeadline;
  return summary;
}

/** Counted from the matters: all the user may see, or only the reports of misconduct their unit
 * handles without having registered them (the part its rollup rows lack). */
async function countMatters(
  db: Db,
  user: StaffUser,
  now: Date,
  misconductOnly: boolean,
): Promise<DashboardSummary> {
  const badge = badgeColumn(now);
  const rows = await db
    .selectFrom('matters as m')
    .leftJoin('deadlines as d', (j) =>
      j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
    )
    .where(misconductOnly ? misconductOutsideRollup(user) : visibleTo(user))
    .select((eb) => ['m.state', badge.as('badge'), eb.fn.countAll<string | number>().as('n')])
    .groupBy(['m.state', sql`2`])
    .execute();
  const summary = empty();
  for (const r of rows) {
    const n = Number(r.n);
    summary.total += n;
    summary.byState[r.state as MatterState] += n;
    if (r.badge) summary.byBadge[r.badge] += n;
    else summary.noDeadline += n;
  }
  return summary;
}

/** Matters by state in a rollup subtree (all months) as a unit counts them, folded and pending. */
async function rolledStates(db: Db, scope: string, unitId: number): Promise<[MatterState, number][]> {
  const res = await sql<{ state: MatterState; n: number }>`
    SELECT state, sum(n)::int AS n FROM (
      SELECT value AS state, cases AS n FROM stats_volume_month
      WHERE scope = ${scope} AND viewer IN (0, ${unitId}) AND dim = 'state'
      UNION ALL
      SELECT p.state, p.sign FROM stats_pending p
      JOIN stats_region_scopes s ON s.region_code = p.region_code AND s.scope = ${scope}
      WHERE p.viewer IN (0, ${unitId})
    ) x GROUP BY state`.execute(db);
  return res.rows.map((r) => [r.state, Number(r.n)]);
}

/**
 * Open main limits of a subtree by badge now, summed over the rollup keyed by warning and due instant
 * (migration 0026) under the queue's own badge conditions: exact at any instant, with no limit read
 * one by one.
 */
async function rolledBadges(
  db: Db,
  scope: string,
  unitId: number,
  now: Date,
): Promise<Record<DeadlineBadge, number>> {
  const res = await sql<{ badge: DeadlineBadge | null; n: number }>`
    SELECT ${badgeColumn(now)} AS badge, sum(d.open)::int AS n FROM (
      SELECT due_at, warn_at, open FROM stats_deadlines
      WHERE scope = ${scope} AND viewer IN (0, ${unitId})
      UNION ALL
      SELECT p.due_at, p.warn_at, p.sign FROM stats_deadline_pending p
      JOIN stats_region_scopes s ON s.region_code = p.region_code AND s.scope = ${scope}
      WHERE p.viewer IN (0, ${unitId})
    ) d GROUP BY 1`.execute(db);
  const out = { overdue: 0, warning: 0, on_time: 0 };
  for (const r of res.rows) if (r.badge) out[r.badge] += Number(r.n);
  return out;
}

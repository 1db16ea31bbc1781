import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { accessRule, toSql } from '../lifecycle/access-rule.ts';
import { badgeColumn } from '../deadlines/badge.sql.ts';
import type { DeadlineBadge } from '../deadlines/plan.ts';
import { MATTER_STATES, type MatterState } from '../shared/enums.ts';

export interface DashboardSummary {
  total: number;
  byState: Record<MatterState, number>;
  byBadge: Record<DeadlineBadge, number>;
  noDeadline: number;
}

/**
 * Exact counts of the matters a user may see, in one grouped query: by state and by the badge of the
 * open main deadline. The scope is the one access rule the queue reads through, and the badges are
 * the queue's `deadline` filter's conditions (deadlines/badge.sql.ts), so each figure equals the queue's total for it.
 */
export async function dashboardSummary(ctx: AppContext, user: StaffUser): Promise<DashboardSummary> {
  const now = ctx.clock();
  const rule = accessRule(user);
  const badge = badgeColumn(now);
  const rows = await ctx.db
    .selectFrom('matters as m')
    .leftJoin('deadlines as d', (j) =>
      j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
    )
    .where((eb) => toSql(rule, eb))
    .select((eb) => ['m.state', badge.as('badge'), eb.fn.countAll<string | number>().as('n')])
    .groupBy(['m.state', sql`2`])
    .execute();

  const summary: DashboardSummary = {
    total: 0,
    byState: Object.fromEntries(MATTER_STATES.map((s) => [s, 0])) as Record<MatterState, number>,
    byBadge: { overdue: 0, warning: 0, on_time: 0 },
    noDeadline: 0,
  };
  for (const r of rows) {
    const n = Number(r.n);
    summary.total += n;
    summary.byState[r.state as MatterState] += n;
    if (r.badge) summary.byBadge[r.badge] += n;
    else summary.noDeadline += n;
  }
  return summary;
}

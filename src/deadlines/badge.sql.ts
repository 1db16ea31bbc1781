import { sql, type RawBuilder } from 'kysely';
import type { DeadlineBadge } from './plan.ts';

/**
 * deadlineBadge (plan.ts) as SQL over the open main deadline joined as `d`: the queue filters by
 * these conditions and the dashboard counts by them, so each count equals the queue's total.
 */
export function badgeCondition(badge: DeadlineBadge, now: Date): RawBuilder<boolean> {
  const due = sql.ref('d.due_at');
  const warn = sql.ref('d.warn_at');
  switch (badge) {
    case 'overdue':
      return sql<boolean>`${due} < ${now}`;
    case 'warning':
      return sql<boolean>`${warn} <= ${now} AND ${due} >= ${now}`;
    case 'on_time':
      return sql<boolean>`${warn} > ${now}`;
  }
}

/** The badge of `d` as a column: null for a matter with no open main deadline. */
export const badgeColumn = (now: Date): RawBuilder<DeadlineBadge | null> =>
  sql<DeadlineBadge | null>`CASE
    WHEN ${badgeCondition('overdue', now)} THEN 'overdue'
    WHEN ${badgeCondition('warning', now)} THEN 'warning'
    WHEN ${badgeCondition('on_time', now)} THEN 'on_time'
  END`;

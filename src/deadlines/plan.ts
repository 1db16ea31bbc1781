import { computeDue, computeWarning, type WorkingCalendar } from '../calendar/index.ts';
import type { TimeLimit } from './calendar-provider.ts';

export interface PlannedDeadline {
  kind: string;
  startsAt: Date;
  dueAt: Date;
  dueDate: string;
  warnAt: Date;
}

/** Applies a configured limit to a start instant: the due point and the warning point. */
export function planDeadline(
  calendar: WorkingCalendar,
  limit: TimeLimit,
  startsAt: Date,
  amountOverride?: number,
): PlannedDeadline {
  const due = computeDue(calendar, {
    start: startsAt,
    amount: amountOverride ?? limit.amount,
    unit: limit.unit,
    rollForward: limit.roll_forward,
  });
  let warnAt = computeWarning(calendar, due, limit.unit, {
    amount: limit.warn_amount,
    unit: limit.warn_unit,
  });
  // A warning point before the start (a short limit) warns at the start instead.
  if (warnAt < startsAt) warnAt = startsAt;
  if (warnAt > due.dueAt) warnAt = due.dueAt;
  return { kind: limit.kind, startsAt, dueAt: due.dueAt, dueDate: due.dueDate, warnAt };
}

/** A deadline given by someone else (a handing-down body's date): the end of that local day. */
export function planFixedDeadline(
  calendar: WorkingCalendar,
  limit: TimeLimit,
  kind: string,
  startsAt: Date,
  dueDate: string,
  dueAt: Date,
): PlannedDeadline {
  let warnAt = computeWarning(calendar, { dueAt, dueDate }, 'days', {
    amount: limit.warn_amount,
    unit: limit.warn_unit,
  });
  if (warnAt < startsAt) warnAt = startsAt;
  if (warnAt > dueAt) warnAt = dueAt;
  return { kind, startsAt, dueAt, dueDate, warnAt };
}

export type DeadlineBadge = 'on_time' | 'warning' | 'overdue';

/** What a queue row shows: on time, inside the warning window, or past due. */
export function deadlineBadge(now: Date, d: { warnAt: Date; dueAt: Date }): DeadlineBadge {
  if (now > d.dueAt) return 'overdue';
  if (now >= d.warnAt) return 'warning';
  return 'on_time';
}

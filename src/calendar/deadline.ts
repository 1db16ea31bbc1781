import type { WorkingCalendar } from './calendar.ts';
import type { IsoDate } from './dates.ts';
import { DEFAULT_TIME_ZONE, endOfLocalDay, localDateOf, startOfLocalDay } from './zoned.ts';

/**
 * Deadline arithmetic for the 信访工作条例's time limits (15 days to decide on acceptance, 60 days to
 * handle, and so on). Counting follows 民法典 第二百零一条: the day of receipt is not counted, and
 * 第二百零三条: a limit whose last day is a statutory holiday or rest day ends on the next working day,
 * at 24:00 of that day.
 */

/** How a limit is measured; a deployment may switch any limit to working days or hours. */
export type LimitUnit = 'days' | 'working_days' | 'hours';

/** A time limit starting at an instant. */
export interface LimitSpec {
  start: Date;
  amount: number;
  unit: LimitUnit;
  /** For calendar days: move a last day that is not a working day to the next working day. */
  rollForward: boolean;
}

/** When a limit ends: the instant, and its local calendar date. */
export interface Due {
  dueAt: Date;
  dueDate: IsoDate;
}

/** How long before the due point the warning fires. */
export interface WarningSpec {
  amount: number;
  unit: LimitUnit;
}

/** Procedure spec default: warn 3 working days before the due date. */
export const DEFAULT_WARNING: Readonly<WarningSpec> = { amount: 3, unit: 'working_days' };

const MS_PER_HOUR = 3_600_000;

/**
 * Computes when a limit ends. Days and working days are counted on local dates from the day after
 * the start, and the limit runs to the end of the last day (23:59:59.999 local). Hours (e.g. a
 * hotline's urgent matters within 2 hours) are added to the start instant without rounding.
 */
export function computeDue(calendar: WorkingCalendar, spec: LimitSpec, timeZone = DEFAULT_TIME_ZONE): Due {
  const { start, amount, unit } = spec;
  if (Number.isNaN(start.getTime())) throw new RangeError('Limit start is an invalid Date');
  if (unit === 'hours') {
    if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`Hours must be ≥ 0: ${amount}`);
    const dueAt = new Date(start.getTime() + amount * MS_PER_HOUR);
    return { dueAt, dueDate: localDateOf(dueAt, timeZone) };
  }
  assertWholeCount(amount);
  const startDate = localDateOf(start, timeZone);
  let last =
    unit === 'working_days'
      ? calendar.addWorkingDays(startDate, amount)
      : calendar.addDays(startDate, amount);
  // Changes the result only for calendar days, or for 0 working days counted from a rest day.
  if (spec.rollForward) last = calendar.nextWorkingDayOnOrAfter(last);
  return { dueAt: endOfLocalDay(last, timeZone), dueDate: last };
}

/**
 * The instant a limit's warning fires (procedure spec: default 3 working days before).
 * - Hour warnings: that many hours before the due instant.
 * - Day warnings on a day-based limit: 00:00 local of the day that many (working) days before the
 *   due date, so staff see the warning for the whole of that day.
 * - Day warnings on an hours limit (a limit switched to hours keeps the default warning): the same
 *   local clock time as the due instant, that many (working) days earlier.
 * The result may precede the start of a short limit; callers clamp it.
 */
export function computeWarning(
  calendar: WorkingCalendar,
  due: Due,
  limitUnit: LimitUnit,
  warning: WarningSpec = DEFAULT_WARNING,
  timeZone = DEFAULT_TIME_ZONE,
): Date {
  if (warning.unit === 'hours') {
    if (!Number.isFinite(warning.amount) || warning.amount < 0) {
      throw new RangeError(`Warning hours must be ≥ 0: ${warning.amount}`);
    }
    return new Date(due.dueAt.getTime() - warning.amount * MS_PER_HOUR);
  }
  assertWholeCount(warning.amount);
  const day =
    warning.unit === 'working_days'
      ? calendar.subtractWorkingDays(due.dueDate, warning.amount)
      : calendar.addDays(due.dueDate, -warning.amount);
  const dayStart = startOfLocalDay(day, timeZone);
  if (limitUnit !== 'hours') return dayStart;
  const timeOfDay = due.dueAt.getTime() - startOfLocalDay(due.dueDate, timeZone).getTime();
  return new Date(dayStart.getTime() + timeOfDay);
}

/**
 * Due date for `minsheng calendar due --from YYYY-MM-DD --days N [--working]`: `from` is the day of
 * receipt (not counted); calendar days roll forward to the next working day, working days count
 * working days.
 */
export function dueDateForCli(
  calendar: WorkingCalendar,
  from: IsoDate,
  days: number,
  working: boolean,
): IsoDate {
  assertWholeCount(days);
  return working
    ? calendar.nextWorkingDayOnOrAfter(calendar.addWorkingDays(from, days))
    : calendar.nextWorkingDayOnOrAfter(calendar.addDays(from, days));
}

function assertWholeCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Day count must be a whole number ≥ 0: ${n}`);
}

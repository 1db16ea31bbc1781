import { createCalendar, type WorkingCalendar } from '../calendar/index.ts';
import type { Db } from '../db/database.ts';
import type { TimeLimitsTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

export type TimeLimit = Selectable<TimeLimitsTable>;

/**
 * The calendar (official notices + admin overrides) and the configured time limits, cached and
 * reloaded when an administrator changes either. Registration reads both on every request.
 */
export interface CalendarProvider {
  calendar(): Promise<WorkingCalendar>;
  limit(kind: string): Promise<TimeLimit>;
  limits(): Promise<TimeLimit[]>;
  invalidate(): void;
}

export function createCalendarProvider(db: Db): CalendarProvider {
  let calendarPromise: Promise<WorkingCalendar> | null = null;
  let limitsPromise: Promise<Map<string, TimeLimit>> | null = null;

  const loadCalendar = async () => {
    const [overrides, years] = await Promise.all([
      db.selectFrom('calendar_overrides').select(['date', 'kind', 'name']).execute(),
      db.selectFrom('calendar_years_loaded').select('year').execute(),
    ]);
    return createCalendar({ overrides, overrideYears: years.map((y) => y.year) });
  };
  const loadLimits = async () =>
    new Map((await db.selectFrom('time_limits').selectAll().execute()).map((l) => [l.kind, l]));

  return {
    calendar: () =>
      (calendarPromise ??= loadCalendar().catch((e: unknown) => {
        calendarPromise = null; // a failed load is retried on the next call
        throw e;
      })),
    async limit(kind) {
      const limits = await (limitsPromise ??= loadLimits());
      const l = limits.get(kind);
      if (!l) throw new Error(`time limit '${kind}' is not configured`);
      return l;
    },
    async limits() {
      return [...(await (limitsPromise ??= loadLimits())).values()];
    },
    invalidate() {
      calendarPromise = null;
      limitsPromise = null;
    },
  };
}

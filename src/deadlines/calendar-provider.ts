import { createCalendar, type WorkingCalendar } from '../calendar/index.ts';
import type { Db } from '../db/database.ts';
import type { TimeLimitsTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

export type TimeLimit = Selectable<TimeLimitsTable>;

/**
 * The calendar and the time limits as they were when a transaction began: what code inside the
 * transaction plans deadlines with. It reads nothing, so it cannot reach for the pool there.
 */
export interface CalendarSnapshot {
  readonly calendar: WorkingCalendar;
  /** The configured limit of `kind`; throws when it is not configured. */
  limit(kind: string): TimeLimit;
  readonly limits: readonly TimeLimit[];
}

/**
 * The calendar (official notices + admin overrides) and the configured time limits, cached and
 * reloaded when an administrator changes either. Registration reads both on every request.
 */
export interface CalendarProvider {
  calendar(): Promise<WorkingCalendar>;
  limit(kind: string): Promise<TimeLimit>;
  limits(): Promise<TimeLimit[]>;
  /** Both, loaded (through the pool) if they are not yet: call it before a transaction begins. */
  snapshot(): Promise<CalendarSnapshot>;
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
  const calendar = () =>
    (calendarPromise ??= loadCalendar().catch((e: unknown) => {
      calendarPromise = null; // a failed load is retried on the next call
      throw e;
    }));
  const limits = () =>
    (limitsPromise ??= loadLimits().catch((e: unknown) => {
      limitsPromise = null;
      throw e;
    }));
  const limitOf = (all: Map<string, TimeLimit>, kind: string) => {
    const l = all.get(kind);
    if (!l) throw new Error(`time limit '${kind}' is not configured`);
    return l;
  };

  return {
    calendar,
    async limit(kind) {
      return limitOf(await limits(), kind);
    },
    async limits() {
      return [...(await limits()).values()];
    },
    async snapshot() {
      const [cal, all] = await Promise.all([calendar(), limits()]);
      return { calendar: cal, limit: (kind) => limitOf(all, kind), limits: [...all.values()] };
    },
    invalidate() {
      calendarPromise = null;
      limitsPromise = null;
    },
  };
}

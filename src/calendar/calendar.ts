import {
  addCalendarDays,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  parseIsoDate,
  toDayNumber,
  yearOf,
  type IsoDate,
} from './dates.ts';
import { loadOfficialNotices, type OfficialNotices } from './official-notices.ts';
import { statutoryHolidays } from './statutory-fallback.ts';

/** An administrator's correction to the calendar (table calendar_overrides). */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'workday' | 'holiday';
  name?: string | null;
}

/** Where a day's status came from, in order of precedence. */
export type DaySource = 'override' | 'official' | 'statutory-fallback' | 'weekend' | 'weekday';

/** The status of one day. */
export interface DayInfo {
  date: IsoDate;
  working: boolean;
  name?: string;
  source: DaySource;
}

/** Options for {@link createCalendar}. */
export interface CalendarOptions {
  /** Admin corrections; they win over everything. Later entries for the same date win. */
  overrides?: readonly CalendarOverride[];
  /**
   * Years an administrator loaded in full as overrides (table calendar_years_loaded). For these years
   * the overrides are the whole notice: package data and the statutory fallback are not consulted.
   */
  overrideYears?: readonly number[];
  /** Official notices; defaults to the data shipped in chinese-days. */
  official?: OfficialNotices;
}

/** The working-day calendar used for every limit. All dates are 'YYYY-MM-DD'. */
export interface WorkingCalendar {
  dayInfo(date: IsoDate): DayInfo;
  isWorkingDay(date: IsoDate): boolean;
  /** True if the year's official notice is in the package data or an admin loaded the year in full. */
  hasOfficialNotice(year: number): boolean;
  /** Calendar days, no working-day logic; n may be negative. */
  addDays(date: IsoDate, n: number): IsoDate;
  /** The n-th working day after `date`; `date` itself is not counted. n = 0 returns `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** The n-th working day before `date`; `date` itself is not counted. n = 0 returns `date`. */
  subtractWorkingDays(date: IsoDate, n: number): IsoDate;
  /** `date` if it is a working day, else the first working day after it. */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  /** Working days d with a < d ≤ b (negated when b < a): the inverse of addWorkingDays. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
}

/**
 * Guard against an endless scan if overrides mark a long run as holidays. No real calendar has a
 * year without a working day, so a longer run is a data error worth failing loudly on.
 */
const MAX_REST_RUN = 366;

/**
 * Builds the calendar. Precedence for a day: admin override → (year loaded in full by an admin:
 * weekend/weekday) → official notice → statutory fallback for a year with no notice → weekend/weekday.
 * Weekends are rest days (国务院关于职工工作时间的规定 第七条) unless a notice makes them 调休 workdays.
 */
export function createCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const official = options.official ?? loadOfficialNotices();
  const overrideYears = new Set(options.overrideYears ?? []);
  const overrides = new Map<IsoDate, CalendarOverride>();
  for (const o of options.overrides ?? []) {
    if (!isIsoDate(o.date))
      throw new RangeError(`Calendar override has a bad date: ${JSON.stringify(o.date)}`);
    overrides.set(o.date, o);
  }
  const fallbackByYear = new Map<number, Map<IsoDate, string>>();

  const hasOfficialNotice = (year: number): boolean => official.years.has(year) || overrideYears.has(year);

  const fallbackName = (date: IsoDate, year: number): string | undefined => {
    let days = fallbackByYear.get(year);
    if (!days) {
      days = new Map(statutoryHolidays(year).map((h) => [h.date, h.name]));
      fallbackByYear.set(year, days);
    }
    return days.get(date);
  };

  const dayInfo = (date: IsoDate): DayInfo => {
    const year = yearOf(date); // also validates the date
    const override = overrides.get(date);
    if (override) {
      const info: DayInfo = { date, working: override.kind === 'workday', source: 'override' };
      if (override.name) info.name = override.name;
      return info;
    }
    if (!overrideYears.has(year)) {
      const day = official.days.get(date);
      if (day) return { date, working: day.working, name: day.name, source: 'official' };
      if (!official.years.has(year)) {
        const name = fallbackName(date, year);
        if (name) return { date, working: false, name, source: 'statutory-fallback' };
      }
    }
    return isWeekend(date)
      ? { date, working: false, source: 'weekend' }
      : { date, working: true, source: 'weekday' };
  };

  const isWorkingDay = (date: IsoDate): boolean => dayInfo(date).working;

  /** Steps one day at a time in `direction` and returns the n-th working day, not counting `date`. */
  const stepWorkingDays = (date: IsoDate, n: number, direction: 1 | -1): IsoDate => {
    assertCount(n);
    parseIsoDate(date); // n = 0 returns `date`, so validate it here
    let current = date;
    let rest = 0;
    for (let found = 0; found < n;) {
      current = addCalendarDays(current, direction);
      if (isWorkingDay(current)) {
        found++;
        rest = 0;
      } else if (++rest > MAX_REST_RUN) {
        throw new RangeError(
          `No working day within ${MAX_REST_RUN} days of ${current}; check calendar overrides`,
        );
      }
    }
    return current;
  };

  const nextWorkingDayOnOrAfter = (date: IsoDate): IsoDate =>
    isWorkingDay(date) ? date : stepWorkingDays(date, 1, 1);

  const workingDaysBetween = (a: IsoDate, b: IsoDate): number => {
    const [x, y] = [toDayNumber(a), toDayNumber(b)];
    const [from, to, sign] = x <= y ? [x, y, 1] : [y, x, -1];
    let count = 0;
    for (let d = from + 1; d <= to; d++) {
      if (isWorkingDay(fromDayNumber(d))) count++;
    }
    return count === 0 ? 0 : sign * count; // never -0
  };

  return {
    dayInfo,
    isWorkingDay,
    hasOfficialNotice,
    addDays: addCalendarDays,
    addWorkingDays: (date, n) => stepWorkingDays(date, n, 1),
    subtractWorkingDays: (date, n) => stepWorkingDays(date, n, -1),
    nextWorkingDayOnOrAfter,
    workingDaysBetween,
  };
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`Working-day count must be a whole number ≥ 0: ${n}`);
}

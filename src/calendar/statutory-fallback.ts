import { createRequire } from 'node:module';
import { addCalendarDays, formatIsoDate, type IsoDate } from './dates.ts';

/**
 * Statutory holidays for a year whose official notice is not loaded, per 《全国年节及纪念日放假办法》
 * as amended on 2024-11-10 (in force 2025-01-01), 第二条: 元旦 1 day, 春节 4 days (除夕 to 初三),
 * 清明 1 day, 劳动节 2 days (5/1–5/2), 端午 1 day, 中秋 1 day, 国庆 3 days (10/1–10/3).
 *
 * Deliberately not modelled: the notice's 调休 re-arrangement and the 补假 for a holiday that falls on
 * a weekend (第六条), because their placement is only known from the notice. Leaving them out gives
 * fewer rest days, so a fallback deadline can only be earlier than the official one, never later.
 */

/** Years the fallback can compute: the lunar table in chinese-days spans 1900–2100. */
export const FALLBACK_YEARS = { min: 1901, max: 2099 } as const;

/** A statutory holiday date. */
export interface StatutoryHoliday {
  date: IsoDate;
  name: string;
}

interface LunarTable {
  monthDays: (lunarYear: number, month: number) => number;
  getYearLeapMonth: (lunarYear: number) => { leapMonth: number | undefined; days: number };
}

// Only the raw lunar-table lookups are used. chinese-days' getSolarDateFromLunar and getSolarTermDate
// build dates in the server's local zone and return the previous day when TZ is west of UTC
// (e.g. America/Los_Angeles gives 2027-02-07 for Spring Festival), so the date arithmetic is done here.
const lunar = createRequire(import.meta.url)('chinese-days') as LunarTable;

/** Lunar 1900-01-01 (正月初一) was Gregorian 1900-01-31: the epoch of the lunar table. */
const LUNAR_EPOCH: IsoDate = '1900-01-31';

function lunarYearLength(lunarYear: number): number {
  let days = lunar.getYearLeapMonth(lunarYear).days;
  for (let m = 1; m <= 12; m++) days += lunar.monthDays(lunarYear, m);
  return days;
}

/**
 * Gregorian date of a day in an ordinary (non-leap) lunar month. When the year has a leap month
 * (闰月), festivals are kept in the ordinary month, which comes before the leap month of that number.
 */
export function lunarToSolar(lunarYear: number, month: number, day: number): IsoDate {
  assertFallbackYear(lunarYear);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Bad lunar month ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > lunar.monthDays(lunarYear, month)) {
    throw new RangeError(`Lunar ${lunarYear}-${month} has no day ${day}`);
  }
  let offset = 0;
  for (let y = 1900; y < lunarYear; y++) offset += lunarYearLength(y);
  const leap = lunar.getYearLeapMonth(lunarYear);
  for (let m = 1; m < month; m++) {
    offset += lunar.monthDays(lunarYear, m);
    if (m === leap.leapMonth) offset += leap.days;
  }
  return addCalendarDays(LUNAR_EPOCH, offset + day - 1);
}

/**
 * 清明 (the Pure Brightness solar term) by the standard 寿星 formula [Y×0.2422 + C] − [Y/4]
 * (C = 4.81 for 2000–2099, 5.59 for 1901–1999), the same formula chinese-days uses; it has no
 * correction entries for 清明 in this range.
 */
export function qingmingDate(year: number): IsoDate {
  assertFallbackYear(year);
  const y = year % 100;
  const c = year >= 2000 ? 4.81 : 5.59;
  return formatIsoDate(year, 4, Math.floor(y * 0.2422 + c) - Math.floor(y / 4));
}

/** The statutory holidays of a Gregorian year, in date order; overlapping festivals share a date. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  assertFallbackYear(year);
  const byDate = new Map<IsoDate, string>();
  const add = (date: IsoDate, name: string): void => {
    const existing = byDate.get(date);
    byDate.set(date, existing && existing !== name ? `${existing}、${name}` : name);
  };
  add(formatIsoDate(year, 1, 1), '元旦');
  // 除夕 is the last day of the twelfth lunar month (the 29th or the 30th), i.e. the day before 正月初一.
  const chuxi = addCalendarDays(lunarToSolar(year, 1, 1), -1);
  for (let i = 0; i < 4; i++) add(addCalendarDays(chuxi, i), '春节');
  add(qingmingDate(year), '清明');
  add(formatIsoDate(year, 5, 1), '劳动节');
  add(formatIsoDate(year, 5, 2), '劳动节');
  add(lunarToSolar(year, 5, 5), '端午');
  add(lunarToSolar(year, 8, 15), '中秋');
  for (let d = 1; d <= 3; d++) add(formatIsoDate(year, 10, d), '国庆节');
  return [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

function assertFallbackYear(year: number): void {
  if (!Number.isInteger(year) || year < FALLBACK_YEARS.min || year > FALLBACK_YEARS.max) {
    throw new RangeError(
      `No statutory-holiday fallback for ${year}: supported years are ${FALLBACK_YEARS.min}–${FALLBACK_YEARS.max}`,
    );
  }
}

import {
  addCalendarDays,
  daysBetween,
  isIsoDate,
  parseIsoDate,
  toDayNumber,
  type IsoDate,
} from '../calendar/dates.ts';
import { startOfLocalDay } from '../calendar/zoned.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';

/**
 * A statistics period: whole days in Beijing time, both ends included. A matter belongs to the day
 * it was received in China (23:30 on 31 December Beijing time is in that year, whatever the server's
 * zone), which is the date the record and its documents carry.
 */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** The longest period a figure may span (issue 12: more is a mistake, not a question). */
export const MAX_PERIOD_YEARS = 10;

/** The instants a period covers: [start, end). */
export function periodBounds(p: Period): { start: Date; end: Date } {
  return { start: startOfLocalDay(p.from), end: startOfLocalDay(addCalendarDays(p.to, 1)) };
}

/** The same days a year before; 29 February falls back to the 28th. */
export function previousYear(p: Period): Period {
  return { from: shiftYear(p.from, -1), to: shiftYear(p.to, -1) };
}

function shiftYear(d: IsoDate, years: number): IsoDate {
  const { year, month, day } = parseIsoDate(d);
  const y = year + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return `${y}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/**
 * Checks a period given as two dates: both real dates, `from` not after `to`, at most ten years.
 * Throws one validation error naming every wrong field (`pathPrefix`: where the fields came from, as
 * the HTTP layer names them, e.g. 'querystring').
 */
export function parsePeriod(input: { from: string; to: string }, pathPrefix = ''): Period {
  const fields: FieldError[] = [];
  const bad = (key: string, zh: string, en: string): FieldError => ({
    path: pathPrefix ? `${pathPrefix}.${key}` : key,
    message_zh: zh,
    message_en: en,
  });
  for (const key of ['from', 'to'] as const) {
    if (!isIsoDate(input[key]))
      fields.push(bad(key, '日期格式应为 YYYY-MM-DD', 'a date must be written YYYY-MM-DD'));
  }
  if (fields.length === 0) {
    if (input.from > input.to)
      fields.push(bad('from', '开始日期不能晚于结束日期', 'the start date must not be after the end date'));
    else if (toDayNumber(input.to) > toDayNumber(shiftYear(input.from, MAX_PERIOD_YEARS)))
      fields.push(
        bad(
          'to',
          `统计期间不得超过${MAX_PERIOD_YEARS}年`,
          `a period may span at most ${MAX_PERIOD_YEARS} years`,
        ),
      );
  }
  if (fields.length > 0) {
    const zh = fields.map((f) => `${f.path}：${f.message_zh}`).join('；');
    const en = fields.map((f) => `${f.path}: ${f.message_en}`).join('; ');
    throw new AppError('validation_failed', `输入有误：${zh}`, `Invalid input: ${en}`, fields);
  }
  return { from: input.from, to: input.to };
}

/** Named periods a user picks from: a month, a quarter or a year, as from–to. */
export function namedPeriod(kind: 'year' | 'quarter' | 'month', year: number, index = 1): Period {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (kind === 'year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  const firstMonth = kind === 'quarter' ? (index - 1) * 3 + 1 : index;
  const lastMonth = kind === 'quarter' ? firstMonth + 2 : firstMonth;
  const next = lastMonth === 12 ? `${year + 1}-01-01` : `${year}-${pad(lastMonth + 1)}-01`;
  return { from: `${year}-${pad(firstMonth)}-01`, to: addCalendarDays(next, -1) };
}

/**
 * A period cut for the rollups (migration 0022): the whole months it reads (as the first days of the
 * first and last of them), the odd days it adds, and the days it takes away. A month the period
 * covers mostly is read whole, less the days it leaves out (3 January to 28 December: twelve months,
 * less four days), since the rollups add up: a read costs at most about half a month of days at
 * either end instead of a whole month's.
 */
export function splitByMonth(p: Period): { months: Period | null; days: Period[]; minus: Period[] } {
  const wholeMonths: IsoDate[] = [];
  const days: Period[] = [];
  const minus: Period[] = [];
  for (let month = monthStartOf(p.from); month <= p.to; month = nextMonthStart(month)) {
    const last = addCalendarDays(nextMonthStart(month), -1);
    const from = p.from > month ? p.from : month;
    const to = p.to < last ? p.to : last;
    const covered = daysBetween(from, to) + 1;
    const left = daysBetween(month, last) + 1 - covered;
    if (left + 1 < covered || left === 0) {
      wholeMonths.push(month);
      if (from > month) minus.push({ from: month, to: addCalendarDays(from, -1) });
      if (to < last) minus.push({ from: addCalendarDays(to, 1), to: last });
    } else days.push({ from, to });
  }
  // Only the first and the last month can be partial, so the months read are consecutive.
  const months =
    wholeMonths.length === 0 ? null : { from: wholeMonths[0]!, to: wholeMonths[wholeMonths.length - 1]! };
  return { months, days: mergeAdjacent(days), minus };
}

/** Consecutive day ranges as one (a period inside one month read by days is one range). */
function mergeAdjacent(ranges: Period[]): Period[] {
  const out: Period[] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    if (prev && addCalendarDays(prev.to, 1) === r.from) prev.to = r.to;
    else out.push({ ...r });
  }
  return out;
}

function monthStartOf(d: IsoDate): IsoDate {
  return `${d.slice(0, 8)}01`;
}

function nextMonthStart(d: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(d);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

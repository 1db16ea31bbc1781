import { addCalendarDays, formatIsoDate, parseIsoDate, type IsoDate } from './dates.ts';

/**
 * Converting between instants and local calendar dates in an IANA time zone, without reading the
 * server's own zone. Minsheng's limits run on Beijing time (Asia/Shanghai, UTC+8, no DST since 1991)
 * whatever the server is set to; other zones are supported for completeness.
 */

/** Beijing time: the limits of the 信访工作条例 run on the date in China whatever the server zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what we want.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// China has kept UTC+8 without DST since 1991 (and the limits concern recent dates), so the
// default zone needs no Intl formatting: this is on every registration's path.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const SHANGHAI_FIXED_FROM = Date.UTC(1991, 8, 15);

function wallClock(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; ms: number } {
  if (timeZone === DEFAULT_TIME_ZONE && instant.getTime() >= SHANGHAI_FIXED_FROM) {
    const ms = instant.getTime() + SHANGHAI_OFFSET_MS;
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), ms };
  }
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? NaN;
  const month = parts.month ?? NaN;
  const day = parts.day ?? NaN;
  const ms =
    Date.UTC(year, month - 1, day, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) +
    instant.getUTCMilliseconds();
  return { year, month, day, ms };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Asia/Shanghai: +8 h). */
function offsetMs(instant: Date, timeZone: string): number {
  return wallClock(instant, timeZone).ms - instant.getTime();
}

/** The local calendar date of `instant` in `timeZone` (default Beijing time). */
export function localDateOf(instant: Date, timeZone = DEFAULT_TIME_ZONE): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const { year, month, day } = wallClock(instant, timeZone);
  return formatIsoDate(year, month, day);
}

/** The first instant (00:00:00.000 local) of `date` in `timeZone`. */
export function startOfLocalDay(date: IsoDate, timeZone = DEFAULT_TIME_ZONE): Date {
  const { year, month, day } = parseIsoDate(date);
  const wall = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even when a DST change happens near midnight.
  const first = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(first), timeZone));
}

/** The last millisecond (23:59:59.999 local) of `date` in `timeZone`. */
export function endOfLocalDay(date: IsoDate, timeZone = DEFAULT_TIME_ZONE): Date {
  return new Date(startOfLocalDay(addCalendarDays(date, 1), timeZone).getTime() - 1);
}

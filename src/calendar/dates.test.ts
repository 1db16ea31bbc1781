import { describe, expect, it } from 'vitest';
import { addCalendarDays, dayOfWeek, daysBetween, isIsoDate, isWeekend, parseIsoDate } from './dates.ts';
import { endOfLocalDay, localDateOf, startOfLocalDay } from './zoned.ts';

describe('date-only helpers', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-10-01T00:00', false],
  ])('isIsoDate(%s) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addCalendarDays('2026-09-18', 15)).toBe('2026-10-03');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-10-01')).toBe(4); // Thursday
    expect(isWeekend('2026-10-10')).toBe(true);
    expect(isWeekend('2026-10-09')).toBe(false);
  });
});

describe('local days in Beijing time', () => {
  it('takes the date in Asia/Shanghai, not the UTC date', () => {
    expect(localDateOf(new Date('2026-09-30T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-09-30');
    expect(localDateOf(new Date('2026-09-30T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-10-01');
  });

  it('gives the first and last millisecond of a local day', () => {
    expect(startOfLocalDay('2026-10-08', 'Asia/Shanghai').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(endOfLocalDay('2026-10-08', 'Asia/Shanghai').toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });

  it('handles a zone with a DST change (a 23-hour day)', () => {
    // New York springs forward on 2026-03-08: midnight is EST (-05:00), the next midnight EDT (-04:00).
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import { addCalendarDays } from './dates.ts';

const calendar = createCalendar();

describe('dayInfo precedence', () => {
  it('uses the official 2026 notice for holidays and make-up days', () => {
    expect(calendar.dayInfo('2026-10-05')).toEqual({
      date: '2026-10-05',
      working: false,
      name: '国庆节',
      source: 'official',
    });
    expect(calendar.dayInfo('2026-10-10')).toMatchObject({ working: true, source: 'official' }); // Saturday
    expect(calendar.dayInfo('2026-10-11')).toEqual({ date: '2026-10-11', working: false, source: 'weekend' });
    expect(calendar.dayInfo('2026-10-09')).toEqual({ date: '2026-10-09', working: true, source: 'weekday' });
  });

  it('lets an admin override turn a workday into a holiday and a holiday into a workday', () => {
    const corrected = createCalendar({
      overrides: [
        { date: '2026-10-09', kind: 'holiday', name: '地方假日' },
        { date: '2026-10-07', kind: 'workday' },
      ],
    });
    expect(corrected.dayInfo('2026-10-09')).toEqual({
      date: '2026-10-09',
      working: false,
      name: '地方假日',
      source: 'override',
    });
    expect(corrected.isWorkingDay('2026-10-07')).toBe(true);
  });

  it('falls back to statutory holidays for a year with no notice, and says so', () => {
    expect(calendar.hasOfficialNotice(2026)).toBe(true);
    expect(calendar.hasOfficialNotice(2027)).toBe(false);
    expect(calendar.dayInfo('2027-02-05')).toMatchObject({
      working: false,
      name: '春节',
      source: 'statutory-fallback',
    });
    expect(calendar.dayInfo('2027-02-08')).toMatchObject({ working: false, source: 'statutory-fallback' }); // Monday
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true);
    // No 调休 in the fallback: ordinary weekends stay rest days, 10/4 is an ordinary Monday.
    expect(calendar.dayInfo('2027-10-04').source).toBe('weekday');
  });

  it('treats a year an admin loaded in full as official, using only the admin rows', () => {
    const loaded = createCalendar({
      overrideYears: [2027],
      overrides: [{ date: '2027-02-04', kind: 'holiday', name: '春节' }],
    });
    expect(loaded.hasOfficialNotice(2027)).toBe(true);
    expect(loaded.dayInfo('2027-02-04').source).toBe('override');
    expect(loaded.dayInfo('2027-02-08')).toMatchObject({ working: true, source: 'weekday' });
  });

  it('rejects a malformed override date', () => {
    expect(() => createCalendar({ overrides: [{ date: '2026-02-30', kind: 'holiday' }] })).toThrow(
      RangeError,
    );
  });
});

describe('working-day arithmetic', () => {
  it('does not count the start day and skips the National Day holiday', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('counts a make-up Saturday (2026-10-10) as a working day', () => {
    expect(calendar.addWorkingDays('2026-10-07', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-10-07', 5)).toBe('2026-10-13');
  });

  it('counts across the 2026 Spring Festival with make-up days Feb 14 and Feb 28', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6); // 14, 24, 25, 26, 27, 28
  });

  it('counts backwards over holidays', () => {
    expect(calendar.subtractWorkingDays('2026-10-08', 3)).toBe('2026-09-28');
    expect(calendar.subtractWorkingDays('2026-10-08', 0)).toBe('2026-10-08');
  });

  it('finds the next working day on or after a date', () => {
    expect(calendar.nextWorkingDayOnOrAfter('2026-10-03')).toBe('2026-10-08');
    expect(calendar.nextWorkingDayOnOrAfter('2026-10-08')).toBe('2026-10-08');
  });

  it('rejects negative or fractional counts', () => {
    expect(() => calendar.addWorkingDays('2026-10-08', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-10-08', 1.5)).toThrow(RangeError);
  });

  it('fails loudly instead of looping when overrides leave no working day', () => {
    const overrides = Array.from({ length: 400 }, (_, i) => ({
      date: addCalendarDays('2026-01-01', i),
      kind: 'holiday' as const,
    }));
    expect(() => createCalendar({ overrides }).addWorkingDays('2025-12-31', 1)).toThrow(/No working day/);
  });

  it('workingDaysBetween inverts addWorkingDays, and subtract inverts add from a working day', () => {
    const dates = fc.integer({ min: 0, max: 3 * 365 }).map((i) => addCalendarDays('2025-01-01', i));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 40 }), (start, n) => {
        const end = calendar.addWorkingDays(start, n);
        expect(calendar.workingDaysBetween(start, end)).toBe(n);
        expect(calendar.workingDaysBetween(end, start)).toBe(n === 0 ? 0 : -n);
        if (n > 0) expect(calendar.isWorkingDay(end)).toBe(true);
        if (calendar.isWorkingDay(start)) expect(calendar.subtractWorkingDays(end, n)).toBe(start);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, fromDayNumber, toDayNumber } from '../calendar/dates.ts';
import { splitByMonth, type Period } from './period.ts';

/** Every day of a period, in order. */
function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

const day = fc.integer({ min: toDayNumber('2023-01-01'), max: toDayNumber('2027-12-31') }).map(fromDayNumber);

describe('splitByMonth', () => {
  it('counts every day of the period exactly once: whole months, plus odd days, less days left out', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const p = a <= b ? { from: a, to: b } : { from: b, to: a };
        const { months, days, minus } = splitByMonth(p);
        const times = new Map<string, number>();
        const add = (d: string, n: number) => times.set(d, (times.get(d) ?? 0) + n);
        for (const r of days) for (const d of daysOf(r)) add(d, 1);
        for (const r of minus) for (const d of daysOf(r)) add(d, -1);
        let monthCount = 0;
        if (months) {
          expect(months.from.endsWith('-01') && months.to.endsWith('-01')).toBe(true);
          for (const m of daysOf({ from: months.from, to: months.to }).filter((x) => x.endsWith('-01'))) {
            monthCount += 1;
            for (const d of daysOf({ from: m, to: addCalendarDays(nextMonth(m), -1) })) add(d, 1);
          }
        }
        const counted = [...times].filter(([, n]) => n !== 0);
        expect(counted.every(([, n]) => n === 1)).toBe(true);
        expect(counted.map(([d]) => d).sort()).toEqual(daysOf(p));
        // Never more rows read than by days alone, and at most about half a month at either end.
        const dayReads = [...days, ...minus].reduce((n, r) => n + daysOf(r).length, 0);
        expect(dayReads + monthCount).toBeLessThanOrEqual(daysOf(p).length);
        expect(dayReads).toBeLessThanOrEqual(32);
      }),
    );
  });

  it('reads a calendar year as twelve months and no days, and eleven days as days', () => {
    expect(splitByMonth({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      months: { from: '2026-01-01', to: '2026-12-01' },
      days: [],
      minus: [],
    });
    expect(splitByMonth({ from: '2026-02-10', to: '2026-02-20' })).toEqual({
      months: null,
      days: [{ from: '2026-02-10', to: '2026-02-20' }],
      minus: [],
    });
    expect(splitByMonth({ from: '2025-12-31', to: '2026-03-01' })).toEqual({
      months: { from: '2026-01-01', to: '2026-02-01' },
      days: [
        { from: '2025-12-31', to: '2025-12-31' },
        { from: '2026-03-01', to: '2026-03-01' },
      ],
      minus: [],
    });
  });

  it('reads a month it mostly covers whole, less the days left out', () => {
    expect(splitByMonth({ from: '2026-01-03', to: '2026-12-28' })).toEqual({
      months: { from: '2026-01-01', to: '2026-12-01' },
      days: [],
      minus: [
        { from: '2026-01-01', to: '2026-01-02' },
        { from: '2026-12-29', to: '2026-12-31' },
      ],
    });
    expect(splitByMonth({ from: '2026-02-02', to: '2026-02-27' })).toEqual({
      months: { from: '2026-02-01', to: '2026-02-01' },
      days: [],
      minus: [
        { from: '2026-02-01', to: '2026-02-01' },
        { from: '2026-02-28', to: '2026-02-28' },
      ],
    });
    expect(splitByMonth({ from: '2026-01-20', to: '2026-02-10' })).toEqual({
      months: null,
      days: [{ from: '2026-01-20', to: '2026-02-10' }],
      minus: [],
    });
  });
});

function nextMonth(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

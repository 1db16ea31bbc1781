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
  it('covers every day of the period exactly once, by whole months and the odd days', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const p = a <= b ? { from: a, to: b } : { from: b, to: a };
        const { months, days } = splitByMonth(p);
        const covered: string[] = [];
        for (const d of days) covered.push(...daysOf(d));
        if (months) {
          expect(months.from.endsWith('-01') && months.to.endsWith('-01')).toBe(true);
          for (const d of daysOf({ from: months.from, to: months.to }).filter((x) => x.endsWith('-01')))
            covered.push(...daysOf({ from: d, to: addCalendarDays(nextMonth(d), -1) }));
        }
        expect(covered.sort()).toEqual(daysOf(p));
      }),
    );
  });

  it('reads a calendar year as twelve months and no days, and a fortnight as days', () => {
    expect(splitByMonth({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      months: { from: '2026-01-01', to: '2026-12-01' },
      days: [],
    });
    expect(splitByMonth({ from: '2026-02-10', to: '2026-02-24' })).toEqual({
      months: null,
      days: [{ from: '2026-02-10', to: '2026-02-24' }],
    });
    expect(splitByMonth({ from: '2025-12-31', to: '2026-03-01' })).toEqual({
      months: { from: '2026-01-01', to: '2026-02-01' },
      days: [
        { from: '2025-12-31', to: '2025-12-31' },
        { from: '2026-03-01', to: '2026-03-01' },
      ],
    });
  });
});

function nextMonth(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import { computeDue, computeWarning, dueDateForCli } from './deadline.ts';

const calendar = createCalendar();
/** An instant given as Beijing wall-clock time. */
const bj = (local: string): Date => new Date(`${local}+08:00`);

describe('computeDue', () => {
  it('moves a 15-day limit ending in the National Day holiday to the first working day after it', () => {
    const due = computeDue(calendar, {
      start: bj('2026-09-18T10:00'),
      amount: 15,
      unit: 'days',
      rollForward: true,
    });
    expect(due.dueDate).toBe('2026-10-08'); // 9/18 + 15 = 10/3, inside 10/1–10/7
    expect(due.dueAt.toISOString()).toBe('2026-10-08T15:59:59.999Z'); // 24:00 Beijing time
  });

  it('keeps the last calendar day when roll-forward is off', () => {
    const due = computeDue(calendar, {
      start: bj('2026-09-18T10:00'),
      amount: 15,
      unit: 'days',
      rollForward: false,
    });
    expect(due.dueDate).toBe('2026-10-03');
  });

  it('counts 5 working days across the make-up Saturday 2026-10-10', () => {
    const due = computeDue(calendar, {
      start: bj('2026-10-07T09:00'),
      amount: 5,
      unit: 'working_days',
      rollForward: true,
    });
    expect(due.dueDate).toBe('2026-10-13'); // 8, 9, 10 (Sat, 调休), 12, 13
  });

  it('counts a make-up Sunday (2026-09-20) unless an admin override makes it a holiday', () => {
    const spec = {
      start: bj('2026-09-17T09:00'),
      amount: 5,
      unit: 'working_days',
      rollForward: true,
    } as const;
    expect(computeDue(calendar, spec).dueDate).toBe('2026-09-23');
    const corrected = createCalendar({ overrides: [{ date: '2026-09-20', kind: 'holiday' }] });
    expect(computeDue(corrected, spec).dueDate).toBe('2026-09-24');
  });

  it('starts counting the day after receipt when received on a holiday', () => {
    const start = bj('2026-10-01T10:00');
    expect(computeDue(calendar, { start, amount: 5, unit: 'working_days', rollForward: true }).dueDate).toBe(
      '2026-10-13',
    );
    expect(computeDue(calendar, { start, amount: 15, unit: 'days', rollForward: true }).dueDate).toBe(
      '2026-10-16',
    );
  });

  it('uses the Beijing date of receipt, not the UTC date', () => {
    const spec = { amount: 1, unit: 'working_days', rollForward: true } as const;
    // 23:30 on 9/29 in Beijing vs 00:30 on 9/30: both are 9/29 in UTC.
    expect(computeDue(calendar, { ...spec, start: bj('2026-09-29T23:30') }).dueDate).toBe('2026-09-30');
    expect(computeDue(calendar, { ...spec, start: bj('2026-09-30T00:30') }).dueDate).toBe('2026-10-08');
  });

  it('adds hours to the instant, ignoring holidays and without rounding', () => {
    const start = bj('2026-10-01T10:15');
    const due = computeDue(calendar, { start, amount: 2, unit: 'hours', rollForward: true });
    expect(due.dueAt.toISOString()).toBe('2026-10-01T04:15:00.000Z');
    expect(due.dueDate).toBe('2026-10-01');
    const late = computeDue(calendar, {
      start: bj('2026-10-01T23:00'),
      amount: 1.5,
      unit: 'hours',
      rollForward: true,
    });
    expect(late.dueDate).toBe('2026-10-02');
  });

  it('follows admin overrides when rolling forward', () => {
    const corrected = createCalendar({ overrides: [{ date: '2026-10-08', kind: 'holiday' }] });
    const due = computeDue(corrected, {
      start: bj('2026-09-18T10:00'),
      amount: 15,
      unit: 'days',
      rollForward: true,
    });
    expect(due.dueDate).toBe('2026-10-09');
  });

  it('uses the statutory fallback in a year without a notice (2027 春节 from 除夕 2/5)', () => {
    const due = computeDue(calendar, {
      start: bj('2027-02-04T09:00'),
      amount: 1,
      unit: 'working_days',
      rollForward: true,
    });
    expect(due.dueDate).toBe('2027-02-09');
  });

  it('rejects a fractional day count', () => {
    expect(() =>
      computeDue(calendar, { start: bj('2026-10-08T09:00'), amount: 1.5, unit: 'days', rollForward: true }),
    ).toThrow(RangeError);
  });
});

describe('computeWarning', () => {
  const due = computeDue(calendar, {
    start: bj('2026-09-18T10:00'),
    amount: 15,
    unit: 'days',
    rollForward: true,
  });

  it('defaults to 00:00 Beijing time 3 working days before the due date, skipping holidays', () => {
    // Due 10/8; 9/30, 9/29, 9/28 are the three working days before it.
    expect(computeWarning(calendar, due, 'days').toISOString()).toBe('2026-09-27T16:00:00.000Z');
  });

  it('supports calendar-day and hour warnings', () => {
    expect(computeWarning(calendar, due, 'days', { amount: 3, unit: 'days' }).toISOString()).toBe(
      '2026-10-04T16:00:00.000Z',
    );
    const hotline = computeDue(calendar, {
      start: bj('2026-10-01T10:00'),
      amount: 2,
      unit: 'hours',
      rollForward: false,
    });
    expect(computeWarning(calendar, hotline, 'hours', { amount: 0.5, unit: 'hours' }).toISOString()).toBe(
      '2026-10-01T03:30:00.000Z',
    );
  });

  it('measures a day-based warning on an hours limit from the due clock time', () => {
    // A 72-hour limit due Thu 10/8 14:00; 3 working days earlier is Mon 9/28 (9/30, 9/29, 9/28).
    const due = computeDue(calendar, {
      start: bj('2026-10-05T14:00'),
      amount: 72,
      unit: 'hours',
      rollForward: false,
    });
    expect(due.dueDate).toBe('2026-10-08');
    expect(computeWarning(calendar, due, 'hours').toISOString()).toBe(bj('2026-09-28T14:00').toISOString());
  });
});

describe('dueDateForCli', () => {
  it('rolls calendar days forward and counts working days', () => {
    expect(dueDateForCli(calendar, '2026-09-18', 15, false)).toBe('2026-10-08');
    expect(dueDateForCli(calendar, '2026-09-30', 1, true)).toBe('2026-10-08');
    expect(dueDateForCli(calendar, '2026-10-01', 0, true)).toBe('2026-10-08');
  });
});

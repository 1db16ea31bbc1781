import { describe, expect, it } from 'vitest';
import { fmtChange, fmtRate } from './format.ts';
import { annualPeriod, chinaToday, namedPeriod, statsQueryOf, StatsSearch } from './stats-search.ts';

describe('the statistics page’s period', () => {
  it('is a whole year, quarter or month, the current one to today', () => {
    const today = '2026-11-30';
    expect(namedPeriod('year', '2025-06-15', today)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(namedPeriod('year', '2026-03-01', today)).toEqual({ from: '2026-01-01', to: '2026-11-30' });
    expect(namedPeriod('quarter', '2024-05-20', today)).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(namedPeriod('quarter', '2026-10-02', today)).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(namedPeriod('month', '2024-02-10', today)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(namedPeriod('month', '2026-11-01', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('defaults to this year to date, split by level; a hand-edited address falls back, not over', () => {
    const q = statsQueryOf(
      StatsSearch.parse({ by: 'colour', tab: 'pie', from: '2026-13', region: 440305 }),
      '2026-11-30',
    );
    expect(q).toMatchObject({
      tab: 'volume',
      period: 'year',
      from: '2026-01-01',
      to: '2026-11-30',
      by: 'level',
    });
    expect(q.region).toBe('440305');
    expect(statsQueryOf({ from: '2026-03-01', to: '2026-01-01' }, '2026-11-30')).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-01',
    });
    expect(annualPeriod(statsQueryOf({}, '2026-11-30'), '2026-11-30')).toEqual({
      from: '2022-01-01',
      to: '2026-11-30',
    });
  });

  it('counts days in Beijing: 16:30 UTC on 31 December is already the new year there', () => {
    expect(chinaToday(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(chinaToday(new Date('2025-12-31T15:30:00Z'))).toBe('2025-12-31');
  });
});

describe('the figures’ formats', () => {
  it('signs the change against the year before, and dashes it when there was nothing', () => {
    expect(fmtChange(45, 40)).toBe('+12.5%');
    expect(fmtChange(97, 100)).toBe('\u22123.0%');
    expect(fmtChange(5, 5)).toBe('0.0%');
    expect(fmtChange(4, 0)).toBe('—');
    expect(fmtRate(0.875)).toBe('87.5%');
    expect(fmtRate(null)).toBe('—');
  });
});

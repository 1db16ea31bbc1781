import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadOfficialNotices } from './official-notices.ts';
import { lunarToSolar, qingmingDate, statutoryHolidays } from './statutory-fallback.ts';

describe('statutory-holiday fallback (全国年节及纪念日放假办法 第二条)', () => {
  it('computes the 2027 festivals from the lunar calendar', () => {
    expect(lunarToSolar(2027, 1, 1)).toBe('2027-02-06'); // 正月初一
    expect(lunarToSolar(2027, 5, 5)).toBe('2027-06-09'); // 端午
    expect(lunarToSolar(2027, 8, 15)).toBe('2027-09-15'); // 中秋
    expect(qingmingDate(2027)).toBe('2027-04-05');
    expect(qingmingDate(2028)).toBe('2028-04-04');
  });

  it('lists 13 days for 2027 with 春节 starting on 除夕, the day before 正月初一', () => {
    const holidays = statutoryHolidays(2027);
    expect(holidays).toHaveLength(13);
    // 腊月 of lunar 2026 has 29 days, so 除夕 is 腊月廿九 (2027-02-05), not a "12-30" that does not exist.
    expect(holidays.filter((h) => h.name === '春节').map((h) => h.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    expect(holidays.map((h) => h.date)).toEqual(
      expect.arrayContaining(['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-03']),
    );
  });

  it('merges festivals that fall on the same day (中秋 on 2031-10-01)', () => {
    const holidays = statutoryHolidays(2031);
    expect(holidays.find((h) => h.date === '2031-10-01')?.name).toBe('中秋、国庆节');
    expect(holidays).toHaveLength(12);
  });

  it.each([2025, 2026])('agrees with the official %i notice, which follows the current rules', (year) => {
    const official = loadOfficialNotices();
    for (const h of statutoryHolidays(year)) {
      expect(official.days.get(h.date), `${h.date} ${h.name}`).toMatchObject({ working: false });
    }
  });

  it('does not depend on the server time zone (chinese-days date helpers do)', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(lunarToSolar(2027, 1, 1)).toBe('2027-02-06');
      expect(qingmingDate(2027)).toBe('2027-04-05');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses years outside the lunar table', () => {
    expect(() => statutoryHolidays(2100)).toThrow(RangeError);
    expect(() => statutoryHolidays(1900)).toThrow(RangeError);
  });
  it('agrees with chinese-days on every festival and 清明 from 1901 to 2099', () => {
    const cd = createRequire(import.meta.url)('chinese-days') as {
      getSolarDateFromLunar(d: string): { date: string };
      getSolarTermDate(y: number, m: number, term: string): string;
    };
    const disagreements: string[] = [];
    for (let y = 1901; y <= 2099; y++) {
      for (const [m, d] of [
        [1, 1],
        [5, 5],
        [8, 15],
      ] as const) {
        const expected = cd.getSolarDateFromLunar(`${y}-${m}-${d}`).date;
        if (lunarToSolar(y, m, d) !== expected)
          disagreements.push(`${y}-${m}-${d}: ${lunarToSolar(y, m, d)} ≠ ${expected}`);
      }
      const qm = cd.getSolarTermDate(y, 4, 'pure_brightness');
      if (qingmingDate(y) !== qm) disagreements.push(`清明 ${y}: ${qingmingDate(y)} ≠ ${qm}`);
    }
    expect(disagreements).toEqual([]);
  });
});

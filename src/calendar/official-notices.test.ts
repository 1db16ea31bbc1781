import { describe, expect, it } from 'vitest';
import { buildOfficialNotices, loadOfficialNotices } from './official-notices.ts';

describe('official notices from chinese-days', () => {
  const official = loadOfficialNotices();

  it('covers the notices 2004–2026 and nothing later', () => {
    expect(official.years.has(2004)).toBe(true);
    expect(official.years.has(2026)).toBe(true);
    expect(official.years.has(2027)).toBe(false);
  });

  it('has the 2026 National Day holiday Oct 1–7 with make-up Sunday Sept 20 and Saturday Oct 10', () => {
    for (let d = 1; d <= 7; d++) {
      expect(official.days.get(`2026-10-0${d}`)).toMatchObject({ working: false, name: '国庆节' });
    }
    expect(official.days.get('2026-09-20')).toMatchObject({ working: true, name: '国庆节（调休上班）' });
    expect(official.days.get('2026-10-10')?.working).toBe(true);
    expect(official.days.get('2026-10-08')).toBeUndefined();
  });

  it('has the 2026 Spring Festival Feb 15–23 with make-up Saturdays Feb 14 and Feb 28', () => {
    expect(official.days.get('2026-02-15')?.working).toBe(false);
    expect(official.days.get('2026-02-23')?.working).toBe(false);
    expect(official.days.get('2026-02-24')).toBeUndefined();
    expect(official.days.get('2026-02-14')?.working).toBe(true);
    expect(official.days.get('2026-02-28')?.working).toBe(true);
  });

  it('lets a make-up workday win if a date is listed as both', () => {
    const built = buildOfficialNotices(
      { holidays: { '2030-01-05': 'X,测试,1' }, workdays: { '2030-01-05': 'X,测试,1' } },
      [2030],
    );
    expect(built.days.get('2030-01-05')?.working).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { lcsLength, suggestReportedUnits } from './reported-unit.ts';

const UNITS = [
  { id: 1, name: '南山区住房和建设局', regionCode: '440305' },
  { id: 2, name: '南山区人力资源局', regionCode: '440305' },
  { id: 3, name: '福田区住房和建设局', regionCode: '440304' },
  { id: 4, name: '深圳市住房和建设局', regionCode: '4403' },
  { id: 5, name: '南山区纪委监委', regionCode: '440305' },
];

describe('the reported unit suggested from the portal text', () => {
  it('counts characters in order', () => {
    expect(lcsLength('住建局', '南山区住房和建设局')).toBe(3);
    expect(lcsLength('', '局')).toBe(0);
  });

  it('finds the full name first', () => {
    expect(suggestReportedUnits('南山区住房和建设局', '440305001001', UNITS)[0]).toMatchObject({ unitId: 1 });
  });

  it('reads a shortened name, the unit of the matter’s own region first, never an unrelated bureau', () => {
    const s = suggestReportedUnits('南山区住建局的王科长', '440305001001', UNITS);
    expect(s[0]!.unitId).toBe(1);
    expect(s.map((x) => x.unitId)).not.toContain(2);
    const short = suggestReportedUnits('住建局', '440305001001', UNITS).map((x) => x.unitId);
    expect(short.slice(0, 2)).toEqual([1, 4]); // the district's, then the city's; 福田 after them
    expect(short).not.toContain(2);
  });

  it('suggests nothing for no text or text that names no unit', () => {
    expect(suggestReportedUnits(null, '440305', UNITS)).toEqual([]);
    expect(suggestReportedUnits('   ', '440305', UNITS)).toEqual([]);
    expect(suggestReportedUnits('小区物业', '440305', UNITS)).toEqual([]);
  });
});

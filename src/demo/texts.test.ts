import { describe, expect, it } from 'vitest';
import { categoryRows } from '../org/reference-data.ts';
import { LIMITS } from '../shared/enums.ts';
import { hasTextData, textDataDir } from '../text/dataset.ts';
import { createRng } from '../text/random.ts';
import {
  BOARD_LABELS,
  cleanText,
  guessFirstLevel,
  refineCategory,
  TEMPLATE_TOPICS,
  TextPool,
  type Topic,
} from './texts.ts';

const CODES = new Set(categoryRows().map((c) => c.code));
const ALL_TOPICS: Topic[] = [
  'urban_construction',
  'labour_social_security',
  'education_culture',
  'commerce_tourism',
  'environment',
  'health',
  'transport',
  'civil_affairs',
  'neighbourhood_issue',
  'misconduct',
  'litigation',
  'labour_arbitration',
  'public_order',
  'outside_remit',
];

describe('demo texts', () => {
  it('strips control characters and cuts to the limit', () => {
    expect(cleanText('  a\u0000b\u0007c\r\nd\t ', 100)).toBe('abc\nd');
    expect(cleanText('民声'.repeat(300), 200)).toHaveLength(200);
    expect(cleanText('\u0001', 10)).toBe('（无内容）');
  });

  it('maps the board labels and keyword guesses to categories that exist', () => {
    for (const code of Object.values(BOARD_LABELS)) expect(CODES.has(code)).toBe(true);
    expect(guessFirstLevel('小区物业乱收费', '')).toBe('urban_construction');
    expect(guessFirstLevel('反映问题', '公司拖欠工资三个月')).toBe('labour_social_security');
    expect(guessFirstLevel('学校门口交通拥堵', '')).toBeNull(); // two categories named: ambiguous
    expect(refineCategory('urban_construction', '小区物业乱收费', '')).toBe(
      'urban_construction.property_management',
    );
    expect(refineCategory('environment', '反映问题', '工地夜间施工噪音扰民')).toBe('environment.noise');
    expect(refineCategory('transport', '反映问题', '')).toBe('transport');
  });

  it('has a template for every topic, within the limits and in an existing category', () => {
    expect([...TEMPLATE_TOPICS].sort()).toEqual([...ALL_TOPICS].sort());
    const pool = new TextPool(createRng(3), null);
    expect(pool.fromData).toBe(false);
    for (const topic of ALL_TOPICS) {
      for (let i = 0; i < 5; i++) {
        const t = pool.take(topic, { reported: '南山区住房和建设局' });
        expect(t.source).toBe('template');
        expect(t.subject.length).toBeGreaterThan(0);
        expect(t.subject.length).toBeLessThanOrEqual(LIMITS.subjectMax);
        expect(t.content.length).toBeLessThanOrEqual(LIMITS.contentMax);
        expect(t.subject + t.content).not.toMatch(/[{}]/);
        expect(CODES.has(t.categoryCode), t.categoryCode).toBe(true);
        expect(t.reply.facts.length).toBeGreaterThan(0);
        expect(t.reply.body).toContain('复查');
        if (topic === 'misconduct') {
          expect(t.purpose).toBe('accusation');
          expect(t.subject + t.content).toContain('南山区住房和建设局');
        }
      }
    }
  });

  const hasData = hasTextData('labelled_sample.jsonl');
  if (!hasData)
    console.warn(
      `demo texts: real-petition data not found in ${textDataDir()}; the data-backed test is skipped`,
    );
  it.skipIf(!hasData)('takes real petitions and replies from the shared data folder when present', () => {
    const pool = new TextPool(createRng(5), textDataDir());
    expect(pool.fromData).toBe(true);
    for (const topic of Object.values(BOARD_LABELS) as Topic[]) {
      const t = pool.take(topic);
      expect(t.source).toBe('data');
      expect(t.categoryCode.split('.')[0]).toBe(topic);
      expect(CODES.has(t.categoryCode), t.categoryCode).toBe(true);
      expect(t.subject.length).toBeLessThanOrEqual(LIMITS.subjectMax);
      expect(t.content.length).toBeLessThanOrEqual(LIMITS.contentMax);
    }
    // Special topics always come from templates: they must carry the routing keywords.
    expect(pool.take('litigation').source).toBe('template');
  });
});

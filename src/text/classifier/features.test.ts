import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURES,
  fitVectorizer,
  forEachFeature,
  KeyTable,
  restoreVectorizer,
  vectorize,
} from './features.ts';
import type { FeatureDoc, FeatureOptions } from './features.ts';

const NO_HEAD: FeatureOptions = { ...DEFAULT_FEATURES, headRepeat: 0 };
const TEXT_ONLY: FeatureOptions = { ...NO_HEAD, wordBigrams: false, charNgrams: [] };

function keysOf(doc: FeatureDoc, options: FeatureOptions): number[] {
  const out: number[] = [];
  forEachFeature(doc, options, (hi, lo) => out.push(hi * 2 ** 32 + (lo >>> 0)));
  return out;
}

function norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] as number) ** 2;
  return Math.sqrt(s);
}

describe('forEachFeature', () => {
  it('gives the same character n-grams whichever way the text was cut, ignoring punctuation, digits and letters', () => {
    const raw = keysOf({ tokens: [], text: 'A市公司拖欠工资，3个月！' }, TEXT_ONLY);
    const segmented = keysOf({ tokens: [], text: '市 公司 拖欠 工资 个 月' }, TEXT_ONLY);
    expect(segmented).toEqual(raw);
    // 9 Han characters: 9 unigrams, 8 pairs, 7 triples.
    expect(raw).toHaveLength(24);
    expect(new Set(raw).size).toBe(24);
  });

  it('keeps words, word pairs and in-word n-grams apart from text n-grams', () => {
    const words = keysOf({ tokens: ['拖欠', '工资'], text: '' }, NO_HEAD);
    // 2 words, 1 pair; in-word bigrams only inside words longer than 2 characters.
    expect(words).toHaveLength(3);
    const text = keysOf({ tokens: [], text: '拖欠工资' }, TEXT_ONLY);
    for (const k of words) expect(text).not.toContain(k);
    expect(keysOf({ tokens: ['工资', '拖欠'], text: '' }, NO_HEAD)[2]).not.toBe(words[2]);
  });

  it('counts the head (first words, first Han characters) headRepeat more times, and the rest once', () => {
    const tokens = ['物业', '乱收费', '小区', '停车', '收费', '标准', '过高'];
    const text = '物业乱收费。小区停车收费标准过高';
    const count = (keys: number[]): Map<number, number> => {
      const m = new Map<number, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const options: FeatureOptions = { ...DEFAULT_FEATURES, headWords: 2, headChars: 5, headRepeat: 2 };
    const plain = count(keysOf({ tokens, text }, { ...options, headRepeat: 0 }));
    const headed = count(keysOf({ tokens, text }, options));
    const word = (ts: string[]): number => keysOf({ tokens: ts, text: '' }, NO_HEAD)[0] as number;
    const char = (c: string): number => keysOf({ tokens: [], text: c }, TEXT_ONLY)[0] as number;
    // Words: the first two (and their pair and in-word n-grams) three times, the others once.
    expect(headed.get(word(['物业']))).toBe(3);
    expect(headed.get(word(['乱收费']))).toBe(3);
    expect(headed.get(word(['小区']))).toBe(1);
    // Characters: 物业乱收费 are the first five Han characters; 收 and 费 occur again later.
    expect(headed.get(char('物'))).toBe(3);
    expect(headed.get(char('收'))).toBe((plain.get(char('收')) as number) + 2);
    expect(headed.get(char('停'))).toBe(1);
    // The head adds counts of features the text has anyway, never new features.
    expect([...headed.keys()].sort()).toEqual([...plain.keys()].sort());
    expect(DEFAULT_FEATURES.headRepeat).toBeGreaterThan(0);
  });

  it('refuses a negative or fractional head size', () => {
    expect(() => fitVectorizer([], { ...DEFAULT_FEATURES, headWords: -1 })).toThrow(RangeError);
    expect(() => fitVectorizer([], { ...DEFAULT_FEATURES, headRepeat: 1.5 })).toThrow(RangeError);
  });
});

describe('fitVectorizer / vectorize', () => {
  const docs: FeatureDoc[] = [
    { tokens: ['公司', '拖欠', '工资'], text: '公司拖欠工资' },
    { tokens: ['小区', '噪音'], text: '小区噪音' },
    { tokens: ['公司', '噪音'], text: '公司噪音' },
  ];
  const v = fitVectorizer(docs, NO_HEAD);

  it('orders the vocabulary by document frequency, reproducibly', () => {
    expect(v.idf[0]).toBeLessThan(v.idf[v.idf.length - 1] as number);
    expect(Array.from(fitVectorizer(docs, NO_HEAD).keys)).toEqual(Array.from(v.keys));
  });

  it('normalises the word and character blocks to √½ each and ignores unknown features', () => {
    const x = vectorize(v, { tokens: ['公司', '拖欠', '从未见过'], text: '公司拖欠从未见过' });
    expect(x.wordFeatures).toBe(3); // 公司, 拖欠 and the pair 公司 拖欠
    const word: number[] = [];
    const chars: number[] = [];
    x.idx.forEach((col, i) => (v.textBlock[col] === 1 ? chars : word).push(x.val[i] as number));
    expect(norm(word)).toBeCloseTo(Math.SQRT1_2, 5);
    expect(norm(chars)).toBeCloseTo(Math.SQRT1_2, 5);
    expect([...x.idx]).toEqual([...x.idx].sort((a, b) => a - b));
  });

  it('gives the whole length to the one block a text has', () => {
    const x = vectorize(v, { tokens: ['从未见过'], text: '公司' });
    expect(x.wordFeatures).toBe(0);
    expect(norm(x.val)).toBeCloseTo(1, 5);
  });

  it('counts repeated features with sublinear term frequency', () => {
    const once = vectorize(v, { tokens: ['公司', '小区'], text: '' });
    const thrice = vectorize(v, { tokens: ['公司', '公司', '公司', '小区'], text: '' });
    const ratio = (x: typeof once): number => (x.val[0] as number) / (x.val[1] as number);
    expect(ratio(thrice) / ratio(once)).toBeCloseTo(1 + Math.log(3), 5);
  });

  it('is rebuilt from its keys and IDF with the same vectors', () => {
    const again = restoreVectorizer(v.options, v.keys, v.idf);
    const doc = docs[0] as FeatureDoc;
    expect(vectorize(again, doc)).toEqual(vectorize(v, doc));
  });

  it('refuses text n-grams longer than 3', () => {
    expect(() => fitVectorizer(docs, { ...DEFAULT_FEATURES, textCharNgrams: [4] })).toThrow(RangeError);
  });
});

describe('KeyTable', () => {
  it('stores, replaces and finds keys across growth, telling apart keys that differ in one half', () => {
    const t = new KeyTable(4);
    for (let i = 0; i < 5000; i++) t.set(i >> 3, i * 7919, i);
    expect(t.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(t.get(i >> 3, i * 7919)).toBe(i);
    expect(t.get(1, 0)).toBe(-1);
    expect(t.get(0, 8 * 7919)).toBe(-1);
    expect(t.set(0, 0, 42)).toBe(0);
    expect(t.get(0, 0)).toBe(42);
    expect(t.size).toBe(5000);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/text/random.ts';
import { estimateSimilarity, signature } from '../../src/text/similarity/minhash.ts';
import { evaluateDuplicatePairs, makeNearDuplicate } from './duplicate-evaluation.ts';

const ORIGINAL = {
  subject: '阳光花园小区旁边建搅拌站噪音扰民',
  body: '阳光花园小区东侧新建了一座混凝土搅拌站，每天从早到晚机器轰鸣，粉尘满天，大货车进进出出，严重影响居民休息和孩子学习。请环保部门尽快调查处理，还我们安静的生活环境。',
};
const UNRELATED = {
  subject: '公交车班次太少',
  body: '十八路公交车早高峰班次太少，乘客在站台等半个小时也上不了车，建议公交公司增加班次。',
};

describe('makeNearDuplicate', () => {
  it('makes an edited copy that still reads as a near-duplicate of the original', () => {
    const text = `${ORIGINAL.subject}。${ORIGINAL.body}`;
    const copy = makeNearDuplicate(text, createRng(5)).text;
    expect(copy).not.toBe(text);
    expect(estimateSimilarity(signature(copy), signature(ORIGINAL))).toBeGreaterThan(0.5);
  });
});

describe('evaluateDuplicatePairs', () => {
  it('computes precision and recall', () => {
    const a = signature(ORIGINAL);
    const b = signature(UNRELATED);
    const e = evaluateDuplicatePairs(
      [
        { a, b: a, duplicate: true, kind: 'same' },
        { a, b, duplicate: false, kind: 'random' },
        { a, b, duplicate: true, kind: 'missed' },
      ],
      0.5,
    );
    expect(e.precision).toBe(1);
    expect(e.recall).toBe(0.5);
  });
});

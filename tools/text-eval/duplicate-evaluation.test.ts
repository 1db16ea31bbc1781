import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/text/random.ts';
import { estimateSimilarity, signature } from '../../src/text/similarity/minhash.ts';
import { evaluateDuplicatePairs, makeNearDuplicate } from './duplicate-evaluation.ts';
import { SIMILARITY_ORIGINAL, SIMILARITY_UNRELATED } from '../../src/text/test-fixtures.ts';

const ORIGINAL = SIMILARITY_ORIGINAL;
const UNRELATED = SIMILARITY_UNRELATED;

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

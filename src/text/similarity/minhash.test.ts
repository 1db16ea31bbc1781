import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearDuplicateGroups } from './groups.ts';
import { LshIndex } from './lsh-index.ts';
import {
  bandKeys,
  estimateSimilarity,
  jaccard,
  minhash,
  NUM_BANDS,
  NUM_HASHES,
  shingleHashes,
  signature,
  signatureFromBytes,
  signatureToBytes,
} from './minhash.ts';
import { sharedWords } from './shared-words.ts';
import { SIMILARITY_ORIGINAL, SIMILARITY_UNRELATED } from '../test-fixtures.ts';

const ORIGINAL = SIMILARITY_ORIGINAL;
const UNRELATED = SIMILARITY_UNRELATED;

describe('signature / estimateSimilarity', () => {
  it('gives 128 values and 1.0 for the same text', () => {
    const a = signature(ORIGINAL);
    expect(a).toHaveLength(NUM_HASHES);
    expect(estimateSimilarity(a, signature(ORIGINAL))).toBe(1);
  });

  it('sees through greetings, traditional characters and full-width forms', () => {
    const variant = {
      subject: '陽光花園小區旁邊建攪拌站噪音擾民',
      body: '尊敬的領導您好：' + ORIGINAL.body.replace(/，/g, '，　') + '此致敬禮',
    };
    expect(estimateSimilarity(signature(ORIGINAL), signature(variant))).toBeGreaterThan(0.85);
  });

  it('scores an edited re-submission high and an unrelated petition low', () => {
    const edited = {
      subject: ORIGINAL.subject,
      body: ORIGINAL.body.replace('还我们安静的生活环境。', '') + '这个问题已经反映三次了。',
    };
    expect(estimateSimilarity(signature(ORIGINAL), signature(edited))).toBeGreaterThan(0.6);
    expect(estimateSimilarity(signature(ORIGINAL), signature(UNRELATED))).toBeLessThan(0.1);
  });

  it('estimates the exact Jaccard similarity within a few points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (cut) => {
        const a = shingleHashes(ORIGINAL.body);
        const b = shingleHashes(ORIGINAL.body.slice(cut) + UNRELATED.body.slice(0, cut));
        expect(Math.abs(estimateSimilarity(minhash(a), minhash(b)) - jaccard(a, b))).toBeLessThan(0.15);
      }),
      { numRuns: 30 },
    );
  });

  it('throws typed errors for unusable text', () => {
    expect(() => signature('')).toThrowError(expect.objectContaining({ code: 'text_empty' }) as Error);
    expect(() => signature('\u0000\u0000')).toThrowError(
      expect.objectContaining({ code: 'text_binary' }) as Error,
    );
  });
});

describe('bandKeys', () => {
  it('gives one safe, non-negative integer key per band, band number on top', () => {
    const keys = bandKeys(signature(ORIGINAL));
    expect(keys).toHaveLength(NUM_BANDS);
    keys.forEach((k, band) => {
      expect(Number.isSafeInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(Math.floor(k / 2 ** 48)).toBe(band);
    });
    expect(bandKeys(signature(ORIGINAL))).toEqual(keys);
  });

  it('round-trips signatures through bytes', () => {
    const sig = signature(ORIGINAL);
    expect(signatureFromBytes(signatureToBytes(sig))).toEqual(sig);
    // As the database returns them: several signatures in one buffer, at an odd offset.
    const bytes = signatureToBytes(sig);
    const packed = new Uint8Array(3 + bytes.length * 2);
    packed.set(bytes, 3);
    packed.set(bytes, 3 + bytes.length);
    expect(signatureFromBytes(packed.subarray(3 + bytes.length))).toEqual(sig);
    expect(signatureFromBytes(Buffer.from(packed).subarray(3, 3 + bytes.length))).toEqual(sig);
    // Little-endian, whatever the machine.
    expect(Array.from(bytes.subarray(0, 4))).toEqual([
      sig[0]! & 255,
      (sig[0]! >>> 8) & 255,
      (sig[0]! >>> 16) & 255,
      sig[0]! >>> 24,
    ]);
  });
});

describe('LshIndex', () => {
  it('finds the near-duplicate and ranks by similarity', () => {
    const index = new LshIndex<string>();
    index.add('original', signature(ORIGINAL));
    index.add('unrelated', signature(UNRELATED));
    // A re-submission: greeting added, a sentence reworded, punctuation changed.
    const copy = `您好！${ORIGINAL.subject}。${ORIGINAL.body.replace('严重影响居民休息和孩子学习', '严重影响我们休息和小孩学习')}，谢谢！`;
    const hits = index.query(signature(copy), 10, 0.3);
    expect(hits.map((h) => h.id)).toEqual(['original']);
    expect(index.query(signature(ORIGINAL), 10, 0, 'original')).toEqual([]);
  });

  it('groups near-duplicates transitively', () => {
    const sigs = [
      signature(ORIGINAL),
      signature(UNRELATED),
      signature({ ...ORIGINAL, subject: '搅拌站扰民' }),
    ];
    expect(nearDuplicateGroups(sigs)).toEqual([0, 1, 0]);
  });
});

describe('sharedWords', () => {
  it('lists the distinctive words two petitions share', () => {
    const other = { subject: '搅拌站粉尘', body: '阳光花园小区附近的搅拌站粉尘太大，请环保部门管一管。' };
    const words = sharedWords(ORIGINAL, other, 4);
    expect(words).toContain('搅拌站');
    expect(words).toContain('粉尘');
    expect(words).not.toContain('的');
    expect(sharedWords(ORIGINAL, UNRELATED, 5)).not.toContain('搅拌站');
  });

  it('finds the words in a traditional or full-width text too', () => {
    const traditional = {
      subject: '攪拌站粉塵',
      body: '陽光花園小區附近的攪拌站粉塵太大，請環保部門管一管。',
    };
    expect(sharedWords(ORIGINAL, traditional, 4)).toEqual(expect.arrayContaining(['搅拌站', '粉尘']));
    expect(() => sharedWords(ORIGINAL, { subject: ' ', body: '' })).toThrow(/empty/);
  });
});

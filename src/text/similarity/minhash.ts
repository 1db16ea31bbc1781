import { petitionString } from '../analyze.ts';
import type { PetitionText } from '../analyze.ts';
import { normalizeText } from '../normalize.ts';
import { createRng } from '../random.ts';
import { fmix32, hashInts, hashString } from './hash.ts';

/**
 * Near-duplicate detection by MinHash over character shingles, with LSH bands for lookup.
 *
 * Shingles are character 3-grams of the normalised text with punctuation and spaces removed:
 * they need no word segmentation, survive small edits, and traditional/simplified or full/half
 * width variants of one letter meet after normalisation.
 *
 * Storage (phase 2): a table `(band_key bigint, matter_id)` indexed on `band_key` holds
 * {@link bandKeys}; a query looks up its own band keys, counts hits per matter, and ranks the
 * candidates by {@link estimateSimilarity} of stored signatures ({@link signatureToBytes}, a bytea).
 */

/** A MinHash signature: `NUM_HASHES` minimum hash values. */
export type Signature = Uint32Array;

/** Hash functions per signature. 128 keeps the Jaccard estimate's standard error ≤ 0.045. */
export const NUM_HASHES = 128;
/** LSH bands; 32 bands of 4 rows put the 50 %-candidate point near Jaccard 0.42. */
export const NUM_BANDS = 32;
/**
 * Estimated Jaccard similarity from which two petitions are flagged as near-duplicates. Chosen on
 * the evaluation (docs/text-evaluation.md): re-sent petitions with edits score 0.5–1, unrelated
 * petitions almost never above 0.2.
 */
export const DUPLICATE_THRESHOLD = 0.5;
/** Character shingle length. */
export const SHINGLE_SIZE = 3;

const SEEDS: Uint32Array = (() => {
  const rng = createRng(0x5eed_1234);
  return Uint32Array.from({ length: NUM_HASHES }, () => Math.floor(rng.next() * 4294967296));
})();

/** Only letters and digits take part in shingles: punctuation and spacing are style, not content. */
function compactText(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
}

/** Distinct 32-bit hashes of the character k-grams of already normalised text. */
export function shingleHashes(normalized: string, k = SHINGLE_SIZE): Uint32Array {
  const s = compactText(normalized);
  if (s.length === 0) return new Uint32Array(0);
  if (s.length <= k) return Uint32Array.of(hashString(s));
  const set = new Set<number>();
  for (let i = 0; i + k <= s.length; i++) set.add(hashString(s, 0, i, i + k));
  return Uint32Array.from(set);
}

/** MinHash signature of a set of shingle hashes. An empty set gives all-0xFFFFFFFF (similar to nothing). */
export function minhash(shingles: Uint32Array): Signature {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const h = shingles[s] as number;
    for (let i = 0; i < NUM_HASHES; i++) {
      const v = fmix32(h ^ (SEEDS[i] as number));
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/**
 * MinHash signature of a petition (subject + body, or one text). Normalises first, so traditional
 * and simplified, full- and half-width, with or without greetings, give the same shingles.
 * Throws `text_empty` / `text_binary` like the rest of the text pipeline.
 */
export function signature(text: PetitionText | string): Signature {
  return minhash(shingleHashes(normalizeText(petitionString(text)).text));
}

/**
 * LSH band keys of a signature: one per band, each a non-negative safe integer below 2^53
 * (band number in the top 5 bits, a 48-bit hash of the band's rows below), so it fits a
 * PostgreSQL `bigint` and a JavaScript number without loss. Two texts share a key in some band
 * with probability 1 − (1 − J⁴)³² for Jaccard similarity J.
 */
export function bandKeys(sig: Signature, bands = NUM_BANDS): number[] {
  if (sig.length % bands !== 0)
    throw new RangeError(`a signature of ${sig.length} values cannot be cut into ${bands} bands`);
  if (bands > 32) throw new RangeError('at most 32 bands fit the 5-bit band number');
  const rows = sig.length / bands;
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    const hi = hashInts(sig, 0x9e3779b9 + b, b * rows, (b + 1) * rows) & 0xffff;
    const lo = hashInts(sig, 0x7f4a7c15 + b, b * rows, (b + 1) * rows);
    keys.push(b * 2 ** 48 + hi * 2 ** 32 + lo);
  }
  return keys;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures: the share of equal values. */
export function estimateSimilarity(a: Signature, b: Signature): number {
  if (a.length !== b.length) throw new RangeError('signatures of different lengths cannot be compared');
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / a.length;
}

/** Exact Jaccard similarity of two shingle-hash sets (for tests and evaluation). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  const set = new Set(a);
  let inter = 0;
  for (const v of b) if (set.has(v)) inter++;
  return inter / (a.length + b.length - inter);
}

/** A signature as bytes (little-endian uint32s), for a `bytea` column. */
export function signatureToBytes(sig: Signature): Uint8Array {
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  sig.forEach((v, i) => view.setUint32(i * 4, v, true));
  return out;
}

/** Reads a signature written by {@link signatureToBytes}. */
export function signatureFromBytes(bytes: Uint8Array): Signature {
  if (bytes.length % 4 !== 0) throw new RangeError('signature bytes must be a multiple of 4 long');
  const out = new Uint32Array(bytes.length / 4);
  if (LITTLE_ENDIAN) {
    // A byte copy into the array's own (aligned) buffer: ranking decodes ~100 signatures a query.
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

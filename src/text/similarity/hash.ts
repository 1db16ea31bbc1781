/**
 * 32-bit hashing for shingles and band keys. MurmurHash3's finaliser mixes well and costs a few
 * integer operations; the string hash is MurmurHash3 x86_32 over UTF-16 code units, which is all
 * that is needed for keys that never leave Minsheng's own tables.
 */

/** MurmurHash3 finaliser: a bijective avalanche mix of a 32-bit integer. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** MurmurHash3 x86_32 of the UTF-16 code units of `s[start, end)`. */
export function hashString(s: string, seed = 0, start = 0, end = s.length): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    let k = s.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= end - start;
  return fmix32(h);
}

/** Hash of a sequence of 32-bit integers (a MinHash band), MurmurHash3-style. */
export function hashInts(values: ArrayLike<number>, seed: number, start: number, end: number): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    let k = values[i] as number;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= end - start;
  return fmix32(h);
}

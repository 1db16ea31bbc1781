/**
 * TF-IDF features in two blocks, each L2-normalised to length √½ so neither drowns the other:
 *
 * - **words**: content words, adjacent word pairs ("拖欠 工资") and character n-grams inside words;
 * - **characters**: character n-grams (default 1–3) over the Han characters of the whole text, with
 *   spaces, punctuation, digits and Latin letters dropped. They do not depend on where a segmenter
 *   put word boundaries, so a raw petition cut by our jieba and a training text cut by somebody
 *   else's meet on the same features.
 *
 * The head of a petition — its first words and first Han characters, where the subject line sits —
 * is counted again (`headRepeat` more times): the subject names the matter, the body adds detail.
 * The first words stand for the subject because the contest's training file joined subject and body
 * into one text; a raw petition is read the same way, so both sides weigh the same span.
 *
 * Features are numeric keys, not strings: words are hashed to 52 bits (a collision among a million
 * features is a one-in-ten-thousand event, and would merge two rare features), character n-grams
 * are their code units packed exactly. Extracting them allocates no strings, which keeps a prediction
 * well under a millisecond (docs/text-evaluation.md).
 */

/** Which n-grams become features. */
export interface FeatureOptions {
  /** Adjacent word pairs (default true). */
  wordBigrams: boolean;
  /** Character n-gram sizes taken inside each word longer than n (default [2]). */
  charNgrams: readonly number[];
  /** Character n-gram sizes over the Han characters of the whole text (default [1, 2, 3]; [] = none). */
  textCharNgrams: readonly number[];
  /**
   * Minimum number of training documents a feature must appear in (default 3). Applied from 500
   * documents on: in a small corpus most useful words occur once, and pruning them leaves nothing.
   */
  minDf: number;
  /** Keep at most this many features, the most frequent (default 1,000,000). */
  maxFeatures: number;
  /** Words at the start of a text counted again as its head (default 8: a subject's median length). */
  headWords: number;
  /** Han characters at the start of a text whose n-grams are counted again (default 18). */
  headChars: number;
  /** Extra times the head's features are counted (default 2; 0 = no head weighting). */
  headRepeat: number;
}

/** Default feature options, chosen by cross-validation on the contest data (docs/text-evaluation.md). */
export const DEFAULT_FEATURES: FeatureOptions = {
  wordBigrams: true,
  charNgrams: [2],
  textCharNgrams: [1, 2, 3],
  minDf: 3,
  maxFeatures: 1_000_000,
  headWords: 8,
  headChars: 18,
  headRepeat: 2,
};

/** What features are taken from: the content words and the normalised text they came from. */
export interface FeatureDoc {
  tokens: readonly string[];
  text: string;
}

/** A sparse, L2-normalised document vector; `idx` is sorted ascending. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/**
 * Open-addressing hash table from a feature key, given as its two 32-bit halves, to a non-negative
 * integer. A JavaScript Map keyed by numbers above 2^31 costs several hundred nanoseconds a lookup;
 * this costs a few tens.
 */
export class KeyTable {
  /** Per slot: high half, low half, value + 1 (0 marks an empty slot); one slot stays in one cache line. */
  private data: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let slots = 1024;
    while (slots < capacity * 2) slots *= 2;
    this.data = new Int32Array(slots * 4);
    this.mask = slots - 1;
  }

  private slot(hi: number, lo: number): number {
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    const d = this.data;
    let i = (h & this.mask) << 2;
    while (d[i + 2] !== 0 && (d[i] !== hi || d[i + 1] !== lo)) i = (i + 4) & ((this.mask << 2) | 3);
    return i;
  }

  /** The value stored for the key, or -1. */
  get(hi: number, lo: number): number {
    return (this.data[this.slot(hi | 0, lo | 0) + 2] as number) - 1;
  }

  /** Stores `value` (≥ 0) for the key; returns the value it had, or -1. */
  set(hi: number, lo: number, value: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const i = this.slot(hi | 0, lo | 0);
    const old = (this.data[i + 2] as number) - 1;
    if (old < 0) {
      this.size++;
      this.data[i] = hi;
      this.data[i + 1] = lo;
    }
    this.data[i + 2] = value + 1;
    return old;
  }

  /** Calls `fn` with every key and its value, in slot order. */
  forEach(fn: (hi: number, lo: number, value: number) => void): void {
    const d = this.data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 2] !== 0) fn(d[i] as number, d[i + 1] as number, (d[i + 2] as number) - 1);
    }
  }

  private grow(): void {
    const old = this.data;
    this.data = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 4) {
      if (old[i + 2] !== 0) {
        const j = this.slot(old[i] as number, old[i + 1] as number);
        this.data[j] = old[i] as number;
        this.data[j + 1] = old[i + 1] as number;
        this.data[j + 2] = old[i + 2] as number;
      }
    }
  }
}

/** A fitted vocabulary with inverse document frequencies. */
export interface Vectorizer {
  options: FeatureOptions;
  /** Column → feature key, an integer below 2^53 (high half × 2^32 + low half). */
  keys: Float64Array;
  /** Feature key → column. */
  index: KeyTable;
  /** Column → 1 for a character n-gram of the text, 0 for a word feature. */
  textBlock: Uint8Array;
  idf: Float32Array;
}

/** High halves from this value up are character n-grams of the text; below it, word features. */
const TEXT_CHAR_HI = 1 << 20;
const TWO_32 = 2 ** 32;
const BLOCK_SCALE = Math.SQRT1_2;

// Word features: two 32-bit FNV-1a-style hashes over the UTF-16 units, with a different seed per
// kind (word, pair, in-word n-gram), combined into 52 bits.
const SEED_WORD = 0x811c9dc5;
const SEED_PAIR = 0x01000193;
const SEED_INWORD = 0x5bd1e995;

function mix(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** The high half of a word key: 20 bits of the second hash, so it stays below TEXT_CHAR_HI. */
function high20(b: number): number {
  return (Math.imul(b ^ (b >>> 15), 0x2c1b3c6d) >>> 12) & 0xfffff;
}

// The two halves of the last hashRange, kept in module variables so hashing allocates nothing.
let hashA = 0;
let hashB = 0;

function hashRange(s: string, from: number, to: number, seedA: number, seedB: number): void {
  let a = seedA;
  let b = seedB ^ 0x9e3779b9;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    a = mix(a, c);
    b = Math.imul(b ^ c, 0x85ebca6b) ^ (b >>> 13);
  }
  hashA = a;
  hashB = b;
}

function isHanUnit(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

// Feature keys of the document being read, as high and low halves; grown on demand and reused,
// so reading a document allocates nothing.
let keyHi = new Int32Array(4096);
let keyLo = new Int32Array(4096);
let keyCount = 0;

function emit(hi: number, lo: number): void {
  if (keyCount === keyHi.length) {
    const h = new Int32Array(keyCount * 2);
    const l = new Int32Array(keyCount * 2);
    h.set(keyHi);
    l.set(keyLo);
    keyHi = h;
    keyLo = l;
  }
  keyHi[keyCount] = hi;
  keyLo[keyCount] = lo;
  keyCount++;
}

/** Word features of `tokens[0..end)`: words, adjacent pairs and in-word character n-grams. */
function collectWordFeatures(tokens: readonly string[], end: number, options: FeatureOptions): void {
  let prevA = 0;
  let prevB = 0;
  for (let t = 0; t < end; t++) {
    const w = tokens[t] as string;
    hashRange(w, 0, w.length, SEED_WORD, SEED_WORD);
    const a = hashA;
    const b = hashB;
    emit(high20(b), a);
    if (options.wordBigrams && t > 0) {
      emit(high20(mix(prevB ^ SEED_PAIR, b)), mix(mix(prevA, 0x20), a) ^ SEED_PAIR);
    }
    prevA = a;
    prevB = b;
    for (const n of options.charNgrams) {
      // Only inside longer words: the unigram already covers a word of exactly n characters.
      if (w.length <= n) continue;
      for (let i = 0; i + n <= w.length; i++) {
        hashRange(w, i, i + n, SEED_INWORD, SEED_INWORD + n);
        emit(high20(hashB), hashA);
      }
    }
  }
}

/** Character n-grams over the first `maxHan` Han characters of `text`. */
function collectTextFeatures(text: string, maxHan: number, sizes: readonly number[]): void {
  // The last three Han code units seen (c1 newest), 0 before the text has that many.
  let c1 = 0;
  let c2 = 0;
  let seen = 0;
  for (let i = 0; i < text.length && seen < maxHan; i++) {
    const c = text.charCodeAt(i);
    if (!isHanUnit(c)) continue;
    seen++;
    const c3 = c2;
    c2 = c1;
    c1 = c;
    for (const n of sizes) {
      // Exact keys: a Han unit is 16 bits, so the last one or two fill the low half and a third
      // goes to the high half. A pair never equals a single character: Han units are ≥ 0x3400.
      if (n === 1) emit(TEXT_CHAR_HI, c1);
      else if (n === 2 && c2 !== 0) emit(TEXT_CHAR_HI, (c2 << 16) | c1);
      else if (n === 3 && c3 !== 0) emit(TEXT_CHAR_HI + c3, (c2 << 16) | c1);
    }
  }
}

/**
 * Reads the feature keys of `doc` into the module's key buffers (`keyHi`, `keyLo`), repeats
 * included (they are term counts), and returns how many there are. Word features come from
 * `doc.tokens`, text n-grams from the Han characters of `doc.text`; the head (first `headWords`
 * words, first `headChars` Han characters) is read `headRepeat` more times.
 */
function collectFeatures(doc: FeatureDoc, options: FeatureOptions): number {
  keyCount = 0;
  const { tokens, text } = doc;
  const sizes = options.textCharNgrams;
  const headWords = Math.min(options.headWords, tokens.length);
  collectWordFeatures(tokens, tokens.length, options);
  for (let r = 0; r < options.headRepeat; r++) collectWordFeatures(tokens, headWords, options);
  if (sizes.length === 0) return keyCount;
  collectTextFeatures(text, Infinity, sizes);
  for (let r = 0; r < options.headRepeat; r++) collectTextFeatures(text, options.headChars, sizes);
  return keyCount;
}

/** Calls `fn` with the two halves of every feature key of `doc`, repeats included. */
export function forEachFeature(
  doc: FeatureDoc,
  options: FeatureOptions,
  fn: (hi: number, lo: number) => void,
): void {
  const n = collectFeatures(doc, options);
  const hi = keyHi.slice(0, n);
  const lo = keyLo.slice(0, n);
  for (let i = 0; i < n; i++) fn(hi[i] as number, lo[i] as number);
}

function checkOptions(options: FeatureOptions): void {
  if (options.textCharNgrams.some((n) => n < 1 || n > 3 || !Number.isInteger(n))) {
    throw new RangeError('textCharNgrams sizes must be 1, 2 or 3');
  }
  for (const key of ['headWords', 'headChars', 'headRepeat'] as const) {
    const n = options[key];
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${key} must be a non-negative integer`);
  }
}

/** Learns vocabulary and IDF (smoothed: ln((1+N)/(1+df)) + 1, as scikit-learn) from documents. */
export function fitVectorizer(
  docs: readonly FeatureDoc[],
  options: FeatureOptions = DEFAULT_FEATURES,
): Vectorizer {
  checkOptions(options);
  // Slot of each key in `df`/`lastDoc`, so a feature repeated in a document counts once.
  const slots = new KeyTable(1 << 16);
  let df = new Int32Array(1 << 16);
  let lastDoc = new Int32Array(1 << 16).fill(-1);
  docs.forEach((doc, d) => {
    const count = collectFeatures(doc, options);
    for (let k = 0; k < count; k++) {
      const hi = keyHi[k] as number;
      const lo = keyLo[k] as number;
      let s = slots.get(hi, lo);
      if (s < 0) {
        s = slots.size;
        slots.set(hi, lo, s);
        if (s === df.length) {
          const bigger = new Int32Array(s * 2);
          bigger.set(df);
          df = bigger;
          const stamps = new Int32Array(s * 2).fill(-1);
          stamps.set(lastDoc);
          lastDoc = stamps;
        }
      }
      if (lastDoc[s] !== d) {
        lastDoc[s] = d;
        df[s] = (df[s] as number) + 1;
      }
    }
  });
  const minDf = docs.length < 500 ? 1 : options.minDf;
  const kept: [number, number][] = [];
  slots.forEach((hi, lo, s) => {
    const n = df[s] as number;
    if (n >= minDf) kept.push([hi * TWO_32 + (lo >>> 0), n]);
  });
  // Deterministic order: by document frequency, then by key, so the same data gives the same model bytes.
  kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  kept.length = Math.min(kept.length, options.maxFeatures);
  const n = docs.length;
  const keys = new Float64Array(kept.length);
  const idf = new Float32Array(kept.length);
  kept.forEach(([k, d], i) => {
    keys[i] = k;
    idf[i] = Math.log((1 + n) / (1 + d)) + 1;
  });
  return restoreVectorizer(options, keys, idf);
}

/** Rebuilds a vectorizer from saved keys and IDF values. */
export function restoreVectorizer(
  options: FeatureOptions,
  keys: Float64Array,
  idf: Float32Array,
): Vectorizer {
  checkOptions(options);
  const index = new KeyTable(keys.length);
  const textBlock = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as number;
    const hi = Math.floor(k / TWO_32);
    index.set(hi, (k % TWO_32) | 0, i);
    textBlock[i] = hi >= TEXT_CHAR_HI ? 1 : 0;
  }
  return { options, keys, index, textBlock, idf };
}

// Per-vectorizer scratch: term counts by column and the columns touched, reused between calls
// (one document at a time; JavaScript runs one call at a time per thread).
const scratch = new WeakMap<Vectorizer, { counts: Int32Array; touched: Int32Array }>();

// 1 + ln(tf) for the term counts a petition has; larger counts are computed.
const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/**
 * The TF-IDF vector of one document: sublinear term frequency (1 + ln tf) times IDF, each block
 * (words, text characters) L2-normalised to length √½, or to 1 when the other block is empty.
 * Features outside the vocabulary are ignored. `wordFeatures` counts the known word features.
 */
export function vectorize(v: Vectorizer, doc: FeatureDoc): SparseVector & { wordFeatures: number } {
  let s = scratch.get(v);
  if (s === undefined) {
    s = { counts: new Int32Array(v.keys.length), touched: new Int32Array(1024) };
    scratch.set(v, s);
  }
  const counts = s.counts;
  const index = v.index;
  const n = collectFeatures(doc, v.options);
  if (s.touched.length < n) s.touched = new Int32Array(n);
  const touchedCols = s.touched;
  let touched = 0;
  for (let k = 0; k < n; k++) {
    const col = index.get(keyHi[k] as number, keyLo[k] as number);
    if (col < 0) continue;
    if (counts[col] === 0) touchedCols[touched++] = col;
    counts[col] = (counts[col] as number) + 1;
  }
  const idx = touchedCols.slice(0, touched).sort();
  const val = new Float32Array(touched);
  let wordNorm = 0;
  let charNorm = 0;
  let wordFeatures = 0;
  for (let i = 0; i < touched; i++) {
    const col = idx[i] as number;
    const tf = counts[col] as number;
    counts[col] = 0;
    const w = (tf < 256 ? (SUBLINEAR_TF[tf] as number) : 1 + Math.log(tf)) * (v.idf[col] as number);
    val[i] = w;
    if (v.textBlock[col] === 1) charNorm += w * w;
    else {
      wordNorm += w * w;
      wordFeatures++;
    }
  }
  const both = wordNorm > 0 && charNorm > 0;
  const wordScale = wordNorm > 0 ? (both ? BLOCK_SCALE : 1) / Math.sqrt(wordNorm) : 0;
  const charScale = charNorm > 0 ? (both ? BLOCK_SCALE : 1) / Math.sqrt(charNorm) : 0;
  for (let i = 0; i < touched; i++) {
    const col = idx[i] as number;
    val[i] = (val[i] as number) * (v.textBlock[col] === 1 ? charScale : wordScale);
  }
  return { idx, val, wordFeatures };
}

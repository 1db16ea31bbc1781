/**
 * TF-IDF features over words, word bigrams and (optionally) character n-grams inside words.
 * Bigrams catch phrases like "拖欠 工资" that single words blur; in-word character n-grams help
 * when jieba cuts a raw petition differently from the training file.
 */

/** Which n-grams become features. */
export interface FeatureOptions {
  /** Adjacent word pairs (default true). */
  wordBigrams: boolean;
  /** Character n-gram sizes taken inside each word of at least that length (default [] = none). */
  charNgrams: readonly number[];
  /**
   * Minimum number of training documents a feature must appear in (default 2). Applied from 500
   * documents on: in a small corpus most useful words occur once, and pruning them leaves nothing.
   */
  minDf: number;
  /** Keep at most this many features, the most frequent (default 400,000). */
  maxFeatures: number;
}

/** Default feature options, chosen by cross-validation on the contest data (docs/text-evaluation.md). */
export const DEFAULT_FEATURES: FeatureOptions = {
  wordBigrams: true,
  charNgrams: [2],
  minDf: 2,
  maxFeatures: 400_000,
};

/** A sparse, L2-normalised document vector; `idx` is sorted ascending. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** A fitted vocabulary with inverse document frequencies. */
export interface Vectorizer {
  options: FeatureOptions;
  /** Feature string → column. */
  vocab: Map<string, number>;
  /** Column → feature string (same order as `vocab`). */
  terms: string[];
  idf: Float32Array;
}

/** The feature strings of one tokenised document, with repeats (they are term counts). */
export function featureStrings(tokens: readonly string[], options: FeatureOptions): string[] {
  const out: string[] = tokens.slice();
  if (options.wordBigrams) {
    for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1] as string} ${tokens[i] as string}`);
  }
  for (const n of options.charNgrams) {
    for (const t of tokens) {
      // Only inside longer words: the unigram already covers a word of exactly n characters.
      if (t.length <= n) continue;
      for (let i = 0; i + n <= t.length; i++) out.push(`#${t.slice(i, i + n)}`);
    }
  }
  return out;
}

/** Learns vocabulary and IDF (smoothed: ln((1+N)/(1+df)) + 1, as scikit-learn) from tokenised documents. */
export function fitVectorizer(
  docs: readonly (readonly string[])[],
  options: FeatureOptions = DEFAULT_FEATURES,
): Vectorizer {
  const df = new Map<string, number>();
  for (const tokens of docs) {
    for (const f of new Set(featureStrings(tokens, options))) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const kept = [...df]
    .filter(([, n]) => n >= (docs.length < 500 ? 1 : options.minDf))
    // Deterministic order: by frequency, then by string, so the same data gives the same model bytes.
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxFeatures);
  const terms = kept.map(([t]) => t);
  const vocab = new Map<string, number>(terms.map((t, i) => [t, i]));
  const n = docs.length;
  const idf = new Float32Array(kept.length);
  kept.forEach(([, d], i) => {
    idf[i] = Math.log((1 + n) / (1 + d)) + 1;
  });
  return { options, vocab, terms, idf };
}

/** Rebuilds a vectorizer from saved terms and IDF values. */
export function restoreVectorizer(options: FeatureOptions, terms: string[], idf: Float32Array): Vectorizer {
  return { options, vocab: new Map(terms.map((t, i) => [t, i])), terms, idf };
}

/**
 * The TF-IDF vector of one tokenised document: sublinear term frequency (1 + ln tf) times IDF,
 * L2-normalised. Features outside the vocabulary are ignored.
 */
export function vectorize(v: Vectorizer, tokens: readonly string[]): SparseVector {
  const counts = new Map<number, number>();
  for (const f of featureStrings(tokens, v.options)) {
    const col = v.vocab.get(f);
    if (col !== undefined) counts.set(col, (counts.get(col) ?? 0) + 1);
  }
  const idx = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const val = new Float32Array(idx.length);
  let norm = 0;
  for (let i = 0; i < idx.length; i++) {
    const col = idx[i] as number;
    const w = (1 + Math.log(counts.get(col) as number)) * (v.idf[col] as number);
    val[i] = w;
    norm += w * w;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < val.length; i++) val[i] = (val[i] as number) * inv;
  }
  return { idx, val };
}

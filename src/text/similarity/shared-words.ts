import { idf as jiebaIdf } from '@node-rs/jieba/dict.js';
import { analyze } from '../analyze.ts';
import type { PetitionText } from '../analyze.ts';
import { createSegmenter } from '../segment.ts';
import type { Segmenter } from '../segment.ts';

/** Inverse document frequency of a word; higher means more distinctive. */
export type IdfLookup = (word: string) => number;

let jiebaIdfMap: Map<string, number> | undefined;
let jiebaIdfMedian = 10;

/**
 * IDF from jieba's bundled table (general Chinese text). Parsed once, on first use (~0.2 s).
 * Words missing from the table (local names) get the table's median weight plus one: an unknown
 * word in two petitions is more telling than a common one.
 */
export function defaultIdf(): IdfLookup {
  if (jiebaIdfMap === undefined) {
    const map = new Map<string, number>();
    for (const line of Buffer.from(jiebaIdf).toString('utf8').split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    const values = [...map.values()].sort((a, b) => a - b);
    jiebaIdfMedian = values[Math.floor(values.length / 2)] ?? 10;
    jiebaIdfMap = map;
  }
  const map = jiebaIdfMap;
  return (word) => map.get(word) ?? jiebaIdfMedian + 1;
}

/** Options of {@link sharedWords}. */
export interface SharedWordsOptions {
  segmenter?: Segmenter;
  idf?: IdfLookup;
}

/**
 * The `k` most distinctive words two petitions have in common, most distinctive first — what a
 * registrar reads to see why two matters were flagged as similar ("丽发新城", "搅拌站", "噪音").
 * Distinctiveness is IDF times the smaller of the two counts; single characters are left out.
 */
export function sharedWords(
  a: PetitionText | string,
  b: PetitionText | string,
  k = 8,
  options: SharedWordsOptions = {},
): string[] {
  return sharedWordsWith(a, options)(b, k);
}

/**
 * {@link sharedWords} against one text many times: `a` is segmented once, and the returned function
 * compares it with each `b` (one query petition against its similar matters).
 */
export function sharedWordsWith(
  a: PetitionText | string,
  options: SharedWordsOptions = {},
): (b: PetitionText | string, k?: number) => string[] {
  const segmenter = options.segmenter ?? createSegmenter();
  const idf = options.idf ?? defaultIdf();
  const count = (tokens: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of tokens) if (t.length > 1) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const ca = count(analyze(a, segmenter).tokens);
  return (b, k = 8) => {
    const cb = count(analyze(b, segmenter).tokens);
    const common: { word: string; weight: number }[] = [];
    for (const [word, n] of ca) {
      const m = cb.get(word);
      if (m !== undefined) common.push({ word, weight: idf(word) * Math.min(n, m) });
    }
    return common
      .sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0))
      .slice(0, k)
      .map((c) => c.word);
  };
}

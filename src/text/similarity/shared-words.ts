import { idf as jiebaIdf } from '@node-rs/jieba/dict.js';
import { analyze, petitionString } from '../analyze.ts';
import { TextError } from '../errors.ts';
import { normalizeText } from '../normalize.ts';
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
 * The words are `a`'s (segmented), found in `b` as written (normalised, not segmented).
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
  // The other text is not segmented: `a`'s words are looked up in it. Cutting each of a query's
  // ten similar matters with jieba cost more than the rest of a registration's text work.
  return (b, k = 8) => {
    const raw = petitionString(b);
    if (raw.trim() === '')
      throw new TextError('text_empty', 'the text is empty: give a subject, a body or a text');
    const text = normalizeText(raw).text;
    const common: { word: string; weight: number }[] = [];
    for (const [word, n] of ca) {
      const m = occurrences(text, word, n);
      if (m > 0) common.push({ word, weight: idf(word) * Math.min(n, m) });
    }
    return common
      .sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0))
      .slice(0, k)
      .map((c) => c.word);
  };
}

/** How often `word` occurs in `text`, counting no further than `cap`. */
function occurrences(text: string, word: string, cap: number): number {
  let found = 0;
  for (let at = text.indexOf(word); at !== -1 && found < cap; at = text.indexOf(word, at + word.length))
    found++;
  return found;
}

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isStopWord } from './stopwords.ts';

/** Cuts normalised Chinese text into words. */
export interface Segmenter {
  /** Raw jieba cut (HMM on, as the training data was cut), punctuation and stop words included. */
  cut(text: string): string[];
  /** Domain words loaded on top of jieba's dictionary. */
  readonly domainTerms: readonly string[];
}

let shared: Jieba | undefined;

/**
 * The process-wide jieba with its default dictionary. Loading takes ~0.2 s and tens of MB, so it
 * is built once, on first use, and never mutated (domain words go to separate instances).
 */
export function defaultJieba(): Jieba {
  shared ??= Jieba.withDict(dict);
  return shared;
}

// Frequency given to domain words: high enough that jieba keeps "杜鹃文苑小区" whole rather than
// cutting it into 杜鹃/文苑/小区, low enough not to swallow common words around it.
const DOMAIN_WORD_FREQ = 2000;

/**
 * A segmenter over jieba's default dictionary plus `domainTerms` (estate, company, road names
 * learned from the training text). Without domain terms the shared instance is reused.
 */
export function createSegmenter(domainTerms: readonly string[] = []): Segmenter {
  if (domainTerms.length === 0) return { cut: (text) => defaultJieba().cut(text, true), domainTerms };
  const jieba = Jieba.withDict(dict);
  const lines = domainTerms
    .filter((t) => !/\s/.test(t) && t.length > 0)
    .map((t) => `${t} ${DOMAIN_WORD_FREQ} nz`);
  jieba.loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
  return { cut: (text) => jieba.cut(text, true), domainTerms };
}

const CJK_PUNCT = /[，。！？、；：“”‘’（）《》【】…]/;

/**
 * True when `text` is already word-segmented: Chinese words separated by spaces and no Chinese
 * punctuation, like the contest's training file ("投诉 物业 违规 收 停车费"). Raw petitions
 * almost never put spaces between Chinese words.
 */
export function isPreSegmented(text: string): boolean {
  if (CJK_PUNCT.test(text)) return false;
  const parts = text.trim().split(/\s+/);
  if (parts.length < 3) return false;
  let cjkParts = 0;
  for (const p of parts) if (/^\p{Script=Han}{1,8}$/u.test(p)) cjkParts++;
  return cjkParts / parts.length >= 0.6;
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const SINGLE_LATIN = /^[a-z]$/;
const NUMBER = /^[\d.,%]+$/;

/**
 * True for tokens that carry meaning: not punctuation, not a stop word, not a bare number, not a
 * single Latin letter (the anonymised "A市" of the data becomes "市", as in the training file).
 */
export function isContentToken(token: string): boolean {
  return HAS_WORD_CHAR.test(token) && !isStopWord(token) && !SINGLE_LATIN.test(token) && !NUMBER.test(token);
}

function isHanWord(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf))) return false;
  }
  return true;
}

/**
 * Content words of normalised text. Pre-segmented text is split on spaces; raw text is cut by
 * `segmenter`. Latin letters are lower-cased so "APP" and "app" meet.
 */
export function tokenize(text: string, segmenter: Segmenter = createSegmenter()): string[] {
  const raw = isPreSegmented(text) ? text.trim().split(/\s+/) : segmenter.cut(text);
  const out: string[] = [];
  for (const t of raw) {
    // Most tokens are plain Chinese words, for which only the stop list matters: this path skips
    // the regular expressions, a fifth of the time of classifying a message.
    if (isHanWord(t)) {
      if (!isStopWord(t)) out.push(t);
      continue;
    }
    const token = t.trim().toLowerCase();
    if (isContentToken(token)) out.push(token);
  }
  return out;
}

import { normalizeText } from './normalize.ts';
import type { NormalizeOptions, NormalizedText } from './normalize.ts';
import { isPreSegmented, tokenize } from './segment.ts';
import type { Segmenter } from './segment.ts';
import { TextError } from './errors.ts';

/** A petition as the app holds it: subject and body, or one text (possibly pre-segmented). */
export interface PetitionText {
  subject?: string | null;
  body?: string | null;
  text?: string | null;
}

/**
 * One string for a petition: `text` when given, else subject and body joined by a full stop
 * (the subject is a summary sentence, so it reads as the first sentence of the body).
 */
export function petitionString(p: PetitionText | string): string {
  if (typeof p === 'string') return p;
  if (typeof p.text === 'string' && p.text.trim() !== '') return p.text;
  const subject = typeof p.subject === 'string' ? p.subject.trim() : '';
  const body = typeof p.body === 'string' ? p.body.trim() : '';
  if (subject === '') return body;
  if (body === '') return subject;
  return `${subject}。${body}`;
}

/** Normalised text and its content words. */
export interface Analysis {
  normalized: NormalizedText;
  tokens: string[];
  preSegmented: boolean;
}

/**
 * Joins runs of pre-segmented tokens that form a domain term ("杜鹃 文苑 小区" → "杜鹃文苑小区"),
 * so a training file cut without the domain dictionary yields the same words as raw text cut with it.
 */
export function mergeDomainTerms(
  tokens: readonly string[],
  terms: ReadonlySet<string>,
  maxParts = 4,
): string[] {
  if (terms.size === 0) return tokens.slice();
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    let taken = 1;
    let joined = tokens[i] as string;
    for (let n = Math.min(maxParts, tokens.length - i); n >= 2; n--) {
      const candidate = tokens.slice(i, i + n).join('');
      if (terms.has(candidate)) {
        taken = n;
        joined = candidate;
        break;
      }
    }
    out.push(joined);
    i += taken;
  }
  return out;
}

/**
 * Normalises a petition and cuts it into content words. Throws {@link TextError} `text_empty`
 * or `text_binary` for unusable input.
 */
export function analyze(
  input: PetitionText | string,
  segmenter: Segmenter,
  options: NormalizeOptions & { domainTermSet?: ReadonlySet<string> } = {},
): Analysis {
  const raw = petitionString(input);
  if (raw.trim() === '')
    throw new TextError('text_empty', 'the text is empty: give a subject, a body or a text');
  const normalized = normalizeText(raw, options);
  const preSegmented = isPreSegmented(normalized.text);
  let tokens = tokenize(normalized.text, segmenter);
  if (preSegmented && options.domainTermSet !== undefined)
    tokens = mergeDomainTerms(tokens, options.domainTermSet);
  return { normalized, tokens, preSegmented };
}

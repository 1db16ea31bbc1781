import * as OpenCC from 'opencc-js/t2cn';
import { TextError } from './errors.ts';

/**
 * Longest input the text pipeline reads. Longer petitions are cut here and the result says so:
 * the first 20,000 characters carry the grievance, and unbounded input would let one upload
 * stall classification for everybody.
 */
export const MAX_TEXT_CHARS = 20_000;

/** A petition text after normalisation, with what happened to it on the way. */
export interface NormalizedText {
  /** Simplified, half-width, boilerplate-free text with single spaces. */
  text: string;
  /** True when the input was longer than the cap and only its start was used. */
  truncated: boolean;
  /** Length of the input in UTF-16 code units, before any cut. */
  originalLength: number;
  /** Share of letters and digits that are CJK ideographs (0..1); low means "not Chinese". */
  cjkRatio: number;
}

/** Options of {@link normalizeText}. */
export interface NormalizeOptions {
  /** Cap in characters; defaults to {@link MAX_TEXT_CHARS}. */
  maxChars?: number;
  /** Remove greetings, closings and signatures (default true). */
  stripBoilerplate?: boolean;
}

// Two converters in a chain: Taiwan phrases first (軟體 → 软件), then Hong Kong variants the
// Taiwan tables leave alone (衞 → 卫). Built lazily: the tables take ~30 ms to load.
let converters: ((s: string) => string)[] | undefined;
// Per character, only Hong Kong variant tables decide "traditional": the Taiwan phrase tables map
// lone characters that simplified text uses too (么 → 幺, 埠 → 端口). Some characters are valid in
// simplified text as well (著名, 乾隆, place names) and say nothing about the script.
let charConverter: ((s: string) => string) | undefined;
const ALSO_SIMPLIFIED = new Set([...'著乾昇沖么埠']);
// Per BMP code unit: 0 = not yet known, 1 = same in simplified, 2 = traditional. Conversion costs
// ~0.5 µs a character and most petitions are simplified already, so a cached per-character test
// decides whether to convert at all. (Characters beyond the BMP are rare and always converted.)
const charKind = new Uint8Array(0x10000);

function convertAll(text: string): string {
  converters ??= [OpenCC.Converter({ from: 'twp', to: 'cn' }), OpenCC.Converter({ from: 'hk', to: 'cn' })];
  let out = text;
  for (const convert of converters) out = convert(out);
  return out;
}

/** True when `text` contains a character that simplified Chinese writes differently. */
export function hasTraditional(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x2e80) continue;
    if (c >= 0xd800 && c <= 0xdfff) return true;
    let kind = charKind[c] as number;
    if (kind === 0) {
      const ch = text[i] as string;
      const convert = (charConverter ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
      kind = ALSO_SIMPLIFIED.has(ch) || convert(ch) === ch ? 1 : 2;
      charKind[c] = kind;
    }
    if (kind === 2) return true;
  }
  return false;
}

/**
 * Converts traditional Chinese (Taiwan or Hong Kong usage) to simplified. Text without any
 * traditional character is returned unchanged, so Taiwan phrase rules (滑鼠 → 鼠标) never rewrite
 * mainland wording.
 */
export function toSimplified(text: string): string {
  return hasTraditional(text) ? convertAll(text) : text;
}

/** Maps full-width ASCII forms (Ａ１，！) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Turns every run of whitespace (including line breaks and zero-width spaces) into one space, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u200B-\u200D\uFEFF]+/g, ' ').trim();
}

// Greetings open a letter and closings end it; they say nothing about the grievance but make
// unrelated short letters look alike to the duplicate detector.
const ADDRESSEE =
  '(?:[^\\s,，:：!！。]{0,8}?(?:领导|书记|市长|县长|区长|局长|主任|部长|省长|同志|政府|工作人员|负责人))';
const GREETING_SEP = '[\\s,，:：!！。.、]';
// An addressee counts as a greeting only when followed by 好 or punctuation: "领导干部违规" is content.
const GREETING_HEAD = new RegExp(
  `^(?:(?:尊敬的|敬爱的|亲爱的)?(?:各位|各级)?${ADDRESSEE}(?:们)?(?:(?:您好|你好|好)${GREETING_SEP}*|${GREETING_SEP}+)|(?:您|你|大家|你们|领导)好${GREETING_SEP}*)`,
);
const CLOSING_TAIL =
  /(?:[\s,，.。!！]*(?:此致敬礼|此致|敬礼|致礼|谢谢(?:您|你|领导|了|大家)?|(?:万分|非常|十分)?感谢(?:领导|您|你们)?|不胜感激|感激不尽|叩谢|拜托了|盼(?:回)?复|望回复|期待(?:您的)?回复))+[\s,，.。!！~]*$/;
const DATE_TAIL =
  /[\s,，。]*(?:\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?|\d{4}\s*年\s*\d{1,2}\s*月)[\s。.]*$/;
// A short last line naming the writer ("丽景小区全体业主", "一位退休教师敬上").
const SIGNATURE_TAIL =
  /[。！!？?\n]\s*(?:(?:一位|一名|一群|全体|部分|广大)[^。！!？?\n,，]{0,12}?(?:业主|市民|村民|居民|家长|群众|职工|教师)|[^。！!？?\n,，]{1,14}?(?:敬上|叩上|拜上)|[^。！!？?\n,，]{1,10}(?:小区|村|社区)(?:全体)?(?:业主|村民|居民))\s*[。.!！]?\s*$/;

/**
 * Removes greetings at the start ("尊敬的领导您好："), closings at the end ("此致敬礼", "谢谢！")
 * and a trailing signature line or date. Conservative: only whole leading/trailing phrases go.
 */
export function stripBoilerplate(text: string): string {
  let out = text.trim();
  for (let i = 0; i < 3; i++) {
    const before = out;
    out = out.replace(GREETING_HEAD, '');
    out = out.replace(DATE_TAIL, '');
    out = out.replace(CLOSING_TAIL, '');
    const sig = SIGNATURE_TAIL.exec(out);
    // Keep a "signature" that is the whole text: a one-line petition is content, not a signature.
    if (sig !== null && sig.index > 0) out = out.slice(0, sig.index + 1);
    out = out.trim();
    if (out === before) break;
  }
  return out;
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Rejects input that is not text: NUL bytes, or mostly control/unassigned/replacement characters
 * (what a PDF or image read as UTF-8 looks like). Throws `text_binary`.
 */
export function assertNotBinary(text: string): void {
  if (text.includes('\u0000'))
    throw new TextError('text_binary', 'the input contains NUL bytes: it is binary data, not text');
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xfffd ||
      (c >= 0xe000 && c <= 0xf8ff)
    ) {
      bad++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else bad++;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad++;
  }
  if (text.length >= 8 && bad / text.length > 0.1) {
    throw new TextError(
      'text_binary',
      'the input is mostly control or undecodable characters: it is binary data, not text',
    );
  }
}

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

const OTHER_LETTER = /[\p{L}\p{N}]/u;

/** CJK and general punctuation blocks: common in petitions, never letters. */
function isPunctuationBlock(c: number): boolean {
  return (
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20)
  );
}

/** Share of letters and digits that are CJK ideographs; 0 when there are none. */
export function cjkRatio(text: string): number {
  let han = 0;
  let alnum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      han++;
      alnum++;
    } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      alnum++;
    } else if (c >= 0x80 && c < 0xd800 && !isPunctuationBlock(c) && OTHER_LETTER.test(text[i] as string)) {
      alnum++;
    }
  }
  return alnum === 0 ? 0 : han / alnum;
}

/**
 * The common front of every text feature: cap the length, refuse binary, convert full-width forms
 * and traditional characters, strip greetings and closings, collapse whitespace.
 * Throws {@link TextError} `text_empty` when nothing meaningful is left, `text_binary` for binary data.
 */
export function normalizeText(raw: string, options: NormalizeOptions = {}): NormalizedText {
  const max = options.maxChars ?? MAX_TEXT_CHARS;
  const capped = capLength(raw, max);
  assertNotBinary(capped);
  let text = toSimplified(toHalfWidth(capped.normalize('NFC')));
  // Boilerplate goes before whitespace is collapsed: a signature is recognised as the last line.
  if (options.stripBoilerplate ?? true) text = stripBoilerplate(text);
  text = collapseWhitespace(text);
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new TextError(
      'text_empty',
      'the text is empty (no letters or digits once greetings and punctuation are removed)',
    );
  }
  return {
    text,
    truncated: capped.length < raw.length,
    originalLength: raw.length,
    cjkRatio: cjkRatio(text),
  };
}

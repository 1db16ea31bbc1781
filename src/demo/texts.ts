import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rng } from '../text/random.ts';
import { LIMITS } from '../shared/enums.ts';
import { demoData, fillIn } from './data.ts';
import type { Topic } from './data-schema.ts';

/**
 * Subjects, contents and replies for the demo's matters. With the shared data folder present the
 * texts are real public petitions (2020 TipDM Cup message board), read at run time and never
 * copied into the repository; without it, short templates written for the demo (data/templates.json)
 * stand in. Categories come from data/categories.json, replies' wording from data/wording.json.
 */

export type { Topic } from './data-schema.ts';

const CATEGORIES = demoData('categories.json');
const TEMPLATES = demoData('templates.json');
const REPLY = demoData('wording.json').reply;

/** The board's 7 first-level labels mapped to Minsheng's category codes. */
export const BOARD_LABELS: Readonly<Record<string, string>> = CATEGORIES.boardLabels;

export interface DemoReply {
  outcome: 'supported' | 'explained' | 'not_supported';
  facts: string;
  legalBasis: string;
  body: string;
}

export interface DemoText {
  subject: string;
  content: string;
  categoryCode: string;
  purpose: 'request' | 'suggestion' | 'appeal' | 'accusation' | 'other';
  reply: DemoReply;
  source: 'data' | 'template';
}

// Control characters (other than tab and newlines) are refused by the API schemas.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Strips control characters, trims, and cuts to `max` characters (never leaving it empty). */
export function cleanText(raw: string, max: number, fallback = '（无内容）'): string {
  const s = raw.replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
  const cut = Array.from(s).slice(0, max).join('').trim();
  return cut.length > 0 ? cut : fallback;
}

const keywords = (list: { category: string; pattern: string }[]): [string, RegExp][] =>
  list.map((k) => [k.category, new RegExp(k.pattern)]);
const SUBCATEGORY_KEYWORDS = keywords(CATEGORIES.subcategoryKeywords);
const FIRST_LEVEL_KEYWORDS = keywords(CATEGORIES.firstLevelKeywords);

/**
 * A keyword guess of the first-level category for unlabelled board messages: the subject decides
 * when it names exactly one category, else the whole text must; ambiguous texts get null.
 */
export function guessFirstLevel(subject: string, body: string): string | null {
  const hits = (text: string) => FIRST_LEVEL_KEYWORDS.filter(([, re]) => re.test(text)).map(([c]) => c);
  const bySubject = hits(subject);
  if (bySubject.length === 1) return bySubject[0] ?? null;
  if (bySubject.length > 1) return null;
  const byText = hits(`${subject} ${body}`);
  return byText.length === 1 ? (byText[0] ?? null) : null;
}

/** The most specific category code for a text within a first-level category. */
export function refineCategory(firstLevel: string, subject: string, body: string): string {
  const subjectHit = SUBCATEGORY_KEYWORDS.find(
    ([code, re]) => code.startsWith(`${firstLevel}.`) && re.test(subject),
  );
  if (subjectHit) return subjectHit[0];
  const bodyHit = SUBCATEGORY_KEYWORDS.find(
    ([code, re]) => code.startsWith(`${firstLevel}.`) && re.test(body.slice(0, 300)),
  );
  return bodyHit ? bodyHit[0] : firstLevel;
}

const LEGAL_BASIS = CATEGORIES.legalBasis;

export function legalBasisFor(categoryCode: string): string {
  return (
    LEGAL_BASIS[categoryCode] ??
    LEGAL_BASIS[categoryCode.split('.')[0] ?? ''] ??
    (LEGAL_BASIS.other as string)
  );
}

function replyFor(rng: Rng, categoryCode: string, subject: string, dataReply?: string): DemoReply {
  const r = rng.next();
  const outcome: DemoReply['outcome'] = r < 0.45 ? 'supported' : r < 0.8 ? 'explained' : 'not_supported';
  let facts: string;
  if (dataReply) {
    const afterIntro = dataReply.split(/现(?:将有关情况)?回复如下[:：]/)[1] ?? dataReply;
    facts = cleanText(afterIntro, 400);
  } else {
    facts = fillIn(REPLY.facts, { subject: cleanText(subject, 60) });
  }
  const body = dataReply
    ? cleanText(`${dataReply}\n\n${REPLY.reviewNotice}`, LIMITS.contentMax)
    : `${facts}\n\n${REPLY.outcomes[outcome]}\n\n${REPLY.reviewNotice}`;
  return { outcome, facts, legalBasis: legalBasisFor(categoryCode), body };
}

/** Fills a template's {fields}: given values first, else a pick from the file's lists or ranges, the same within one text. */
function fill(rng: Rng, s: string, vars: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (vars[k] !== undefined) return vars[k];
    const field = TEMPLATES.fields[k];
    if (!field) return '';
    return (vars[k] =
      'pick' in field
        ? (field.pick[rng.int(field.pick.length)] ?? '')
        : String(field.from + rng.int(field.count)));
  });
}

interface DataRow {
  subject: string;
  body: string;
  reply?: string;
  categoryCode: string;
}

function readJsonLines(file: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A damaged line is skipped: the demo does not depend on any single message.
    }
  }
  return out;
}

const DATA_TOPICS = new Set<string>(Object.values(BOARD_LABELS));

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Hands out texts per topic without repeating one until the topic's pool runs dry. Data rows are
 * grouped by first-level category: labelled rows by their label, others by a keyword guess.
 */
export class TextPool {
  private readonly withReply = new Map<string, DataRow[]>();
  private readonly plain = new Map<string, DataRow[]>();
  readonly fromData: boolean;

  constructor(
    private readonly rng: Rng,
    dataDir: string | null,
  ) {
    this.fromData = dataDir !== null && existsSync(path.join(dataDir, 'labelled_sample.jsonl'));
    if (!this.fromData || dataDir === null) return;
    const add = (map: Map<string, DataRow[]>, row: DataRow) => {
      const key = row.categoryCode.split('.')[0] ?? row.categoryCode;
      const list = map.get(key) ?? [];
      list.push(row);
      map.set(key, list);
    };
    const toRow = (r: Record<string, unknown>, level1: string | null): DataRow | null => {
      const subject = str(r.subject);
      const body = str(r.body);
      if (!level1 || subject.trim() === '' || body.trim() === '') return null;
      const row: DataRow = { subject, body, categoryCode: refineCategory(level1, subject, body) };
      const reply = str(r.reply);
      if (reply.trim() !== '') row.reply = reply;
      return row;
    };
    for (const r of readJsonLines(path.join(dataDir, 'labelled_sample.jsonl'))) {
      const row = toRow(r, BOARD_LABELS[str(r.label)] ?? null);
      if (row) add(this.plain, row);
    }
    const extra = (file: string) =>
      existsSync(path.join(dataDir, file)) ? readJsonLines(path.join(dataDir, file)) : [];
    for (const r of extra('messages.jsonl')) {
      const row = toRow(r, guessFirstLevel(str(r.subject), str(r.body)));
      if (row) add(this.plain, row);
    }
    for (const r of extra('replies.jsonl')) {
      const row = toRow(r, guessFirstLevel(str(r.subject), str(r.body)));
      if (row?.reply) add(this.withReply, row);
    }
  }

  private draw(map: Map<string, DataRow[]>, key: string): DataRow | null {
    const list = map.get(key);
    if (!list || list.length === 0) return null;
    const i = this.rng.int(list.length);
    const row = list[i] as DataRow;
    list[i] = list[list.length - 1] as DataRow;
    list.pop();
    return row;
  }

  /** A text on `topic`; `vars` fills template fields such as {reported} (the reported unit's name). */
  take(topic: Topic, vars: Record<string, string> = {}): DemoText {
    if (this.fromData && DATA_TOPICS.has(topic)) {
      const row = this.draw(this.withReply, topic) ?? this.draw(this.plain, topic);
      if (row) return this.fromRow(row);
    }
    return this.fromTemplate(topic, vars);
  }

  private fromRow(row: DataRow): DemoText {
    const subject = cleanText(row.subject, LIMITS.subjectMax);
    return {
      subject,
      content: cleanText(row.body, LIMITS.contentMax),
      categoryCode: row.categoryCode,
      purpose: /建议/.test(subject) ? 'suggestion' : /咨询|请问/.test(subject) ? 'other' : 'request',
      reply: replyFor(this.rng, row.categoryCode, subject, row.reply),
      source: 'data',
    };
  }

  private fromTemplate(topic: Topic, vars: Record<string, string>): DemoText {
    const candidates = TEMPLATES.templates.filter((t) => t.topic === topic);
    const t = candidates[this.rng.int(candidates.length)] ?? TEMPLATES.templates[0];
    if (!t) throw new Error('the demo has no text templates');
    const v = { ...vars };
    const subject = cleanText(fill(this.rng, t.subject, v), LIMITS.subjectMax);
    const content = cleanText(fill(this.rng, t.content, v), LIMITS.contentMax);
    return {
      subject,
      content,
      categoryCode: t.categoryCode,
      purpose: t.purpose ?? 'request',
      reply: replyFor(this.rng, t.categoryCode, subject),
      source: 'template',
    };
  }
}

/** All template topics, for tests. */
export const TEMPLATE_TOPICS: readonly Topic[] = [...new Set(TEMPLATES.templates.map((t) => t.topic))];

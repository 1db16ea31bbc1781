import { analyze, petitionString } from '../analyze.ts';
import { extractEntities, learnDomainTerms } from '../entities.ts';
import type { EntityKind } from '../entities.ts';
import { isTextError } from '../errors.ts';
import { normalizeText } from '../normalize.ts';
import { createSegmenter } from '../segment.ts';
import { LshIndex } from '../similarity/lsh-index.ts';
import { minhash, shingleHashes } from '../similarity/minhash.ts';
import type { Signature } from '../similarity/minhash.ts';
import { heatIndex, isRising } from './heat.ts';

/** One matter as hot-issue discovery reads it. */
export interface HotIssueInput {
  id: string | number;
  user?: string | null;
  subject?: string | null;
  body?: string | null;
  text?: string | null;
  /** ISO-like timestamp ("2019-02-28 11:25:05" or ISO 8601); zone-less times are read as UTC. */
  time?: string | null;
  likes?: number | null;
  against?: number | null;
}

/** Options of {@link findHotIssues}. */
export interface HotIssueOptions {
  /** How many issues to return (default 10). */
  top: number;
  /** Smallest group that counts as an issue (default 2). */
  minSize: number;
  /** "Now" for the rising test, ISO; default the latest time in the input, so results do not depend on the clock. */
  now?: string;
  /** Estimated Jaccard similarity at which two matters are near-duplicates and always grouped (default 0.5). */
  nearDuplicate: number;
}

/** One hot issue, best first. */
export interface HotIssue {
  rank: number;
  /** The place or group and what the complaints are about: "丽发新城：搅拌站 噪音 扰民". */
  label: string;
  /** The named thing the issue is about, when there is one. */
  entity: string | null;
  keywords: string[];
  ids: (string | number)[];
  size: number;
  /** Distinct petitioners (matters without a user count one each). */
  people: number;
  likes: number;
  first: string | null;
  last: string | null;
  heat: number;
  rising: boolean;
}

/** What {@link findHotIssues} returns: the issues, and how many inputs had no usable text. */
export interface HotIssueResult {
  issues: HotIssue[];
  skipped: number;
}

const DEFAULTS: HotIssueOptions = { top: 10, minSize: 2, nearDuplicate: 0.5 };

// Estates, organisations and projects name one concrete thing; a road or a town covers many.
const KIND_WEIGHT: Record<EntityKind, number> = {
  estate: 3,
  organisation: 3,
  project: 3,
  place: 1.5,
  road: 1,
};

interface Doc {
  input: HotIssueInput;
  time: number;
  /** Names in the subject → position of first mention. */
  subjectEntities: Map<string, number>;
  /** Name → kind and number of mentions in subject and body. */
  entities: Map<string, { kind: EntityKind; mentions: number }>;
  tokens: string[];
  signature: Signature;
}

/** Parses "2019-02-28 11:25:05" or ISO 8601; NaN when absent or unreadable. */
export function parseTime(value: string | null | undefined): number {
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  let s = value.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) s += 'Z';
  return Date.parse(s);
}

/**
 * Names in text order, plus compounds of two names written back to back ("碧桂园威尼斯城":
 * a developer's brand then the estate), which are more specific than either part.
 */
function namesWithCompounds(text: string): { name: string; kind: EntityKind; start: number }[] {
  const found = extractEntities(text);
  const out = found.map((e) => ({ name: e.name, kind: e.kind, start: e.start }));
  for (let i = 1; i < found.length; i++) {
    const a = found[i - 1] as (typeof found)[number];
    const b = found[i] as (typeof found)[number];
    if (a.start + a.name.length === b.start)
      out.push({ name: a.name + b.name, kind: b.kind, start: a.start });
  }
  return out;
}

/** Union-find whose sets carry at most one entity: two differently named groups never merge. */
class UnionFind {
  private readonly parent: number[];
  private readonly entity: (string | null)[];
  constructor(entities: readonly (string | null)[]) {
    this.parent = entities.map((_, i) => i);
    this.entity = entities.slice();
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[i] !== r) {
      const next = this.parent[i] as number;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const ea = this.entity[ra] ?? null;
    const eb = this.entity[rb] ?? null;
    if (ea !== null && eb !== null && ea !== eb) return;
    const root = Math.min(ra, rb);
    this.parent[Math.max(ra, rb)] = root;
    this.entity[root] = ea ?? eb;
  }
}

function readDocs(inputs: readonly HotIssueInput[]): { docs: Doc[]; skipped: number } {
  const texts: (string | null)[] = inputs.map((input) => {
    try {
      return normalizeText(petitionString(input)).text;
    } catch (err) {
      if (isTextError(err)) return null;
      throw err;
    }
  });
  // Segment with the names this very corpus repeats, so "丽发新城" stays one word in keywords.
  const segmenter = createSegmenter(
    learnDomainTerms(
      texts.filter((t): t is string => t !== null),
      2,
      5_000,
    ),
  );
  const docs: Doc[] = [];
  let skipped = 0;
  inputs.forEach((input, i) => {
    const text = texts[i];
    if (text === null || text === undefined) {
      skipped++;
      return;
    }
    const subject = typeof input.subject === 'string' ? input.subject : '';
    const subjectEntities = new Map<string, number>();
    try {
      for (const e of namesWithCompounds(normalizeText(subject).text))
        if (!subjectEntities.has(e.name)) subjectEntities.set(e.name, e.start);
    } catch (err) {
      if (!isTextError(err)) throw err;
    }
    const entities = new Map<string, { kind: EntityKind; mentions: number }>();
    for (const e of namesWithCompounds(text)) {
      const seen = entities.get(e.name);
      if (seen === undefined) entities.set(e.name, { kind: e.kind, mentions: 1 });
      else seen.mentions++;
    }
    docs.push({
      input,
      time: parseTime(input.time),
      subjectEntities,
      entities,
      tokens: analyze(text, segmenter).tokens,
      signature: minhash(shingleHashes(text)),
    });
  });
  return { docs, skipped };
}

/**
 * Canonical names: a longer name ending in a known shorter one is the same thing
 * ("万科魅力之城" → "魅力之城"), and a name that mostly appears together with a more common one is
 * folded into it ("滨河苑" with "伊景园").
 */
function entityAliases(docs: readonly Doc[], df: ReadonlyMap<string, number>): Map<string, string> {
  const alias = new Map<string, string>();
  const shared = [...df].filter(([, n]) => n >= 2).map(([name]) => name);
  const sharedSet = new Set(shared);
  for (const name of shared) {
    for (let cut = 1; cut <= name.length - 2; cut++) {
      const tail = name.slice(cut);
      if (sharedSet.has(tail)) {
        alias.set(name, tail);
        break;
      }
    }
  }
  const co = new Map<string, Map<string, number>>();
  const kinds = new Map<string, EntityKind>();
  for (const d of docs) for (const [name, e] of d.entities) if (!kinds.has(name)) kinds.set(name, e.kind);
  for (const d of docs) {
    const names = [...d.entities.keys()].filter((n) => sharedSet.has(n));
    for (const a of names)
      for (const b of names) {
        if (a === b) continue;
        const row = co.get(b) ?? new Map<string, number>();
        row.set(a, (row.get(a) ?? 0) + 1);
        co.set(b, row);
      }
  }
  for (const b of shared) {
    if (alias.has(b)) continue;
    const nb = df.get(b) as number;
    let best: string | undefined;
    let bestShare = 0.6;
    for (const [a, n] of co.get(b) ?? []) {
      const share = n / nb;
      const na = df.get(a) as number;
      // Folding needs the pair to be mostly together from both sides and of one kind: a road
      // mentioned by every complaint of a small estate is still a different thing.
      if (
        (na > nb || (na === nb && a < b)) &&
        share >= bestShare &&
        n >= 0.3 * na &&
        kinds.get(a) === kinds.get(b)
      ) {
        best = a;
        bestShare = share;
      }
    }
    if (best !== undefined) alias.set(b, best);
  }
  const resolve = (name: string): string => {
    let out = name;
    for (let hops = 0; hops < 10 && alias.has(out); hops++) out = alias.get(out) as string;
    return out;
  };
  return new Map(shared.map((n) => [n, resolve(n)]));
}

/**
 * The one thing a matter is about: among its names shared with other matters, those in the
 * subject if any, else body names mentioned at least twice, else the body's only shared name.
 * Estates, organisations and projects beat roads and towns; then the subject's first name (the
 * longer one when a compound starts there), then the more common name.
 */
function primaryEntity(
  d: Doc,
  canonical: ReadonlyMap<string, string>,
  df: ReadonlyMap<string, number>,
  maxDf: number,
): string | null {
  const shared: {
    name: string;
    canon: string;
    kind: EntityKind;
    position: number;
    mentions: number;
    n: number;
  }[] = [];
  for (const [name, { kind, mentions }] of d.entities) {
    const canon = canonical.get(name);
    if (canon === undefined) continue;
    const n = df.get(canon) ?? 0;
    if (n < 2 || n > maxDf) continue;
    shared.push({
      name,
      canon,
      kind,
      position: d.subjectEntities.get(name) ?? Number.POSITIVE_INFINITY,
      mentions,
      n,
    });
  }
  let pool = shared.filter((c) => c.position !== Number.POSITIVE_INFINITY);
  if (pool.length === 0) pool = shared.filter((c) => c.mentions >= 2);
  if (pool.length === 0 && new Set(shared.map((c) => c.canon)).size === 1) pool = shared;
  pool.sort(
    (a, b) =>
      KIND_WEIGHT[b.kind] - KIND_WEIGHT[a.kind] ||
      (a.position === b.position ? 0 : a.position < b.position ? -1 : 1) ||
      b.name.length - a.name.length ||
      b.n - a.n ||
      (a.canon < b.canon ? -1 : 1),
  );
  return pool[0]?.canon ?? null;
}

/** Longest subject used as a label. */
const LABEL_SUBJECT_MAX = 24;

/**
 * The named thing and its keywords ("丽发新城：搅拌站 噪音 扰民"). Without a name, the subject that
 * at least half of the group share, when there is one (a letter re-sent or signed by many says what
 * it is about better than three keywords); else the keywords.
 */
function issueLabel(group: readonly Doc[], entity: string | null, words: readonly string[]): string {
  if (entity !== null) return `${entity}：${words.join(' ')}`;
  const subjects = new Map<string, number>();
  for (const d of group) {
    const subject = String(d.input.subject ?? '').trim();
    if (subject !== '') subjects.set(subject, (subjects.get(subject) ?? 0) + 1);
  }
  const [common, count] = [...subjects].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  if (group.length >= 2 && count * 2 >= group.length) {
    return common.length > LABEL_SUBJECT_MAX ? `${common.slice(0, LABEL_SUBJECT_MAX)}…` : common;
  }
  return words.join(' ');
}

/**
 * Words petitions share whatever they are about: how a letter asks ("请问", "能否", "咨询"), when
 * ("之前", "目前") and what it does ("反映", "要求"). They stay in the text for classification but
 * never describe an issue. (Stop words — 什么, 已经, 我们 … — never reach the tokens at all.)
 */
const NOT_DESCRIPTIVE = new Set(
  `请问 咨询 是否 能否 可否 之前 之后 以前 以后 目前 现在 当时 至今 得到 得不到 未有 未能
  问题 情况 事情 反映 要求 希望 请求 恳请 相关 进行 处理 解决 给予 领导 部门 您好 你好
  谢谢 感谢 市民 群众`.split(/\s+/),
);

/**
 * Words made only of function characters that the stop words cannot list — "后以", where jieba's
 * HMM joined 拒绝后 and 以各种理由 — and comparisons ("低于", "高于") are grammar, not a subject.
 */
const FUNCTION_ONLY =
  /^[的了在是和与及以于后前而或被把将对从向为之其所也都就还又再才并且即若则因故]+$|^[低高大小多少等优]于$/;

/** "一名", "两辆", "几次": a number and a measure word say nothing about what an issue is. */
const NUMERAL_MEASURE = /^[一二两三四五六七八九十百千几每多][个名位辆件次家条张户栋套间台天年月块元]$/;

function keywords(
  group: readonly Doc[],
  entity: string | null,
  df: ReadonlyMap<string, number>,
  total: number,
  k = 3,
): string[] {
  const inGroup = new Map<string, number>();
  for (const d of group) for (const t of new Set(d.tokens)) inGroup.set(t, (inGroup.get(t) ?? 0) + 1);
  return (
    [...inGroup]
      .filter(
        ([t, n]) =>
          t.length > 1 &&
          !/^[a-z]?\d*[a-z]?\d*$/.test(t) &&
          !NUMERAL_MEASURE.test(t) &&
          !NOT_DESCRIPTIVE.has(t) &&
          !FUNCTION_ONLY.test(t) &&
          (entity === null || !(entity.includes(t) || t.includes(entity))) &&
          // A word of one letter out of two does not describe the pair.
          (group.length < 3 ? n === group.length : n >= 2),
      )
      // Contrast with the matters outside the group: a big issue's own words are common in the corpus
      // because of the issue itself, so plain IDF would bury them.
      .map(([t, n]) => ({ t, score: n * Math.log((total - group.length + 1) / ((df.get(t) ?? n) - n + 1)) }))
      .sort((a, b) => b.score - a.score || (a.t < b.t ? -1 : 1))
      .slice(0, k)
      .map((x) => x.t)
  );
}

/**
 * Groups matters about the same concrete thing and ranks the groups by heat. A matter's thing is
 * its most specific shared name (estate, company, project over road or town; a name in the
 * subject over one in the body); near-duplicate matters are grouped whatever names they carry.
 * Pure and deterministic: the same input gives the same issues.
 */
export function findHotIssues(
  inputs: readonly HotIssueInput[],
  options: Partial<HotIssueOptions> = {},
): HotIssueResult {
  const opt = { ...DEFAULTS, ...options };
  const { docs, skipped } = readDocs(inputs);
  const entityDf = new Map<string, number>();
  for (const d of docs)
    for (const name of d.entities.keys()) entityDf.set(name, (entityDf.get(name) ?? 0) + 1);
  const canonical = entityAliases(docs, entityDf);
  const canonDf = new Map<string, number>();
  for (const d of docs) {
    for (const c of new Set(
      [...d.entities.keys()].map((n) => canonical.get(n)).filter((c) => c !== undefined),
    )) {
      canonDf.set(c, (canonDf.get(c) ?? 0) + 1);
    }
  }
  // A name in a tenth of all matters (in a large enough corpus) is the area, not an issue.
  const maxDf = docs.length >= 50 ? Math.max(20, docs.length * 0.1) : Number.POSITIVE_INFINITY;
  const primaries = docs.map((d) => primaryEntity(d, canonical, canonDf, maxDf));

  const uf = new UnionFind(primaries);
  const firstWith = new Map<string, number>();
  primaries.forEach((p, i) => {
    if (p === null) return;
    const first = firstWith.get(p);
    if (first === undefined) firstWith.set(p, i);
    else uf.union(first, i);
  });
  const index = new LshIndex<number>();
  docs.forEach((d, i) => {
    for (const hit of index.query(d.signature, Number.POSITIVE_INFINITY, opt.nearDuplicate))
      uf.union(i, hit.id);
    index.add(i, d.signature);
  });

  const tokenDf = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.tokens)) tokenDf.set(t, (tokenDf.get(t) ?? 0) + 1);
  const groups = new Map<number, number[]>();
  docs.forEach((_, i) => {
    const root = uf.find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  const allTimes = docs.map((d) => d.time).filter((t) => !Number.isNaN(t));
  const now =
    options.now !== undefined ? parseTime(options.now) : allTimes.length > 0 ? Math.max(...allTimes) : 0;

  const issues: Omit<HotIssue, 'rank'>[] = [];
  for (const members of groups.values()) {
    if (members.length < opt.minSize) continue;
    const group = members.map((i) => docs[i] as Doc);
    const counts = new Map<string, number>();
    for (const i of members) {
      const p = primaries[i];
      if (p !== null && p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    const entity = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
    const words = keywords(group, entity, tokenDf, docs.length);
    const users = new Set(
      group.map((d, j) =>
        typeof d.input.user === 'string' && d.input.user !== '' ? `u:${d.input.user}` : `m:${j}`,
      ),
    );
    const timed = group.filter((d) => !Number.isNaN(d.time)).sort((a, b) => a.time - b.time);
    const times = timed.map((d) => d.time);
    const likes = group.reduce((s, d) => s + Math.max(0, Number(d.input.likes) || 0), 0);
    const against = group.reduce((s, d) => s + Math.max(0, Number(d.input.against) || 0), 0);
    issues.push({
      label: issueLabel(group, entity, words),
      entity,
      keywords: words,
      ids: group.map((d) => d.input.id),
      size: group.length,
      people: users.size,
      likes,
      first: timed[0]?.input.time ?? null,
      last: timed[timed.length - 1]?.input.time ?? null,
      heat: heatIndex({ size: group.length, people: users.size, likes, against, times }),
      rising: isRising(times, now),
    });
  }
  issues.sort(
    (a, b) => b.heat - a.heat || b.size - a.size || String(a.ids[0]).localeCompare(String(b.ids[0])),
  );
  return { issues: issues.slice(0, opt.top).map((issue, i) => ({ rank: i + 1, ...issue })), skipped };
}

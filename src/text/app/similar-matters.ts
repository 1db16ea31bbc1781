import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StaffUser } from '../../auth/staff-user.ts';
import type { Database } from '../../db/schema.ts';
import type { BandNeighbour, SimilarFound, SimilarMatter, TextFingerprint } from '../../intake/text-hooks.ts';
import { visibleTo } from '../../lifecycle/access-rule.ts';
import { isTextError } from '../errors.ts';
import type { Segmenter } from '../segment.ts';
import {
  bandKeys,
  DUPLICATE_THRESHOLD,
  estimateSimilarity,
  NUM_BANDS,
  NUM_HASHES,
  signature,
  signatureFromBytes,
  signatureToBytes,
} from '../similarity/minhash.ts';
import type { Signature } from '../similarity/minhash.ts';
import { sharedWordsWith } from '../similarity/shared-words.ts';

/**
 * Similar earlier matters from the index stored with each matter at registration
 * (`matter_text_signatures`, `matter_lsh_bands`, migration 0005). Three short statements, the same
 * on PostgreSQL and PGlite:
 *
 * 1. the query's 32 band keys → matters sharing a key, counted per matter (each key's list capped at
 *    the newest {@link KEY_CAP}: a template letter sent by thousands must not make every query read
 *    thousands of rows), the {@link CANDIDATES} with most shared keys, with their signatures;
 * 2. ranked by estimated Jaccard similarity in JS, those ≥ {@link SIMILAR_MIN} get case numbers,
 *    the same-petitioner flag and, for staff, the data-scope filter;
 * 3. the best `limit` get their shared words (subject and the first {@link SHARED_WORDS_CHARS}
 *    characters of the content).
 */

/**
 * Similar matters below this estimated Jaccard similarity of character 3-grams are not shown.
 * On the evaluation pairs (docs/text-evaluation.md) 0.3 still flags 98 % correctly and misses fewer
 * re-worded copies than 0.5; a list for a registrar to read can afford the extra candidates. LSH finds
 * a pair at J = 0.3 only 23 % of the time (50 % at 0.42, 98 % at 0.6), so in practice the list holds
 * what is clearly the same issue plus some related matters.
 */
export const SIMILAR_MIN = 0.3;
/**
 * From this similarity a matter of the same petitioner is a repeat (同人 + 同事). Real data: of 69
 * pairs of one user's messages under the same subject 60 score ≥ 0.5; of 6,103 pairs of one user's
 * messages under different subjects 162 do, and those read as the same letter re-sent under a new
 * title.
 */
export const REPEAT_THRESHOLD = DUPLICATE_THRESHOLD;
/** Candidates (most shared band keys first) whose signatures are compared. */
export const CANDIDATES = 100;
/** Matters read per band key, newest first. */
export const KEY_CAP = 200;
/** Characters of each content read for the shared words. */
export const SHARED_WORDS_CHARS = 3_000;
const SHARED_WORDS = 6;

const EMPTY = 0xffffffff;

/**
 * MinHash signature and LSH band keys of a petition, or null when there is nothing to compare:
 * empty or binary text, or text without a single letter or digit (all such texts would share one
 * signature and look identical).
 */
export function fingerprintText(input: { subject: string; content: string }): TextFingerprint | null {
  let sig: Signature;
  try {
    sig = signature({ subject: input.subject, body: input.content });
  } catch (err) {
    if (isTextError(err)) return null;
    throw err;
  }
  if (sig.every((v) => v === EMPTY)) return null;
  return { signature: signatureToBytes(sig), bandKeys: bandKeys(sig) };
}

/** A candidate from the band table, before ranking. */
export interface SimilarCandidate {
  matterId: number;
  /** Band keys shared with the query (1..32). */
  hits: number;
  similarity: number;
}

function validFingerprint(f: TextFingerprint): boolean {
  return (
    f.signature.length === NUM_HASHES * 4 &&
    f.bandKeys.length === NUM_BANDS &&
    f.bandKeys.every((k) => Number.isSafeInteger(k) && k >= 0)
  );
}

/**
 * The band lookup as a SELECT of `(matter_id, hits, signature)` rows: for each of the query's band
 * keys the newest {@link KEY_CAP} matters sharing it, the {@link CANDIDATES} with most shared keys,
 * with their signatures. Run alone ({@link similarCandidates}) or as a CTE of the registration
 * statement, which then finds the new matter's neighbours in the same round trip (the statement's
 * snapshot does not yet hold the matter itself).
 */
export function bandNeighboursSql(
  /** The query's band keys, or an SQL expression of type bigint[] giving them. */
  bandKeys: readonly number[] | RawBuilder<unknown>,
  exclude: number | null,
) {
  const keys = Array.isArray(bandKeys) ? sql`${bandKeys}::bigint[]` : (bandKeys as RawBuilder<unknown>);
  // Signatures travel as base64 text: PGlite decodes a bytea's hex text byte by byte in JS, 4× slower.
  // A subquery per candidate, not a join: without statistics (PGlite never analyses on its own)
  // the planner hashed the whole signature table for a join.
  return sql<{ matter_id: number; hits: number; signature: string | null }>`
    SELECT c.matter_id, c.hits,
      (SELECT encode(s.signature, 'base64') FROM matter_text_signatures s WHERE s.matter_id = c.matter_id) AS signature
    FROM (
      SELECT b.matter_id, count(*)::int AS hits
      FROM unnest(${keys}) AS k(key)
      CROSS JOIN LATERAL (
        SELECT l.matter_id FROM matter_lsh_bands l
        WHERE l.band_key = k.key
        ORDER BY l.matter_id DESC
        LIMIT ${sql.lit(KEY_CAP)}
      ) b
      WHERE b.matter_id <> ${exclude ?? 0}::int
      GROUP BY b.matter_id
      ORDER BY hits DESC, b.matter_id DESC
      LIMIT ${sql.lit(CANDIDATES)}
    ) c`;
}

/** Neighbours ranked by estimated Jaccard similarity, best first; those below `minSimilarity` left out. */
export function rankNeighbours(
  fingerprint: TextFingerprint,
  neighbours: readonly BandNeighbour[],
  minSimilarity = SIMILAR_MIN,
): SimilarCandidate[] {
  const mine = signatureFromBytes(fingerprint.signature);
  const out: SimilarCandidate[] = [];
  for (const n of neighbours) {
    if (n.signature.length !== fingerprint.signature.length) continue; // written by another index version
    const similarity = estimateSimilarity(mine, signatureFromBytes(n.signature));
    if (similarity >= minSimilarity) out.push({ matterId: n.matterId, hits: n.hits, similarity });
  }
  return out.sort((a, b) => b.similarity - a.similarity || b.matterId - a.matterId);
}

/**
 * Step 1 and the ranking: matters sharing band keys with `fingerprint` (not `exclude`), best
 * estimated similarity first, those below `minSimilarity` left out.
 */
export async function similarCandidates(
  db: Kysely<Database>,
  fingerprint: TextFingerprint,
  exclude: number | null,
  minSimilarity = SIMILAR_MIN,
): Promise<SimilarCandidate[]> {
  if (!validFingerprint(fingerprint)) return [];
  const rows = await bandNeighboursSql(fingerprint.bandKeys, exclude).execute(db);
  return rankNeighbours(
    fingerprint,
    rows.rows.map((r) => ({
      matterId: r.matter_id,
      hits: r.hits,
      signature: Buffer.from(r.signature ?? '', 'base64'),
    })),
    minSimilarity,
  );
}

/** What {@link findSimilarMatters} needs. */
export interface FindSimilarInput {
  /** The matter being registered (left out of its own results), or null for a draft. */
  matterId: number | null;
  subject: string;
  content: string;
  /** Petitioners of the new matter: a similar matter of any of them is flagged `samePetitioner`. */
  petitionerIds: readonly number[];
  limit: number;
  fingerprint: TextFingerprint;
}

/** Options of {@link findSimilarMatters}. */
export interface FindSimilarOptions {
  /** Only matters this user may see (data scope; a reported unit never sees the report). */
  viewer?: StaffUser;
  minSimilarity?: number;
  /** Segmenter for the shared words (a model's, with its domain terms, keeps estate names whole). */
  segmenter?: Segmenter;
}

/**
 * Earlier matters like the given text, best first: a repeat of the same petitioner (same person,
 * similarity ≥ {@link REPEAT_THRESHOLD}) before everything else, then by similarity, newer first
 * on ties. Each with case number, similarity (3 decimals), shared words and `samePetitioner`.
 */
export async function findSimilarMatters(
  db: Kysely<Database>,
  input: FindSimilarInput,
  options: FindSimilarOptions = {},
): Promise<SimilarMatter[]> {
  if (Math.floor(input.limit) <= 0) return [];
  const ranked = await similarCandidates(
    db,
    input.fingerprint,
    input.matterId,
    options.minSimilarity ?? SIMILAR_MIN,
  );
  return (await describeCandidates(db, ranked, input, options)).items;
}

/**
 * Step 2 in one statement: for the ranked candidates, case number, the same-petitioner flag, the
 * viewer's scope, and — only for the rows that will be shown or linked — subject and the first
 * {@link SHARED_WORDS_CHARS} characters of the content; then the shared words.
 */
export async function describeCandidates(
  db: Kysely<Database>,
  ranked: readonly SimilarCandidate[],
  input: Omit<FindSimilarInput, 'fingerprint'>,
  options: Omit<FindSimilarOptions, 'minSimilarity'> = {},
): Promise<SimilarFound> {
  const limit = Math.max(0, Math.min(50, Math.floor(input.limit)));
  if (limit === 0 || ranked.length === 0) return { items: [], repeatOf: null };
  const ids = ranked.map((r) => r.matterId);
  const sims = ranked.map((r) => r.similarity);
  const people = input.petitionerIds.filter((p) => Number.isInteger(p));
  const viewer = options.viewer;
  const facts = db
    .selectFrom('matters as m')
    .select(['m.id', 'm.case_number', 'm.subject', 'm.content'])
    .select(sql<number>`array_position(${ids}::int[], m.id)`.as('ord'))
    .select(sql<number>`(${sims}::float8[])[array_position(${ids}::int[], m.id)]`.as('sim'))
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM matter_petitioners mp WHERE mp.matter_id = m.id AND mp.petitioner_id = ANY(${people}::int[]))`.as(
        'same',
      ),
    )
    .select((eb) => (viewer ? visibleTo(viewer)(eb) : eb.lit(true)).as('visible'))
    .where(sql<boolean>`m.id = ANY(${ids}::int[])`);
  // Window functions pick the rows whose text is read: the first `limit` visible ones (a repeat
  // first) and the first repeat, visible or not.
  const isRepeat = sql<boolean>`(f.same AND f.sim >= ${REPEAT_THRESHOLD}::float8)`;
  const shownRank = sql<number>`row_number() OVER (PARTITION BY f.visible ORDER BY ${isRepeat} DESC, f.ord)`;
  const repeatRank = sql<number>`row_number() OVER (PARTITION BY ${isRepeat} ORDER BY f.ord)`;
  const wanted = sql<boolean>`(f.visible AND ${shownRank} <= ${limit}) OR (${isRepeat} AND ${repeatRank} = 1)`;
  const rows = await db
    .selectFrom(facts.as('f'))
    .select(['f.id', 'f.case_number', 'f.ord', 'f.same', 'f.visible'])
    .select(isRepeat.as('is_repeat'))
    .select(sql<string | null>`CASE WHEN ${wanted} THEN f.subject END`.as('subject'))
    .select(
      sql<string | null>`CASE WHEN ${wanted} THEN left(f.content, ${sql.lit(SHARED_WORDS_CHARS)}) END`.as(
        'content',
      ),
    )
    .execute();
  rows.sort((a, b) => Number(b.is_repeat) - Number(a.is_repeat) || a.ord - b.ord);
  const shown = rows.filter((r) => r.visible).slice(0, limit);
  const repeatRow = rows.find((r) => r.is_repeat) ?? null;
  let against: (b: { subject: string; body: string }, k: number) => string[] = () => [];
  try {
    against = sharedWordsWith(
      { subject: input.subject, body: input.content.slice(0, SHARED_WORDS_CHARS) },
      options.segmenter ? { segmenter: options.segmenter } : {},
    );
  } catch (err) {
    if (!isTextError(err)) throw err;
  }
  const described = new Map<number, SimilarMatter>();
  const describe = (r: (typeof rows)[number]): SimilarMatter => {
    const known = described.get(r.id);
    if (known) return known;
    let words: string[] = [];
    try {
      words = r.subject !== null ? against({ subject: r.subject, body: r.content ?? '' }, SHARED_WORDS) : [];
    } catch (err) {
      if (!isTextError(err)) throw err;
    }
    const m: SimilarMatter = {
      matterId: r.id,
      caseNumber: r.case_number,
      similarity: Math.round(sims[r.ord - 1]! * 1000) / 1000,
      sharedWords: words,
      samePetitioner: r.same,
    };
    described.set(r.id, m);
    return m;
  };
  return { items: shown.map(describe), repeatOf: repeatRow ? describe(repeatRow) : null };
}

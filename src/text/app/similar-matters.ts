import { sql, type Kysely } from 'kysely';
import type { StaffUser } from '../../auth/staff-user.ts';
import type { Database } from '../../db/schema.ts';
import type { SimilarMatter, TextFingerprint } from '../../intake/text-hooks.ts';
import { visibleTo } from '../../lifecycle/matter.queries.ts';
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
  const rows = await sql<{ matter_id: number; hits: number; signature: Uint8Array }>`
    WITH c AS (
      SELECT b.matter_id, count(*)::int AS hits
      FROM unnest(${fingerprint.bandKeys}::bigint[]) AS k(key)
      CROSS JOIN LATERAL (
        SELECT l.matter_id FROM matter_lsh_bands l
        WHERE l.band_key = k.key
        ORDER BY l.matter_id DESC
        LIMIT ${sql.lit(KEY_CAP)}
      ) b
      WHERE b.matter_id <> ${exclude ?? 0}
      GROUP BY b.matter_id
      ORDER BY hits DESC, b.matter_id DESC
      LIMIT ${sql.lit(CANDIDATES)}
    )
    SELECT c.matter_id, c.hits, s.signature
    FROM c JOIN matter_text_signatures s ON s.matter_id = c.matter_id`.execute(db);
  const mine = signatureFromBytes(fingerprint.signature);
  const out: SimilarCandidate[] = [];
  for (const r of rows.rows) {
    if (r.signature.length !== fingerprint.signature.length) continue; // written by another index version
    const similarity = estimateSimilarity(mine, signatureFromBytes(r.signature));
    if (similarity >= minSimilarity) out.push({ matterId: r.matter_id, hits: r.hits, similarity });
  }
  return out.sort((a, b) => b.similarity - a.similarity || b.matterId - a.matterId);
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
  const limit = Math.max(0, Math.min(50, Math.floor(input.limit)));
  if (limit === 0) return [];
  const ranked = await similarCandidates(
    db,
    input.fingerprint,
    input.matterId,
    options.minSimilarity ?? SIMILAR_MIN,
  );
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.matterId);
  const people = input.petitionerIds.filter((p) => Number.isInteger(p));
  const viewer = options.viewer;
  const facts = await db
    .selectFrom('matters as m')
    .select(['m.id', 'm.case_number'])
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM matter_petitioners mp WHERE mp.matter_id = m.id AND mp.petitioner_id = ANY(${people}::int[]))`.as(
        'same',
      ),
    )
    .where(sql<boolean>`m.id = ANY(${ids}::int[])`)
    .$if(viewer !== undefined, (qb) => qb.where(visibleTo(viewer as StaffUser)))
    .execute();
  const byId = new Map(facts.map((f) => [f.id, f]));
  const isRepeat = (c: SimilarCandidate) =>
    byId.get(c.matterId)?.same === true && c.similarity >= REPEAT_THRESHOLD;
  const best = ranked
    .filter((c) => byId.has(c.matterId))
    .sort(
      (a, b) =>
        Number(isRepeat(b)) - Number(isRepeat(a)) || b.similarity - a.similarity || b.matterId - a.matterId,
    )
    .slice(0, limit);
  if (best.length === 0) return [];
  const texts = await db
    .selectFrom('matters')
    .select(['id', 'subject', sql<string>`left(content, ${sql.lit(SHARED_WORDS_CHARS)})`.as('content')])
    .where(sql<boolean>`id = ANY(${best.map((b) => b.matterId)}::int[])`)
    .execute();
  const textOf = new Map(texts.map((t) => [t.id, t]));
  let against: (b: { subject: string; body: string }, k: number) => string[] = () => [];
  try {
    against = sharedWordsWith(
      { subject: input.subject, body: input.content.slice(0, SHARED_WORDS_CHARS) },
      options.segmenter ? { segmenter: options.segmenter } : {},
    );
  } catch (err) {
    if (!isTextError(err)) throw err;
  }
  return best.map((c) => {
    const f = byId.get(c.matterId)!;
    const t = textOf.get(c.matterId);
    let words: string[] = [];
    try {
      words = t ? against({ subject: t.subject, body: t.content }, SHARED_WORDS) : [];
    } catch (err) {
      if (!isTextError(err)) throw err;
    }
    return {
      matterId: c.matterId,
      caseNumber: f.case_number,
      similarity: Math.round(c.similarity * 1000) / 1000,
      sharedWords: words,
      samePetitioner: f.same,
    };
  });
}

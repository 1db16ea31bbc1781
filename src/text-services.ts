import { sql, type Kysely } from 'kysely';
import type { AppConfig } from './config/env.ts';
import type { Database } from './db/schema.ts';
import type { CategorySuggestion, SimilarMatter, TextFingerprint, TextServices } from './intake/text-hooks.ts';
import {
  bandKeys,
  estimateSimilarity,
  isTextError,
  loadModel,
  predict,
  sharedWords,
  signature,
  signatureFromBytes,
  signatureToBytes,
  type ClassifierModel,
} from './text/index.ts';

/** The contest data's labels are the national first-level categories; a deployment's model uses codes. */
export const LABEL_TO_CATEGORY: Record<string, string> = {
  城乡建设: 'urban_construction',
  劳动和社会保障: 'labour_social_security',
  教育文体: 'education_culture',
  商贸旅游: 'commerce_tourism',
  环境保护: 'environment',
  卫生计生: 'health',
  交通运输: 'transport',
};
const toCode = (label: string) => LABEL_TO_CATEGORY[label] ?? label;

/** Similar matters below this estimated Jaccard similarity are not shown. */
export const SIMILAR_MIN = 0.3;
const CANDIDATES = 100;

/** Finds the earlier matters most like a fingerprint, through the LSH band table. */
export async function findSimilarMatters(
  db: Kysely<Database>,
  input: { matterId: number | null; subject: string; content: string; petitionerIds: number[]; limit: number; fingerprint: TextFingerprint },
): Promise<SimilarMatter[]> {
  const hits = await sql<{ matter_id: number; hits: number }>`
    SELECT matter_id, count(*)::int AS hits FROM matter_lsh_bands
    WHERE band_key = ANY(${input.fingerprint.bandKeys}::bigint[]) AND matter_id <> ${input.matterId ?? 0}
    GROUP BY matter_id ORDER BY hits DESC, matter_id DESC LIMIT ${CANDIDATES}`.execute(db);
  if (hits.rows.length === 0) return [];
  const sigs = await db
    .selectFrom('matter_text_signatures')
    .select(['matter_id', 'signature'])
    .where('matter_id', 'in', hits.rows.map((h) => h.matter_id))
    .execute();
  const mine = signatureFromBytes(input.fingerprint.signature);
  const ranked = sigs
    .map((s) => ({ matterId: s.matter_id, similarity: estimateSimilarity(mine, signatureFromBytes(s.signature)) }))
    .filter((s) => s.similarity >= SIMILAR_MIN)
    .sort((a, b) => b.similarity - a.similarity || b.matterId - a.matterId)
    .slice(0, input.limit * 2);
  if (ranked.length === 0) return [];
  const ids = ranked.map((r) => r.matterId);
  const matters = await db.selectFrom('matters').select(['id', 'case_number', 'subject', 'content']).where('id', 'in', ids).execute();
  const shared = input.petitionerIds.length
    ? await db.selectFrom('matter_petitioners').select('matter_id').where('matter_id', 'in', ids).where('petitioner_id', 'in', input.petitionerIds).execute()
    : [];
  const samePerson = new Set(shared.map((s) => s.matter_id));
  const byId = new Map(matters.map((m) => [m.id, m]));
  const result = ranked.map((r) => {
    const m = byId.get(r.matterId)!;
    return {
      matterId: r.matterId,
      caseNumber: m.case_number,
      similarity: Math.round(r.similarity * 1000) / 1000,
      sharedWords: sharedWords({ subject: input.subject, body: input.content }, { subject: m.subject, body: m.content }, 6),
      samePetitioner: samePerson.has(r.matterId),
    };
  });
  // A repeat of the same person (同人 + 同事) comes first: it is what the registrar must see.
  return result.sort((a, b) => Number(b.samePetitioner) - Number(a.samePetitioner) || b.similarity - a.similarity).slice(0, input.limit);
}

/** Fingerprints and similar-matter search; no model needed. */
export function similarityServices(): Omit<TextServices, 'suggestCategory'> {
  return {
    fingerprint({ subject, content }) {
      try {
        const sig = signature({ subject, body: content });
        return { signature: signatureToBytes(sig), bandKeys: bandKeys(sig) };
      } catch (err) {
        if (isTextError(err)) return null; // empty or binary text: nothing to compare
        throw err;
      }
    },
    findSimilar: (db, input) => (input.fingerprint ? findSimilarMatters(db, { ...input, fingerprint: input.fingerprint }) : Promise.resolve([])),
  };
}

/** The text features for the app: a category model if one is trained, and the similarity index. */
export async function createTextServices(config: AppConfig, log: (msg: string) => void = console.warn): Promise<TextServices> {
  let model: ClassifierModel | null = null;
  try {
    model = await loadModel(config.modelDir);
  } catch (err) {
    if (isTextError(err, 'model_corrupt')) log(`text: ${(err as Error).message}`);
    else if (!isTextError(err, 'model_missing')) throw err;
  }
  return {
    async suggestCategory({ subject, content }): Promise<CategorySuggestion | null> {
      if (!model) return null;
      try {
        const p = predict(model, { subject, body: content });
        return {
          category: toCode(p.category),
          confidence: p.confidence,
          top: p.top.map((t) => ({ category: toCode(t.category), score: t.score })),
          lowConfidence: p.lowConfidence,
        };
      } catch (err) {
        if (isTextError(err)) return null;
        throw err;
      }
    },
    ...similarityServices(),
  };
}

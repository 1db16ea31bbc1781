import { bandKeys, estimateSimilarity, NUM_BANDS } from './minhash.ts';
import type { Signature } from './minhash.ts';

/** One similar item found by {@link LshIndex.query}. */
export interface SimilarItem<Id> {
  id: Id;
  /** Estimated Jaccard similarity of shingles, 0..1. */
  similarity: number;
}

/**
 * An in-memory LSH index: band key → ids, plus each id's signature for ranking. It is the same
 * lookup the database index will do with a `(band_key, matter_id)` table, kept in memory for hot
 * issues, evaluation and benchmarks.
 */
export class LshIndex<Id> {
  private readonly buckets = new Map<number, Id[]>();
  private readonly signatures = new Map<Id, Signature>();

  constructor(private readonly bands = NUM_BANDS) {}

  /** Number of indexed items. */
  get size(): number {
    return this.signatures.size;
  }

  /** Adds (or re-adds) an item. */
  add(id: Id, sig: Signature): void {
    this.signatures.set(id, sig);
    for (const key of bandKeys(sig, this.bands)) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, [id]);
      else bucket.push(id);
    }
  }

  /** The signature stored for `id`. */
  get(id: Id): Signature | undefined {
    return this.signatures.get(id);
  }

  /** Ids sharing at least one band key with `sig` (the LSH candidates), without ranking. */
  candidates(sig: Signature): Set<Id> {
    const out = new Set<Id>();
    for (const key of bandKeys(sig, this.bands)) for (const id of this.buckets.get(key) ?? []) out.add(id);
    return out;
  }

  /**
   * The `k` most similar indexed items with estimated similarity ≥ `minSimilarity`, best first
   * (ties by insertion order). `exclude` skips the query's own id.
   */
  query(sig: Signature, k = 10, minSimilarity = 0, exclude?: Id): SimilarItem<Id>[] {
    const found: SimilarItem<Id>[] = [];
    for (const id of this.candidates(sig)) {
      if (id === exclude) continue;
      const similarity = estimateSimilarity(sig, this.signatures.get(id) as Signature);
      if (similarity >= minSimilarity) found.push({ id, similarity });
    }
    return found.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }
}

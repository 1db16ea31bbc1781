import { LshIndex } from './lsh-index.ts';
import type { Signature } from './minhash.ts';

/**
 * Groups items whose signatures are near-duplicates (estimated similarity ≥ `minSimilarity`),
 * transitively (union-find over LSH candidates). Returns a group number per item: the index of
 * the group's first item, so numbering is stable for a given order.
 */
export function nearDuplicateGroups(signatures: readonly Signature[], minSimilarity = 0.5): number[] {
  const parent = signatures.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const index = new LshIndex<number>();
  signatures.forEach((sig, i) => {
    for (const hit of index.query(sig, Number.POSITIVE_INFINITY, minSimilarity)) {
      const a = find(i);
      const b = find(hit.id);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    index.add(i, sig);
  });
  return signatures.map((_, i) => find(i));
}

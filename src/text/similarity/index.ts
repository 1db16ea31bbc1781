/** Near-duplicate and similarity detection: MinHash signatures, LSH band keys, shared words. */
export {
  signature,
  bandKeys,
  estimateSimilarity,
  shingleHashes,
  minhash,
  jaccard,
  signatureToBytes,
  signatureFromBytes,
  NUM_HASHES,
  NUM_BANDS,
  SHINGLE_SIZE,
  DUPLICATE_THRESHOLD,
} from './minhash.ts';
export type { Signature } from './minhash.ts';
export { sharedWords, sharedWordsWith, defaultIdf } from './shared-words.ts';
export type { IdfLookup, SharedWordsOptions } from './shared-words.ts';
export { LshIndex } from './lsh-index.ts';
export type { SimilarItem } from './lsh-index.ts';
export { nearDuplicateGroups } from './groups.ts';

/**
 * Text intelligence for Chinese petitions: normalisation and segmentation, category suggestion,
 * near-duplicate detection and hot-issue discovery. Everything runs in-process on the CPU.
 */
export { TextError, isTextError } from './errors.ts';
export type { TextErrorCode } from './errors.ts';
export {
  normalizeText,
  toSimplified,
  toHalfWidth,
  stripBoilerplate,
  collapseWhitespace,
  MAX_TEXT_CHARS,
} from './normalize.ts';
export type { NormalizedText, NormalizeOptions } from './normalize.ts';
export { createSegmenter, tokenize, isPreSegmented } from './segment.ts';
export type { Segmenter } from './segment.ts';
export { analyze, petitionString } from './analyze.ts';
export type { PetitionText, Analysis } from './analyze.ts';
export { extractEntities, entityNames, learnDomainTerms } from './entities.ts';
export type { Entity, EntityKind } from './entities.ts';
export * from './classifier/index.ts';
export * from './similarity/index.ts';
export * from './hot-issues/index.ts';
export { registerTextCommands } from './text.cli.ts';

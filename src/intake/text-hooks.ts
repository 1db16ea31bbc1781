import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What registration asks of the text features: a category suggestion, a fingerprint stored with
 * the matter (MinHash signature + LSH band keys), and similar earlier matters. Without a trained
 * model or the text module these answer nothing.
 */
export interface CategorySuggestion {
  category: string;
  confidence: number;
  top: { category: string; score: number }[];
  lowConfidence: boolean;
}

export interface SimilarMatter {
  matterId: number;
  caseNumber: string;
  similarity: number;
  sharedWords: string[];
  samePetitioner: boolean;
}

export interface TextFingerprint {
  signature: Uint8Array;
  bandKeys: number[];
}

export interface TextServices {
  suggestCategory(input: { subject: string; content: string }): Promise<CategorySuggestion | null>;
  /** Computed before the registration statement, which stores it in the same statement as the matter. */
  fingerprint(input: { subject: string; content: string }): TextFingerprint | null;
  findSimilar(
    db: Kysely<Database>,
    input: {
      matterId: number;
      subject: string;
      content: string;
      petitionerIds: number[];
      limit: number;
      fingerprint: TextFingerprint | null;
    },
  ): Promise<SimilarMatter[]>;
}

export const NO_TEXT_SERVICES: TextServices = {
  suggestCategory: async () => null,
  fingerprint: () => null,
  findSimilar: async () => [],
};

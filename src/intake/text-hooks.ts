import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What registration asks of the text features: a category suggestion and similar earlier matters.
 * The text module provides the real implementation; without a trained model these answer nothing.
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

export interface TextServices {
  suggestCategory(input: { subject: string; content: string }): Promise<CategorySuggestion | null>;
  /** Called inside the registration transaction so the index never misses a registered matter. */
  indexMatter(trx: Transaction<Database>, matter: { id: number; subject: string; content: string }): Promise<void>;
  findSimilar(
    trx: Transaction<Database>,
    input: { matterId: number; subject: string; content: string; petitionerIds: number[]; limit: number },
  ): Promise<SimilarMatter[]>;
}

export const NO_TEXT_SERVICES: TextServices = {
  suggestCategory: async () => null,
  indexMatter: async () => undefined,
  findSimilar: async () => [],
};

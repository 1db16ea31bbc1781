import type { Kysely } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
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

/** A matter sharing LSH band keys with a new one, as the registration statement returns it. */
export interface BandNeighbour {
  matterId: number;
  /** Band keys shared (1..32). */
  hits: number;
  signature: Uint8Array;
}

/** Similar matters for display, and the earlier matter of the same person this one repeats. */
export interface SimilarFound {
  /** Best first, only those the viewer (if any) may see. */
  items: SimilarMatter[];
  /** Whoever may see it: the repeat link belongs to the matter, not to the viewer. */
  repeatOf: SimilarMatter | null;
}

export interface TextServices {
  /**
   * Suggestion and fingerprint together, where the services can compute them off the event loop;
   * without it registration calls {@link suggestCategory} and {@link fingerprint}.
   */
  analyze?(input: {
    subject: string;
    content: string;
  }): Promise<{ suggestion: CategorySuggestion | null; fingerprint: TextFingerprint | null }>;
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
      /** Band neighbours already read (by the registration statement); else they are looked up. */
      neighbours?: readonly BandNeighbour[];
      /** Items only from this user's data scope. */
      viewer?: StaffUser;
    },
  ): Promise<SimilarFound>;
}

export const NO_TEXT_SERVICES: TextServices = {
  suggestCategory: async () => null,
  fingerprint: () => null,
  findSimilar: async () => ({ items: [], repeatOf: null }),
};

import type { CategorySuggestion } from '../../intake/text-hooks.ts';
import { toCategoryCode } from '../categories.ts';
import { isTextError } from '../errors.ts';
import { predict, type ClassifierModel } from '../classifier/index.ts';

/** The category suggestion for a petition, with category codes; null for empty or binary text. */
export function suggestCategoryWith(
  model: ClassifierModel,
  input: { subject: string; content: string },
): CategorySuggestion | null {
  try {
    const p = predict(model, { subject: input.subject, body: input.content });
    return {
      category: toCategoryCode(p.category),
      confidence: Math.round(p.confidence * 10_000) / 10_000,
      top: p.top.map((t) => ({
        category: toCategoryCode(t.category),
        score: Math.round(t.score * 10_000) / 10_000,
      })),
      lowConfidence: p.lowConfidence,
    };
  } catch (err) {
    if (isTextError(err)) return null; // empty or binary text: nothing to suggest
    throw err;
  }
}

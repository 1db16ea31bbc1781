import type { AppConfig } from './config/env.ts';
import type { TextServices } from './intake/text-hooks.ts';
import { LABEL_TO_CATEGORY, toCategoryCode } from './text/categories.ts';
import {
  describeCandidates,
  findSimilarMatters,
  rankNeighbours,
  similarCandidates,
  fingerprintText,
  SIMILAR_MIN,
  REPEAT_THRESHOLD,
} from './text/app/similar-matters.ts';
import { isTextError, loadModel, type ClassifierModel } from './text/index.ts';
import { startAnalysisThread } from './text/app/analysis-thread.ts';
import { suggestCategoryWith } from './text/app/suggest-category.ts';

export { LABEL_TO_CATEGORY, SIMILAR_MIN, REPEAT_THRESHOLD, findSimilarMatters };

/** The text services of a running server, with what the retraining schedule needs. */
export interface AppTextServices extends TextServices {
  /** Reads the model directory again (after retraining); true when a model is now loaded. */
  reloadModel(): Promise<boolean>;
  /** Ends the analysis thread, if any. */
  close(): Promise<void>;
  /** Whether suggestions are on, and why not. */
  modelStatus(): { loaded: boolean; labels: string[]; trainedAt: string | null; problem: string | null };
}

/** Fingerprints and similar-matter search on the database index; they need no model. */
export function similarityServices(
  model: () => ClassifierModel | null = () => null,
): Omit<TextServices, 'suggestCategory'> {
  return {
    fingerprint: (input) => fingerprintText(input),
    findSimilar: async (db, input) => {
      const fingerprint = input.fingerprint;
      if (!fingerprint) return { items: [], repeatOf: null };
      const matterId = input.matterId > 0 ? input.matterId : null;
      const ranked = input.neighbours
        ? rankNeighbours(fingerprint, input.neighbours)
        : await similarCandidates(db, fingerprint, matterId);
      const segmenter = model()?.segmenter;
      return describeCandidates(
        db,
        ranked.filter((r) => r.matterId !== matterId),
        { ...input, matterId },
        { ...(segmenter ? { segmenter } : {}), ...(input.viewer ? { viewer: input.viewer } : {}) },
      );
    },
  };
}

/**
 * The text features for the app: category suggestions when a model is in `config.modelDir`, and
 * the similarity index. A missing model turns suggestions off (said once); a damaged one is
 * reported with the command that rebuilds it. Neither stops the server.
 */
export async function createTextServices(
  config: AppConfig,
  log: (msg: string) => void = console.warn,
): Promise<AppTextServices> {
  let model: ClassifierModel | null = null;
  let problem: string | null = null;
  const load = async (): Promise<boolean> => {
    try {
      model = await loadModel(config.modelDir);
      problem = null;
      return true;
    } catch (err) {
      if (isTextError(err, 'model_missing')) {
        problem = `no category model in ${config.modelDir}: category suggestions are off (build one with \`minsheng classify train --input FILE.jsonl --model ${config.modelDir}\`, or start with --demo)`;
      } else if (isTextError(err, 'model_corrupt')) {
        problem = `${err.message}; category suggestions are off until then`;
      } else {
        problem = `cannot read the category model in ${config.modelDir} (${err instanceof Error ? err.message : String(err)}); run \`minsheng classify train\` to rebuild it; category suggestions are off`;
      }
      log(`text: ${problem}`);
      return false;
    }
  };
  await load();
  const thread = config.textThread ? startAnalysisThread(config.modelDir) : null;
  const suggestCategory = async (input: { subject: string; content: string }) =>
    model ? suggestCategoryWith(model, input) : null;
  const similarity = similarityServices(() => model);
  return {
    ...(thread
      ? {
          // Off the event loop; should the thread fail, the same work is done here.
          analyze: (input: { subject: string; content: string }) =>
            thread.analyze(input).catch(async () => ({
              suggestion: await suggestCategory(input),
              fingerprint: similarity.fingerprint(input),
            })),
        }
      : {}),
    suggestCategory,
    ...similarity,
    async close() {
      await thread?.close();
    },
    async reloadModel() {
      const previous = model;
      const ok = await load();
      if (thread) await thread.reload().catch(() => false);
      // A failed reload keeps serving with the model already loaded.
      if (!ok && previous) model = previous;
      return model !== null;
    },
    modelStatus() {
      const m = model;
      return {
        loaded: m !== null,
        labels: m ? m.labels.map(toCategoryCode) : [],
        trainedAt: m?.trainedAt ?? null,
        problem,
      };
    },
  };
}

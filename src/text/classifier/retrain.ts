import { TextError } from '../errors.ts';
import { createRng, shuffled } from '../random.ts';
import { classificationReport } from './metrics.ts';
import { predict, trainClassifier } from './model.ts';
import type { ClassifierModel, TrainingRecord, TrainOptions } from './model.ts';

/** Options of {@link retrainFromRecords}. */
export interface RetrainOptions {
  /** The original training records (e.g. the contest file), trained on together with the confirmed cases. */
  base?: readonly TrainingRecord[];
  /** The model in use; when given, the new model must not be worse on held-out confirmed cases. */
  current?: ClassifierModel;
  /** ISO timestamp for the new model's manifest. */
  trainedAt: string;
  /** Share of confirmed cases held out to compare old and new model (default 0.2). */
  holdoutShare?: number;
  /** How much worse (macro-F1) the new model may be and still be accepted (default 0.005). */
  tolerance?: number;
  seed?: number;
  train?: Partial<Omit<TrainOptions, 'trainedAt'>>;
}

/** What {@link retrainFromRecords} decided. */
export interface RetrainResult {
  /** The model trained on base + all confirmed cases. */
  model: ClassifierModel;
  /** False when the new model did worse than the current one on held-out confirmed cases. */
  accepted: boolean;
  /** The comparison, when a current model and at least 20 confirmed cases allowed one. */
  holdout: { size: number; currentMacroF1: number; candidateMacroF1: number } | null;
}

const MIN_FOR_HOLDOUT = 20;

function macroF1(model: ClassifierModel, records: readonly TrainingRecord[]): number {
  const labels = [...new Set([...model.labels, ...records.map((r) => r.label)])].sort();
  return classificationReport(
    labels,
    records.map((r) => r.label),
    records.map((r) => predict(model, r).category),
  ).macroF1;
}

/**
 * Retrains the classifier from cases whose category a registrar confirmed (the app feeds them
 * from the database), plus the base training set when given. With a current model and enough
 * cases, a seeded share of the confirmed cases is held out first: a candidate trained without them
 * must score within `tolerance` of the current model on them, or the result is not `accepted`
 * (the caller keeps the old model). The returned model is always trained on everything.
 */
export function retrainFromRecords(
  confirmed: readonly TrainingRecord[],
  options: RetrainOptions,
): RetrainResult {
  if (confirmed.length === 0)
    throw new TextError('training_data_invalid', 'no confirmed cases to retrain from');
  const base = options.base ?? [];
  const train = { ...options.train, trainedAt: options.trainedAt };
  let holdout: RetrainResult['holdout'] = null;
  let accepted = true;
  if (options.current !== undefined && confirmed.length >= MIN_FOR_HOLDOUT) {
    const order = shuffled(
      confirmed.map((_, i) => i),
      createRng(options.seed ?? 7),
    );
    const cut = Math.max(1, Math.round(confirmed.length * (options.holdoutShare ?? 0.2)));
    const held = new Set(order.slice(0, cut));
    const test = confirmed.filter((_, i) => held.has(i));
    const candidate = trainClassifier([...base, ...confirmed.filter((_, i) => !held.has(i))], train);
    holdout = {
      size: test.length,
      currentMacroF1: macroF1(options.current, test),
      candidateMacroF1: macroF1(candidate, test),
    };
    accepted = holdout.candidateMacroF1 >= holdout.currentMacroF1 - (options.tolerance ?? 0.005);
  }
  return { model: trainClassifier([...base, ...confirmed], train), accepted, holdout };
}

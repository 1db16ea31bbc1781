import { createRng, shuffled } from '../random.ts';
import { classificationReport } from './metrics.ts';
import type { ClassificationReport } from './metrics.ts';
import { predict, trainClassifier } from './model.ts';
import type { TrainingRecord, TrainOptions } from './model.ts';

/**
 * Stratified k-fold assignment: each label's records are shuffled (seeded) and dealt round-robin,
 * so every fold has about the same class mix. Returns the fold number of each record.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const rng = createRng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const key of [...byLabel.keys()].sort()) {
    for (const [j, i] of shuffled(byLabel.get(key) as number[], rng).entries()) fold[i] = (j + offset) % k;
    offset += (byLabel.get(key) as number[]).length;
  }
  return fold;
}

/** Cross-validation result: the pooled report over all held-out predictions, and each fold's macro-F1. */
export interface CrossValidation {
  report: ClassificationReport;
  foldMacroF1: number[];
}

/** Stratified k-fold cross-validation of {@link trainClassifier} on `records`. */
export function crossValidate(
  records: readonly TrainingRecord[],
  options: Partial<TrainOptions> = {},
  k = 5,
  seed = 42,
): CrossValidation {
  const labels = records.map((r) => r.label);
  const folds = stratifiedFolds(labels, k, seed);
  const predicted = new Array<string>(records.length).fill('');
  const foldMacroF1: number[] = [];
  const allLabels = [...new Set(labels)].sort();
  for (let f = 0; f < k; f++) {
    const train = records.filter((_, i) => folds[i] !== f);
    const testIdx = records.map((_, i) => i).filter((i) => folds[i] === f);
    const model = trainClassifier(train, options);
    for (const i of testIdx) predicted[i] = predict(model, records[i] as TrainingRecord).category;
    foldMacroF1.push(
      classificationReport(
        allLabels,
        testIdx.map((i) => labels[i] as string),
        testIdx.map((i) => predicted[i] as string),
      ).macroF1,
    );
  }
  return { report: classificationReport(allLabels, labels, predicted), foldMacroF1 };
}

/** Trains on `train` and reports on `test`. */
export function holdOut(
  train: readonly TrainingRecord[],
  test: readonly TrainingRecord[],
  options: Partial<TrainOptions> = {},
): ClassificationReport {
  const model = trainClassifier(train, options);
  const labels = [...new Set([...train, ...test].map((r) => r.label))].sort();
  return classificationReport(
    labels,
    test.map((r) => r.label),
    test.map((r) => predict(model, r).category),
  );
}

import type { PetitionText } from '../../src/text/analyze.ts';
import { isTextError } from '../../src/text/errors.ts';
import { createRng, shuffled } from '../../src/text/random.ts';
import type { SparseVector } from '../../src/text/classifier/features.ts';
import { classificationReport } from '../../src/text/classifier/metrics.ts';
import type { ClassificationReport } from '../../src/text/classifier/metrics.ts';
import { predict, readPetition, trainClassifier } from '../../src/text/classifier/model.ts';
import type { ClassifierModel, TrainingRecord, TrainOptions } from '../../src/text/classifier/model.ts';

/**
 * Stratified k-fold assignment: records are shuffled (seeded) within each label and dealt
 * round-robin, so every fold has about the same class mix. With `groups`, records of one group
 * (near-duplicates of one petition) always share a fold, so a copy never tests its own original.
 * Returns the fold number of each record.
 */
export function stratifiedFolds(
  labels: readonly string[],
  k: number,
  seed: number,
  groups?: readonly number[],
): number[] {
  const rng = createRng(seed);
  const groupOf = groups ?? labels.map((_, i) => i);
  const members = new Map<number, number[]>();
  groupOf.forEach((g, i) => members.set(g, [...(members.get(g) ?? []), i]));
  // A group is dealt under the label of its first record.
  const byLabel = new Map<string, number[]>();
  for (const [g, idx] of members) {
    const label = labels[idx[0] as number] as string;
    byLabel.set(label, [...(byLabel.get(label) ?? []), g]);
  }
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const key of [...byLabel.keys()].sort()) {
    const gs = (byLabel.get(key) as number[]).sort((a, b) => a - b);
    for (const [j, g] of shuffled(gs, rng).entries())
      for (const i of members.get(g) as number[]) fold[i] = (j + offset) % k;
    offset += gs.length;
  }
  return fold;
}

/** Cross-validation result: the pooled report over all held-out predictions, and each fold's macro-F1. */
export interface CrossValidation {
  report: ClassificationReport;
  foldMacroF1: number[];
  /** The held-out prediction of each record, in input order. */
  predicted: string[];
}

/** Stratified (optionally grouped) k-fold cross-validation of {@link trainClassifier} on `records`. */
export function crossValidate(
  records: readonly TrainingRecord[],
  options: Partial<TrainOptions> = {},
  k = 5,
  seed = 42,
  groups?: readonly number[],
): CrossValidation {
  const labels = records.map((r) => r.label);
  const folds = stratifiedFolds(labels, k, seed, groups);
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
  return { report: classificationReport(allLabels, labels, predicted), foldMacroF1, predicted };
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

/**
 * Indices of `train` records that are the same petition as some `test` record: at least
 * `minContainment` of the training record's distinct words occur in the test record. The contest's
 * segmented training file contains most of the raw sample, so a fair raw-text test must drop them.
 */
export function overlappingRecords(
  train: readonly (readonly string[])[],
  test: readonly (readonly string[])[],
  minContainment = 0.6,
): Set<number> {
  const df = new Map<string, number>();
  const trainSets = train.map((t) => new Set(t));
  for (const s of trainSets) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1);
  // Inverted index on rarer words only: common words would make every pair a candidate.
  const index = new Map<string, number[]>();
  trainSets.forEach((s, i) => {
    for (const w of s) {
      if ((df.get(w) ?? 0) <= 50) index.set(w, [...(index.get(w) ?? []), i]);
    }
  });
  const out = new Set<number>();
  for (const t of test) {
    const testSet = new Set(t);
    const hits = new Map<number, number>();
    for (const w of testSet) for (const i of index.get(w) ?? []) hits.set(i, (hits.get(i) ?? 0) + 1);
    for (const [i, n] of hits) {
      if (n < 3) continue;
      const s = trainSets[i] as Set<string>;
      let inside = 0;
      for (const w of s) if (testSet.has(w)) inside++;
      if (s.size > 0 && inside / s.size >= minContainment) out.add(i);
    }
  }
  return out;
}

/**
 * For each query, how the `k` training records most similar to it are labelled (cosine of the
 * model's TF-IDF vectors; label → count). Tells an error the model made against the training data
 * from one it made with it: when a wrong answer is what most similar training letters are labelled,
 * the data labels such letters both ways, and no classifier trained on it can get both right.
 */
export function neighbourLabels(
  model: ClassifierModel,
  train: readonly TrainingRecord[],
  queries: readonly (PetitionText | string)[],
  k = 10,
): Map<string, number>[] {
  const vectorOf = (p: PetitionText | string): SparseVector => readPetition(model, p).x;
  // Inverted index from feature column to (training record, weight).
  const postings = new Map<number, { record: number; weight: number }[]>();
  const labels: string[] = [];
  train.forEach((r, i) => {
    let x: SparseVector;
    try {
      x = vectorOf(r);
    } catch (err) {
      if (isTextError(err)) return;
      throw err;
    }
    labels[i] = r.label.trim();
    for (let j = 0; j < x.idx.length; j++) {
      const col = x.idx[j] as number;
      let list = postings.get(col);
      if (list === undefined) postings.set(col, (list = []));
      list.push({ record: i, weight: x.val[j] as number });
    }
  });
  return queries.map((q) => {
    const x = vectorOf(q);
    const sims = new Map<number, number>();
    for (let j = 0; j < x.idx.length; j++) {
      const w = x.val[j] as number;
      for (const p of postings.get(x.idx[j] as number) ?? []) {
        sims.set(p.record, (sims.get(p.record) ?? 0) + w * p.weight);
      }
    }
    const nearest = [...sims].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
    const counts = new Map<string, number>();
    for (const [record] of nearest) {
      const l = labels[record] as string;
      counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    return counts;
  });
}

/** Classification quality figures, computed the way the contest scored them (macro-F1). */
export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[actual][predicted] counts, in `labels` order. */
  confusion: number[][];
}

/** Macro-F1, accuracy, per-class precision/recall/F1 and the confusion matrix. */
export function classificationReport(
  labels: readonly string[],
  actual: readonly string[],
  predicted: readonly string[],
): ClassificationReport {
  const index = new Map(labels.map((l, i) => [l, i]));
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i] as string;
    const ai = index.get(a);
    const pi = index.get(p);
    if (ai !== undefined && pi !== undefined)
      (confusion[ai] as number[])[pi] = ((confusion[ai] as number[])[pi] as number) + 1;
    if (a === p) correct++;
  });
  const perClass = labels.map((label, c) => {
    const tp = (confusion[c] as number[])[c] as number;
    const support = (confusion[c] as number[]).reduce((s, v) => s + v, 0);
    const predictedC = confusion.reduce((s, row) => s + (row[c] as number), 0);
    const precision = predictedC === 0 ? 0 : tp / predictedC;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((p) => p.support > 0);
  const macroF1 = present.reduce((s, p) => s + p.f1, 0) / Math.max(1, present.length);
  return { accuracy: actual.length === 0 ? 0 : correct / actual.length, macroF1, perClass, confusion };
}

// Evaluates Minsheng's text features on the shared real-petition data (2020 TipDM Cup):
// category classification (5-fold CV, and training on the segmented file / testing on raw
// messages) and near-duplicate detection. Prints markdown tables for docs/text-evaluation.md.
// Usage: npm run eval:text [-- --fast] [-- --duplicates-only]
// (--fast skips the plain CV and the naive Bayes baseline; --duplicates-only skips classification)
import * as OpenCCToTraditional from 'opencc-js/cn2t';
import { analyze } from '../src/text/analyze.ts';
import { crossValidate, holdOut, overlappingRecords } from '../src/text/classifier/evaluate.ts';
import { classificationReport } from '../src/text/classifier/metrics.ts';
import type { ClassificationReport } from '../src/text/classifier/metrics.ts';
import { predict, trainClassifier } from '../src/text/classifier/model.ts';
import type { TrainingRecord, TrainOptions } from '../src/text/classifier/model.ts';
import { hasTextData, readTextData, textDataDir } from '../src/text/dataset.ts';
import type { BoardMessage } from '../src/text/dataset.ts';
import { entityNames } from '../src/text/entities.ts';
import { isTextError } from '../src/text/errors.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { createRng } from '../src/text/random.ts';
import { createSegmenter } from '../src/text/segment.ts';
import {
  evaluateDuplicatePairs,
  makeNearDuplicate,
  STANDARD_EDITS,
} from '../src/text/similarity/evaluate.ts';
import type { LabelledPair, TextEdit } from '../src/text/similarity/evaluate.ts';
import { nearDuplicateGroups } from '../src/text/similarity/groups.ts';
import { signature } from '../src/text/similarity/minhash.ts';
import type { Signature } from '../src/text/similarity/minhash.ts';

const SEED = 42;
const fast = process.argv.includes('--fast');
const duplicatesOnly = process.argv.includes('--duplicates-only');

if (
  !hasTextData('labelled_segmented.jsonl') ||
  !hasTextData('labelled_sample.jsonl') ||
  !hasTextData('messages.jsonl')
) {
  console.log(
    `SKIPPED: the shared data folder ${textDataDir()} is missing (set MINSHENG_TEXT_DATA); nothing evaluated.`,
  );
  process.exit(0);
}

const pct = (x: number): string => (x * 100).toFixed(1) + ' %';
const f3 = (x: number): string => x.toFixed(3);
const seconds = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(0) + ' s';

function perClassTable(title: string, r: ClassificationReport): void {
  console.log(`\n${title}\n`);
  console.log('| class | precision | recall | F1 | support |\n| --- | --- | --- | --- | --- |');
  for (const p of r.perClass)
    console.log(`| ${p.label} | ${f3(p.precision)} | ${f3(p.recall)} | ${f3(p.f1)} | ${p.support} |`);
}

const segmented = readTextData<TrainingRecord>('labelled_segmented.jsonl');
const sample = readTextData<BoardMessage & { label: string }>('labelled_sample.jsonl') as TrainingRecord[];
const messages = readTextData<BoardMessage>('messages.jsonl');
console.log(`# Minsheng text evaluation\n\ndata: ${textDataDir()}`);
console.log(
  `labelled_segmented ${segmented.length}, labelled_sample ${sample.length}, messages ${messages.length}; seed ${SEED}`,
);

if (!duplicatesOnly) evaluateClassification();

// ---------------------------------------------------------------- duplicates
console.log('\n## Near-duplicate detection (MinHash 128 × char 3-grams, LSH 32 bands × 4 rows)\n');
const rng = createRng(SEED);
const toHk = OpenCCToTraditional.Converter({ from: 'cn', to: 'hk' });
const edits: TextEdit[] = [...STANDARD_EDITS, { name: 'traditional', apply: (t) => toHk(t) }];
const joined = (m: BoardMessage): string => `${m.subject ?? ''}。${m.body ?? ''}`;
const usable = messages.filter((m) => (m.body ?? '').length >= 60);
const sigCache = new Map<BoardMessage, Signature>();
const sigOf = (m: BoardMessage): Signature => {
  let s = sigCache.get(m);
  if (s === undefined) {
    s = signature(m);
    sigCache.set(m, s);
  }
  return s;
};
const pairs: LabelledPair[] = [];
const dupStart = performance.now();
for (let k = 0; k < 1000; k++) {
  const m = usable[rng.int(usable.length)] as BoardMessage;
  const copy = makeNearDuplicate(joined(m), rng, edits, 2);
  pairs.push({
    a: sigOf(m),
    b: signature(copy.text),
    duplicate: true,
    kind: 'synthetic: 2 random edits of a real message',
  });
}
const bySubject = new Map<string, BoardMessage[]>();
for (const m of messages) {
  const key = `${m.user ?? ''}\u0000${m.subject ?? ''}`;
  bySubject.set(key, [...(bySubject.get(key) ?? []), m]);
}
for (const ms of bySubject.values()) {
  for (let i = 1; i < ms.length; i++) {
    pairs.push({
      a: sigOf(ms[0] as BoardMessage),
      b: sigOf(ms[i] as BoardMessage),
      duplicate: true,
      kind: 'real: same user, same subject',
    });
  }
}
for (let k = 0; k < 20_000; k++) {
  const a = messages[rng.int(messages.length)] as BoardMessage;
  const b = messages[rng.int(messages.length)] as BoardMessage;
  if (a === b || a.user === b.user || a.subject === b.subject) continue;
  pairs.push({ a: sigOf(a), b: sigOf(b), duplicate: false, kind: 'random pair, different users' });
}
// Hard negatives: different people writing about the same named place, with different subjects.
const byEntity = new Map<string, BoardMessage[]>();
const subjectNames = (m: BoardMessage): string[] => {
  try {
    return entityNames(normalizeText(m.subject ?? '').text);
  } catch (err) {
    if (isTextError(err)) return [];
    throw err;
  }
};
for (const m of messages) {
  for (const name of subjectNames(m)) byEntity.set(name, [...(byEntity.get(name) ?? []), m]);
}
let hard = 0;
for (const ms of byEntity.values()) {
  for (let i = 0; i < ms.length && hard < 3000; i++) {
    for (let j = i + 1; j < ms.length && hard < 3000; j++) {
      const a = ms[i] as BoardMessage;
      const b = ms[j] as BoardMessage;
      if (a.user === b.user || a.subject === b.subject) continue;
      pairs.push({
        a: sigOf(a),
        b: sigOf(b),
        duplicate: false,
        kind: 'same place in subject, different users and subjects',
      });
      hard++;
    }
  }
}
console.log(`${pairs.length} labelled pairs built in ${seconds(dupStart)}\n`);
console.log('| threshold | precision | recall |\n| --- | --- | --- |');
for (const th of [0.3, 0.4, 0.5, 0.6, 0.7]) {
  const e = evaluateDuplicatePairs(pairs, th);
  console.log(`| ${th === 0.5 ? '**0.5 (default)**' : th} | ${f3(e.precision)} | ${f3(e.recall)} |`);
}
const main = evaluateDuplicatePairs(pairs, 0.5);
console.log('\nAt the default threshold 0.5, by kind of pair:\n');
console.log('| pairs | labelled | count | flagged | LSH candidates |\n| --- | --- | --- | --- | --- |');
for (const k of main.byKind) {
  console.log(
    `| ${k.kind} | ${k.duplicate ? 'duplicate' : 'not duplicate'} | ${k.pairs} | ${pct(k.flagged)} | ${pct(k.candidates)} |`,
  );
}
console.log(
  '\n(A same-user same-subject pair is a repeat petition; when its body was rewritten it is not a near-duplicate text, so its recall is a floor: the registry also matches petitioners.)',
);

function evaluateClassification(): void {
  // ---------------------------------------------------------------- classification
  const svm: Partial<TrainOptions> = {};
  const nb: Partial<TrainOptions> = { algorithm: 'naive-bayes' };
  const rows: string[] = [];
  let t0 = performance.now();
  // Near-duplicate training texts share a fold, so a copy never tests its original.
  const groups = nearDuplicateGroups(
    segmented.map((r) => signature(r)),
    0.5,
  );
  const groupCount = new Set(groups).size;
  console.log(
    `near-duplicate groups in the segmented file: ${groupCount} for ${segmented.length} records (${seconds(t0)})`,
  );

  t0 = performance.now();
  const cvGrouped = crossValidate(segmented, svm, 5, SEED, groups);
  rows.push(
    `| SVM, 5-fold CV, near-duplicates kept in one fold | ${f3(cvGrouped.report.macroF1)} | ${f3(cvGrouped.report.accuracy)} | folds ${cvGrouped.foldMacroF1.map(f3).join(' ')}; ${seconds(t0)} |`,
  );
  if (!fast) {
    t0 = performance.now();
    const cvPlain = crossValidate(segmented, svm, 5, SEED);
    rows.push(
      `| SVM, 5-fold CV, plain (as published results) | ${f3(cvPlain.report.macroF1)} | ${f3(cvPlain.report.accuracy)} | folds ${cvPlain.foldMacroF1.map(f3).join(' ')}; ${seconds(t0)} |`,
    );
    t0 = performance.now();
    const cvNb = crossValidate(segmented, nb, 5, SEED, groups);
    rows.push(
      `| naive Bayes baseline, 5-fold CV, grouped | ${f3(cvNb.report.macroF1)} | ${f3(cvNb.report.accuracy)} | ${seconds(t0)} |`,
    );
  }

  // The segmented file contains most of the raw sample: drop those rows for a fair raw-text test.
  const segmenter = createSegmenter();
  const overlap = overlappingRecords(
    segmented.map((r) => analyze(r, segmenter).tokens),
    sample.map((r) => analyze(r, segmenter).tokens),
  );
  const fairTrain = segmented.filter((_, i) => !overlap.has(i));
  t0 = performance.now();
  const leaky = holdOut(segmented, sample, svm);
  rows.push(
    `| SVM, train segmented → test raw sample (sample texts also in training: optimistic) | ${f3(leaky.macroF1)} | ${f3(leaky.accuracy)} | ${seconds(t0)} |`,
  );
  t0 = performance.now();
  const fairModel = trainClassifier(fairTrain, svm);
  const fairPredictions = sample.map((r) => predict(fairModel, r));
  const fair = holdOutReport(fairPredictions.map((p) => p.category));
  rows.push(
    `| **SVM, train segmented minus the ${overlap.size} rows that are sample messages → test raw sample** | **${f3(fair.macroF1)}** | ${f3(fair.accuracy)} | ${seconds(t0)} |`,
  );
  // The same messages in their segmented form: tells a raw-text pipeline problem from a hard sample.
  const overlapRows = segmented.filter((_, i) => overlap.has(i));
  const segForm = classificationReport(
    fairModel.labels,
    overlapRows.map((r) => r.label),
    overlapRows.map((r) => predict(fairModel, r).category),
  );
  rows.push(
    `| SVM, same fair model → the ${overlapRows.length} removed rows (the sample in segmented form) | ${f3(segForm.macroF1)} | ${f3(segForm.accuracy)} | |`,
  );
  if (!fast) {
    const fairNb = holdOut(fairTrain, sample, nb);
    rows.push(`| naive Bayes, same fair split | ${f3(fairNb.macroF1)} | ${f3(fairNb.accuracy)} | |`);
  }

  function holdOutReport(predicted: string[]): ClassificationReport {
    const labels = [...new Set(sample.map((r) => r.label))].sort();
    return classificationReport(
      labels,
      sample.map((r) => r.label),
      predicted,
    );
  }

  console.log('\n## Category classification (macro-F1 over the 7 classes)\n');
  console.log('| setting | macro-F1 | accuracy | notes |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  perClassTable('Per class, 5-fold grouped CV:', cvGrouped.report);
  perClassTable('Per class, fair raw-sample test:', fair);

  console.log('\nConfidence on the fair raw-sample test (is a high confidence right more often?):\n');
  console.log('| confidence | messages | accuracy |\n| --- | --- | --- |');
  const bins = [0, 0.5, 0.7, 0.9, 1.0001];
  for (let b = 0; b + 1 < bins.length; b++) {
    const lo = bins[b] as number;
    const hi = bins[b + 1] as number;
    const idx = fairPredictions
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.confidence >= lo && p.confidence < hi);
    const right = idx.filter(({ p, i }) => p.category === (sample[i] as TrainingRecord).label).length;
    console.log(
      `| ${lo.toFixed(1)}–${Math.min(1, hi).toFixed(1)} | ${idx.length} | ${idx.length === 0 ? '–' : pct(right / idx.length)} |`,
    );
  }
  const flagged = fairPredictions.filter((p) => p.lowConfidence).length;
  const top3 = fairPredictions.filter((p, i) =>
    p.top.some((t) => t.category === (sample[i] as TrainingRecord).label),
  ).length;
  console.log(
    `\nflagged lowConfidence: ${flagged} of ${sample.length}; true category within top 3: ${pct(top3 / sample.length)}`,
  );
}

// Evaluates Minsheng's text features on the shared real-petition data (2020 TipDM Cup):
// category classification (5-fold CV, and training on the segmented file / testing on raw
// messages) and near-duplicate detection. Prints markdown tables for docs/text-evaluation.md.
// Usage: npm run eval:text [-- --fast] [-- --duplicates-only | --classification-only]
// (--fast skips the plain CV, the words-only and no-head ablations and the naive Bayes baseline)
import * as OpenCCToTraditional from 'opencc-js/cn2t';
import { analyze, petitionString } from '../../src/text/analyze.ts';
import {
  crossValidate,
  holdOut,
  neighbourLabels,
  overlappingRecords,
  stratifiedFolds,
} from './classifier-evaluation.ts';
import type { CrossValidation } from './classifier-evaluation.ts';
import { classificationReport } from '../../src/text/classifier/metrics.ts';
import type { ClassificationReport } from '../../src/text/classifier/metrics.ts';
import { DEFAULT_TRAIN_OPTIONS, predict, trainClassifier } from '../../src/text/classifier/model.ts';
import type { TrainingRecord, TrainOptions } from '../../src/text/classifier/model.ts';
import { hasTextData, readTextData, textDataDir } from '../../src/text/dataset.ts';
import type { BoardMessage } from '../../src/text/dataset.ts';
import { entityNames } from '../../src/text/entities.ts';
import { isTextError } from '../../src/text/errors.ts';
import { normalizeText } from '../../src/text/normalize.ts';
import { createRng } from '../../src/text/random.ts';
import { createSegmenter } from '../../src/text/segment.ts';
import { evaluateDuplicatePairs, makeNearDuplicate, STANDARD_EDITS } from './duplicate-evaluation.ts';
import type { LabelledPair, TextEdit } from './duplicate-evaluation.ts';
import { nearDuplicateGroups } from '../../src/text/similarity/groups.ts';
import { signature } from '../../src/text/similarity/minhash.ts';
import type { Signature } from '../../src/text/similarity/minhash.ts';

const SEED = 42;
const fast = process.argv.includes('--fast');
const duplicatesOnly = process.argv.includes('--duplicates-only');
const classificationOnly = process.argv.includes('--classification-only');

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
if (classificationOnly) process.exit(0);

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

/** 2.5th and 97.5th percentiles of macro-F1 over 1,000 seeded resamples of the test messages. */
function bootstrapMacroF1(
  labels: readonly string[],
  actual: readonly string[],
  predicted: readonly string[],
): [number, number] {
  const rng = createRng(SEED);
  const values: number[] = [];
  for (let b = 0; b < 1000; b++) {
    const pick = actual.map(() => rng.int(actual.length));
    values.push(
      classificationReport(
        labels,
        pick.map((i) => actual[i] as string),
        pick.map((i) => predicted[i] as string),
      ).macroF1,
    );
  }
  values.sort((a, b) => a - b);
  return [values[25] as number, values[974] as number];
}

function evaluateClassification(): void {
  // ---------------------------------------------------------------- classification
  const svm: Partial<TrainOptions> = {};
  const nb: Partial<TrainOptions> = { algorithm: 'naive-bayes' };
  // The format-1 features: words, word pairs and in-word character pairs, no text n-grams.
  const wordsOnly: Partial<TrainOptions> = {
    features: { ...DEFAULT_TRAIN_OPTIONS.features, textCharNgrams: [], minDf: 2, headRepeat: 0 },
  };
  // The format-2 features: the head (first words and characters, where the subject sits) counted once.
  const noHead: Partial<TrainOptions> = {
    features: { ...DEFAULT_TRAIN_OPTIONS.features, headRepeat: 0 },
  };
  const rows: string[] = [];
  const row = (setting: string, r: ClassificationReport, notes = ''): void => {
    rows.push(`| ${setting} | ${f3(r.macroF1)} | ${f3(r.accuracy)} | ${notes} |`);
  };
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

  // The segmented file contains most of the raw sample: find those rows for a fair raw-text test.
  const segmenter = createSegmenter();
  const overlap = overlappingRecords(
    segmented.map((r) => analyze(r, segmenter).tokens),
    sample.map((r) => analyze(r, segmenter).tokens),
  );
  const fairTrain = segmented.filter((_, i) => !overlap.has(i));
  const overlapIdx = [...overlap].sort((a, b) => a - b);
  const overlapRows = overlapIdx.map((i) => segmented[i] as TrainingRecord);
  const labels = [...new Set(segmented.map((r) => r.label))].sort();
  const report = (actual: readonly TrainingRecord[], predicted: readonly string[]): ClassificationReport =>
    classificationReport(
      labels,
      actual.map((r) => r.label),
      predicted,
    );
  const folds = (cv: CrossValidation): string => `folds ${cv.foldMacroF1.map(f3).join(' ')}`;

  if (!fast) {
    t0 = performance.now();
    const cvPlain = crossValidate(segmented, svm, 5, SEED);
    row('SVM, 5-fold CV, plain (as published results)', cvPlain.report, `${folds(cvPlain)}; ${seconds(t0)}`);
  }
  t0 = performance.now();
  const cvGrouped = crossValidate(segmented, svm, 5, SEED, groups);
  row(
    'SVM, 5-fold CV, near-duplicates kept in one fold',
    cvGrouped.report,
    `${folds(cvGrouped)}; ${seconds(t0)}`,
  );
  // Where the raw sample's messages sit in that CV: are they harder, or is raw text the problem?
  row(
    `the ${overlapRows.length} rows that are sample messages, as scored in that CV`,
    report(
      overlapRows,
      overlapIdx.map((i) => cvGrouped.predicted[i] as string),
    ),
    'segmented form, held out like every row',
  );
  if (!fast) {
    t0 = performance.now();
    const cvWords = crossValidate(segmented, wordsOnly, 5, SEED, groups);
    row('SVM, words only (no text n-grams), 5-fold CV grouped', cvWords.report, seconds(t0));
    t0 = performance.now();
    const cvNoHead = crossValidate(segmented, noHead, 5, SEED, groups);
    row('SVM without head weighting, 5-fold CV grouped', cvNoHead.report, seconds(t0));
    t0 = performance.now();
    const cvNb = crossValidate(segmented, nb, 5, SEED, groups);
    row('naive Bayes baseline, 5-fold CV, grouped', cvNb.report, seconds(t0));
  }

  t0 = performance.now();
  row(
    'SVM, train segmented → test raw sample (sample texts also in training: optimistic)',
    holdOut(segmented, sample, svm),
    seconds(t0),
  );
  t0 = performance.now();
  const fairModel = trainClassifier(fairTrain, svm);
  const trainSeconds = seconds(t0);
  const fairPredictions = sample.map((r) => predict(fairModel, r));
  const fair = report(
    sample,
    fairPredictions.map((p) => p.category),
  );
  // 457 messages are few: a 95 % bootstrap interval shows how far the figure could move by chance.
  const interval = bootstrapMacroF1(
    labels,
    sample.map((r) => r.label),
    fairPredictions.map((p) => p.category),
  );
  rows.push(
    `| **SVM, train segmented minus the ${overlap.size} rows that are sample messages → test raw sample** | **${f3(fair.macroF1)}** | ${f3(fair.accuracy)} | 95 % bootstrap interval ${f3(interval[0])}–${f3(interval[1])}; trained in ${trainSeconds}; ${fairModel.vectorizer.keys.length} features; first ${fairModel.predictMaxChars} characters read |`,
  );
  // The prediction cap keeps latency under a millisecond; what does it cost?
  const capped = (cap: number): ClassificationReport =>
    report(
      sample,
      sample.map((r) => predict({ ...fairModel, predictMaxChars: cap }, r).category),
    );
  row(
    'same model, whole text read (no prediction cap)',
    capped(20_000),
    `${sample.filter((r) => petitionString(r).length > fairModel.predictMaxChars).length} sample messages are longer than the ${fairModel.predictMaxChars}-character cap; ` +
      [300, 500, 1000].map((c) => `cap ${c}: ${f3(capped(c).macroF1)}`).join(', '),
  );
  // The same messages in their segmented form: tells a raw-text pipeline problem from a hard sample.
  row(
    `same model → the ${overlapRows.length} removed rows (the sample in segmented form)`,
    report(
      overlapRows,
      overlapRows.map((r) => predict(fairModel, r).category),
    ),
  );
  t0 = performance.now();
  // Raw labelled messages in training too: 5 folds of the sample, each trained on the fair
  // segmented rows plus the other four folds.
  const sampleFolds = stratifiedFolds(
    sample.map((r) => r.label),
    5,
    SEED,
  );
  const sampleCv = new Array<string>(sample.length).fill('');
  for (let f = 0; f < 5; f++) {
    const m = trainClassifier([...fairTrain, ...sample.filter((_, i) => sampleFolds[i] !== f)], svm);
    sample.forEach((r, i) => {
      if (sampleFolds[i] === f) sampleCv[i] = predict(m, r).category;
    });
  }
  row(
    'raw sample, 5-fold CV: train = segmented minus overlap + the other 4 folds of the raw sample',
    report(sample, sampleCv),
    seconds(t0),
  );
  if (!fast) {
    row('words only (no text n-grams), same fair split', holdOut(fairTrain, sample, wordsOnly));
    row('without head weighting, same fair split', holdOut(fairTrain, sample, noHead));
    row('naive Bayes, same fair split', holdOut(fairTrain, sample, nb));
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
  // Are the errors the model's, or the data's? Compare each wrong answer with how the training
  // letters most like the message are labelled, and count label conflicts among near-copies.
  const wrong = sample
    .map((r, i) => ({ r, p: (fairPredictions[i] as (typeof fairPredictions)[number]).category }))
    .filter(({ r, p }) => r.label !== p);
  const votes = neighbourLabels(
    fairModel,
    fairTrain,
    wrong.map(({ r }) => r),
    10,
  );
  const majority = (v: Map<string, number>): string | undefined =>
    [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const withModel = wrong.filter(({ p }, i) => majority(votes[i] as Map<string, number>) === p).length;
  const withTruth = wrong.filter(({ r }, i) => majority(votes[i] as Map<string, number>) === r.label).length;
  const truthAmongNeighbours = wrong.filter(
    ({ r }, i) => ((votes[i] as Map<string, number>).get(r.label) ?? 0) > 0,
  ).length;
  const groupLabels = new Map<number, Set<string>>();
  const groupSize = new Map<number, number>();
  groups.forEach((g, i) => {
    groupLabels.set(g, (groupLabels.get(g) ?? new Set()).add((segmented[i] as TrainingRecord).label));
    groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
  });
  const copyGroups = [...groupSize].filter(([, n]) => n > 1).map(([g]) => g);
  const conflicting = copyGroups.filter((g) => (groupLabels.get(g) as Set<string>).size > 1).length;
  console.log(
    `\nThe ${wrong.length} wrong answers on the fair raw sample against the 10 most similar training messages (cosine of the model's vectors):\n`,
  );
  console.log("| the neighbours' majority label is | wrong answers |\n| --- | --- |");
  console.log(`| the model's answer | ${withModel} |`);
  console.log(`| the sample's label | ${withTruth} |`);
  console.log(`| another category | ${wrong.length - withModel - withTruth} |`);
  console.log(
    `\n${truthAmongNeighbours} of the ${wrong.length} have the sample's label among their 10 neighbours. Near-copies in the segmented file: ${conflicting} of ${copyGroups.length} groups of near-duplicates carry more than one label.`,
  );
  // How the board labels a few kinds of letter the model gets wrong (a text counts when it holds
  // every part of the term).
  const labelsOf = (records: readonly TrainingRecord[], term: string): string => {
    const parts = term.split('+');
    const counts = new Map<string, number>();
    for (const r of records) {
      const text = petitionString(r);
      if (parts.every((p) => text.includes(p))) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
    }
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
  };
  console.log('\n| letters that mention | training file (segmented) | raw sample |\n| --- | --- | --- |');
  for (const term of ['保健品', '电梯+物业', '公积金', '食品安全', '教师+工资']) {
    console.log(`| ${term} | ${labelsOf(segmented, term)} | ${labelsOf(sample, term)} |`);
  }

  const flagged = fairPredictions.filter((p) => p.lowConfidence).length;
  const top3 = fairPredictions.filter((p, i) =>
    p.top.some((t) => t.category === (sample[i] as TrainingRecord).label),
  ).length;
  console.log(
    `\nflagged lowConfidence: ${flagged} of ${sample.length}; true category within top 3: ${pct(top3 / sample.length)}`,
  );
}

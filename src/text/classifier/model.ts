import { analyze, petitionString } from '../analyze.ts';
import type { Analysis, PetitionText } from '../analyze.ts';
import { learnDomainTerms } from '../entities.ts';
import { isTextError, TextError } from '../errors.ts';
import { createSegmenter } from '../segment.ts';
import type { Segmenter } from '../segment.ts';
import { DEFAULT_FEATURES, fitVectorizer, vectorize } from './features.ts';
import type { FeatureDoc, FeatureOptions, Vectorizer } from './features.ts';
import { DEFAULT_SVM, scores, trainLinearSvm, trainNaiveBayes } from './linear.ts';
import type { LinearModel, SvmOptions } from './linear.ts';

/**
 * Version of the model format; a model of another version must be retrained, not loaded.
 * 2: hashed word features plus character n-grams of the whole text, and a prediction length cap.
 * 3: the head of a text (first words and characters, where the subject sits) counted again.
 */
export const MODEL_FORMAT_VERSION = 3;

/**
 * Characters of a petition read for a prediction (subject first). Classification costs about
 * 0.7 µs a character on a busy core (jieba a third of it), so the cap keeps the slowest predictions
 * under a millisecond. 90 % of the board's messages are shorter; on the labelled sample, reading
 * only the first 500 to 1,000 characters moves macro-F1 by less than its noise
 * (docs/text-evaluation.md): a petition states its matter first.
 */
export const DEFAULT_PREDICT_MAX_CHARS = 800;

/** One labelled petition: `text` (raw or pre-segmented) or `subject` + `body`. */
export interface TrainingRecord extends PetitionText {
  label: string;
}

/** Options of {@link trainClassifier}. */
export interface TrainOptions {
  /** 'svm' (default, best macro-F1) or 'naive-bayes' (baseline). */
  algorithm: 'svm' | 'naive-bayes';
  features: FeatureOptions;
  svm: SvmOptions;
  /** Learn estate/company/road names from the training text and segment with them (default true). */
  domainDictionary: boolean;
  /** ISO timestamp recorded in the manifest; passed in because training must not read the clock. */
  trainedAt: string;
  /** Softmax temperature applied to SVM scores to get confidences (see docs/text-evaluation.md). */
  confidenceScale: number;
  /** Below this confidence a prediction is flagged `lowConfidence` for a registrar to check. */
  lowConfidenceThreshold: number;
  /** Only the first this many characters of a petition are read by {@link predict}. */
  predictMaxChars: number;
}

/** Defaults of {@link trainClassifier}. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  algorithm: 'svm',
  features: DEFAULT_FEATURES,
  svm: DEFAULT_SVM,
  domainDictionary: true,
  trainedAt: '1970-01-01T00:00:00.000Z',
  confidenceScale: 4,
  lowConfidenceThreshold: 0.7,
  predictMaxChars: DEFAULT_PREDICT_MAX_CHARS,
};

/** A trained category classifier, ready for {@link predict}. */
export interface ClassifierModel {
  formatVersion: number;
  labels: string[];
  algorithm: TrainOptions['algorithm'];
  vectorizer: Vectorizer;
  linear: LinearModel;
  domainTerms: string[];
  trainedAt: string;
  confidenceScale: number;
  lowConfidenceThreshold: number;
  predictMaxChars: number;
  /** What training used: counts per label and records skipped as empty. */
  training: { records: number; skipped: number; perLabel: Record<string, number> };
  /** Runtime only (not saved): jieba with the domain terms loaded. */
  segmenter: Segmenter;
  /** Runtime only: the domain terms as a set, to merge pre-segmented tokens. */
  domainTermSet: ReadonlySet<string>;
}

/** One ranked category. */
export interface CategoryScore {
  category: string;
  /** Softmax-normalised score in 0..1; the three of `top` need not sum to 1. */
  score: number;
}

/** What {@link predict} returns. */
export interface Prediction {
  category: string;
  confidence: number;
  /** The three best categories, best first. */
  top: CategoryScore[];
  /** True when a registrar should check: low confidence, no known words, or not Chinese. */
  lowConfidence: boolean;
  /** Why `lowConfidence` is set, when it is. */
  reason?: 'low_score' | 'no_known_words' | 'not_chinese';
  /** True when the text was longer than the cap and only its start was read. */
  truncated: boolean;
}

function validateRecords(records: readonly TrainingRecord[]): void {
  records.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || typeof r.label !== 'string' || r.label.trim() === '') {
      throw new TextError('training_data_invalid', `training record ${i + 1} has no "label"`);
    }
  });
}

/**
 * Trains a category classifier on labelled petitions. Deterministic: the same records and options
 * give the same model. Records whose text is empty after normalisation are skipped and counted.
 * Throws `training_data_invalid` when a record lacks a label or fewer than two labels remain.
 */
export function trainClassifier(
  records: readonly TrainingRecord[],
  options: Partial<TrainOptions> = {},
): ClassifierModel {
  const opt: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  validateRecords(records);
  const domainTerms = opt.domainDictionary
    ? learnDomainTerms(
        records.map((r) => petitionString(r).replace(/ +/g, '')),
        3,
        5_000,
      )
    : [];
  const segmenter = createSegmenter(domainTerms);
  const domainTermSet = new Set(domainTerms);
  const docs: FeatureDoc[] = [];
  const docLabels: string[] = [];
  let skipped = 0;
  for (const r of records) {
    try {
      const a = analyze(r, segmenter, { domainTermSet });
      docs.push({ tokens: a.tokens, text: a.normalized.text });
      docLabels.push(r.label.trim());
    } catch (err) {
      if (!isTextError(err)) throw err;
      skipped++;
    }
  }
  const labels = [...new Set(docLabels)].sort();
  if (labels.length < 2) {
    throw new TextError(
      'training_data_invalid',
      `training needs at least two categories with usable text; found ${labels.length}`,
    );
  }
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vectorizer = fitVectorizer(docs, opt.features);
  const xs = docs.map((d) => vectorize(vectorizer, d));
  const ys = docLabels.map((l) => labelIndex.get(l) as number);
  const dim = vectorizer.keys.length;
  const linear =
    opt.algorithm === 'svm'
      ? trainLinearSvm(xs, ys, labels.length, dim, opt.svm)
      : trainNaiveBayes(xs, ys, labels.length, dim);
  const perLabel: Record<string, number> = {};
  for (const l of docLabels) perLabel[l] = (perLabel[l] ?? 0) + 1;
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    labels,
    algorithm: opt.algorithm,
    vectorizer,
    linear,
    domainTerms,
    trainedAt: opt.trainedAt,
    // Naive Bayes scores are log-probabilities already: softmax at temperature 1 gives its posterior.
    confidenceScale: opt.algorithm === 'svm' ? opt.confidenceScale : 1,
    lowConfidenceThreshold: opt.lowConfidenceThreshold,
    predictMaxChars: opt.predictMaxChars,
    training: { records: docs.length, skipped, perLabel },
    segmenter,
    domainTermSet,
  };
}

/**
 * A petition as the model reads it: normalised, cut with the model's domain terms, first `maxChars`
 * characters, as a TF-IDF vector. Throws {@link TextError} when there is no text to read.
 */
export function readPetition(
  model: ClassifierModel,
  petition: PetitionText | string,
  maxChars?: number,
): { x: ReturnType<typeof vectorize>; normalized: Analysis['normalized'] } {
  const { tokens, normalized } = analyze(petition, model.segmenter, {
    domainTermSet: model.domainTermSet,
    ...(maxChars !== undefined ? { maxChars } : {}),
  });
  return { x: vectorize(model.vectorizer, { tokens, text: normalized.text }), normalized };
}

function softmax(values: Float64Array, scale: number): number[] {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v * scale);
  const exps = Array.from(values, (v) => Math.exp(v * scale - max));
  const sum = exps.reduce((s, v) => s + v, 0);
  return exps.map((e) => e / sum);
}

// Below this share of CJK among letters and digits a text is not Chinese, and the model (trained on
// Chinese) can only guess.
const MIN_CJK_RATIO = 0.3;

/**
 * Suggests a category for one petition from its first `model.predictMaxChars` characters (the
 * result says `truncated` when there were more). Never throws for odd but textual input:
 * non-Chinese or unknown-word texts get an answer flagged `lowConfidence`. Throws
 * {@link TextError} `text_empty` or `text_binary` when there is no text to read.
 */
export function predict(model: ClassifierModel, petition: PetitionText | string): Prediction {
  const { x, normalized } = readPetition(model, petition, model.predictMaxChars);
  const probs = softmax(scores(model.linear, x), model.confidenceScale);
  const ranked = probs
    .map((score, i) => ({ category: model.labels[i] as string, score }))
    .sort((a, b) => b.score - a.score || (a.category < b.category ? -1 : 1));
  const best = ranked[0] as CategoryScore;
  let reason: Prediction['reason'];
  if (normalized.cjkRatio < MIN_CJK_RATIO) reason = 'not_chinese';
  else if (x.wordFeatures === 0) reason = 'no_known_words';
  else if (best.score < model.lowConfidenceThreshold) reason = 'low_score';
  return {
    category: best.category,
    confidence: best.score,
    top: ranked.slice(0, 3),
    lowConfidence: reason !== undefined,
    ...(reason !== undefined ? { reason } : {}),
    truncated: normalized.truncated,
  };
}

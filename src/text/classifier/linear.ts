import { createRng, shuffled } from '../random.ts';
import type { SparseVector } from './features.ts';

/**
 * A multi-class linear model: one weight row and bias per class, score = w·x + b.
 * Both the SVM and the naive Bayes baseline end up in this form, so prediction and storage are shared.
 */
export interface LinearModel {
  classes: number;
  dim: number;
  /** Row-major `classes × dim`. */
  weights: Float32Array;
  bias: Float32Array;
}

/** Options of {@link trainLinearSvm}. */
export interface SvmOptions {
  /** Inverse regularisation strength (default 1, as LIBLINEAR/LinearSVC). */
  c: number;
  /** Maximum passes over the data per class (default 50). */
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this (default 0.1, as LIBLINEAR). */
  tolerance: number;
  /** Seed of the visiting order; same seed and data give the same model. */
  seed: number;
  /** 'balanced' weights each record by n / (classes × its class size), helping small classes (macro-F1). */
  classWeight: 'balanced' | 'none';
}

/** Default SVM options. */
export const DEFAULT_SVM: SvmOptions = {
  c: 1,
  maxEpochs: 50,
  tolerance: 0.1,
  seed: 20200101,
  classWeight: 'balanced',
};

function dot(w: Float64Array, x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += (w[x.idx[k] as number] as number) * (x.val[k] as number);
  return s;
}

/**
 * One-vs-rest L2-regularised squared-hinge linear SVM trained by dual coordinate descent
 * (Hsieh et al. 2008, the LIBLINEAR solver behind scikit-learn's LinearSVC). Chosen over SGD
 * because it converges to the exact optimum in a few passes and is deterministic given the seed.
 * The bias is learned as the weight of a constant feature 1, as LIBLINEAR does.
 */
export function trainLinearSvm(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  dim: number,
  options: Partial<SvmOptions> = {},
): LinearModel {
  const opt = { ...DEFAULT_SVM, ...options };
  const n = xs.length;
  const sizes = new Float64Array(classes);
  for (const y of ys) sizes[y] = (sizes[y] as number) + 1;
  // Per-record C: with squared hinge the dual gets a diagonal 1/(2C) term per record.
  const diag = new Float64Array(n);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = ys[i] as number;
    const weight = opt.classWeight === 'balanced' ? n / (classes * (sizes[y] as number)) : 1;
    diag[i] = 1 / (2 * opt.c * weight);
    const x = xs[i] as SparseVector;
    let s = 1; // the constant bias feature
    for (let k = 0; k < x.val.length; k++) s += (x.val[k] as number) ** 2;
    qii[i] = s + (diag[i] as number);
  }
  const weights = new Float32Array(classes * dim);
  const bias = new Float32Array(classes);
  const rng = createRng(opt.seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let c = 0; c < classes; c++) {
    const w = new Float64Array(dim);
    let b = 0;
    const alpha = new Float64Array(n);
    for (let epoch = 0; epoch < opt.maxEpochs; epoch++) {
      let maxPg = -Infinity;
      let minPg = Infinity;
      for (const i of shuffled(order, rng)) {
        const x = xs[i] as SparseVector;
        const y = ys[i] === c ? 1 : -1;
        const a = alpha[i] as number;
        const g = y * (dot(w, x) + b) - 1 + (diag[i] as number) * a;
        const pg = a === 0 ? Math.min(g, 0) : g;
        maxPg = Math.max(maxPg, pg);
        minPg = Math.min(minPg, pg);
        if (Math.abs(pg) < 1e-12) continue;
        const next = Math.max(a - g / (qii[i] as number), 0);
        const d = (next - a) * y;
        alpha[i] = next;
        for (let k = 0; k < x.idx.length; k++) {
          const j = x.idx[k] as number;
          w[j] = (w[j] as number) + d * (x.val[k] as number);
        }
        b += d;
      }
      if (maxPg - minPg < opt.tolerance) break;
    }
    weights.set(w, c * dim);
    bias[c] = b;
  }
  return { classes, dim, weights, bias };
}

/**
 * Multinomial naive Bayes on TF-IDF weights (Laplace smoothing `alpha`), expressed as a linear
 * model: weight = log P(feature | class), bias = log P(class). The baseline the SVM must beat.
 */
export function trainNaiveBayes(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  dim: number,
  alpha = 0.1,
): LinearModel {
  const sums = new Float64Array(classes * dim);
  const docs = new Float64Array(classes);
  xs.forEach((x, i) => {
    const c = ys[i] as number;
    docs[c] = (docs[c] as number) + 1;
    for (let k = 0; k < x.idx.length; k++) {
      const j = c * dim + (x.idx[k] as number);
      sums[j] = (sums[j] as number) + (x.val[k] as number);
    }
  });
  const weights = new Float32Array(classes * dim);
  const bias = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    let total = 0;
    for (let j = 0; j < dim; j++) total += sums[c * dim + j] as number;
    const denom = Math.log(total + alpha * dim);
    for (let j = 0; j < dim; j++)
      weights[c * dim + j] = Math.log((sums[c * dim + j] as number) + alpha) - denom;
    bias[c] = Math.log(((docs[c] as number) + 1) / (xs.length + classes));
  }
  return { classes, dim, weights, bias };
}

/** Class scores w·x + b of one vector. */
export function scores(model: LinearModel, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  for (let c = 0; c < model.classes; c++) {
    let s = model.bias[c] as number;
    const base = c * model.dim;
    for (let k = 0; k < x.idx.length; k++)
      s += (model.weights[base + (x.idx[k] as number)] as number) * (x.val[k] as number);
    out[c] = s;
  }
  return out;
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TextError } from '../errors.ts';
import { createSegmenter } from '../segment.ts';
import { restoreVectorizer } from './features.ts';
import type { FeatureOptions } from './features.ts';
import { MODEL_FORMAT_VERSION } from './model.ts';
import type { ClassifierModel } from './model.ts';

/**
 * A model directory holds plain files — feature keys (little-endian float64 integers), IDF,
 * weights and biases (little-endian float32), domain terms (text) — and `manifest.json`, written
 * last, with each file's SHA-256. A half-written or edited directory therefore fails the checksum
 * instead of predicting nonsense.
 */

const FORMAT = 'minsheng-text-classifier';
const FILES = ['keys.f64', 'idf.f32', 'weights.f32', 'bias.f32', 'domain-terms.txt'] as const;
type ModelFile = (typeof FILES)[number];

/** What `manifest.json` says about a model. */
export interface ModelManifest {
  format: typeof FORMAT;
  formatVersion: number;
  algorithm: ClassifierModel['algorithm'];
  labels: string[];
  vocabSize: number;
  domainTerms: number;
  trainedAt: string;
  training: ClassifierModel['training'];
  features: FeatureOptions;
  confidenceScale: number;
  lowConfidenceThreshold: number;
  predictMaxChars: number;
  files: Record<ModelFile, string>;
  /** SHA-256 over the file checksums in `FILES` order: one value to compare two models by. */
  checksum: string;
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function floatBytes(values: Float32Array | Float64Array): Buffer {
  const size = values.BYTES_PER_ELEMENT;
  const out = Buffer.alloc(values.length * size);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < values.length; i++) {
    if (size === 4) view.setFloat32(i * 4, values[i] as number, true);
    else view.setFloat64(i * 8, values[i] as number, true);
  }
  return out;
}

function readFloats(bytes: Buffer, name: string, dir: string): Float32Array {
  if (bytes.length % 4 !== 0) throw corrupt(dir, `${name} is not a whole number of float32 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function readKeys(bytes: Buffer, dir: string): Float64Array {
  if (bytes.length % 8 !== 0) throw corrupt(dir, 'keys.f64 is not a whole number of float64 values');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) {
    const k = view.getFloat64(i * 8, true);
    if (!Number.isSafeInteger(k) || k < 0)
      throw corrupt(dir, 'keys.f64 holds a value that is not a feature key');
    out[i] = k;
  }
  return out;
}

function retrainHint(dir: string): string {
  return `run \`minsheng classify train --input FILE.jsonl --model ${dir}\` to build it`;
}

function corrupt(dir: string, detail: string): TextError {
  return new TextError(
    'model_corrupt',
    `the classifier model in ${dir} is unusable (${detail}); ${retrainHint(dir)} again`,
  );
}

/** Writes `model` to directory `dir` (created if needed), replacing any model there. */
export async function saveModel(dir: string, model: ClassifierModel): Promise<ModelManifest> {
  await mkdir(dir, { recursive: true });
  const contents: Record<ModelFile, Uint8Array> = {
    'keys.f64': floatBytes(model.vectorizer.keys),
    'idf.f32': floatBytes(model.vectorizer.idf),
    'weights.f32': floatBytes(model.linear.weights),
    'bias.f32': floatBytes(model.linear.bias),
    'domain-terms.txt': Buffer.from(model.domainTerms.join('\n'), 'utf8'),
  };
  const files = {} as Record<ModelFile, string>;
  for (const name of FILES) {
    files[name] = sha256(contents[name]);
    // Write then rename: a crash mid-write leaves the old file, never a torn one.
    const tmp = path.join(dir, `.${name}.tmp`);
    await writeFile(tmp, contents[name]);
    await rename(tmp, path.join(dir, name));
  }
  const manifest: ModelManifest = {
    format: FORMAT,
    formatVersion: model.formatVersion,
    algorithm: model.algorithm,
    labels: model.labels,
    vocabSize: model.vectorizer.keys.length,
    domainTerms: model.domainTerms.length,
    trainedAt: model.trainedAt,
    training: model.training,
    features: model.vectorizer.options,
    confidenceScale: model.confidenceScale,
    lowConfidenceThreshold: model.lowConfidenceThreshold,
    predictMaxChars: model.predictMaxChars,
    files,
    checksum: sha256(FILES.map((f) => files[f]).join('\n')),
  };
  const tmp = path.join(dir, '.manifest.json.tmp');
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(tmp, path.join(dir, 'manifest.json'));
  return manifest;
}

/** Reads only the manifest of the model in `dir` (for status pages and `classify` summaries). */
export async function readManifest(dir: string): Promise<ModelManifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new TextError('model_missing', `no classifier model in ${dir}; ${retrainHint(dir)}`);
  }
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(text) as ModelManifest;
  } catch {
    throw corrupt(dir, 'manifest.json is not valid JSON');
  }
  if (manifest.format !== FORMAT) throw corrupt(dir, 'manifest.json is not a Minsheng classifier manifest');
  if (manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw corrupt(
      dir,
      `it was saved in model format ${String(manifest.formatVersion)} and this version of Minsheng reads format ${MODEL_FORMAT_VERSION}: a model from another version must be retrained`,
    );
  }
  return manifest;
}

/**
 * The model format version named by the manifest in `dir`, whichever version it is; null when
 * there is no manifest or it cannot be read. Lets a caller tell a model of an older format, which
 * must be retrained, from a damaged one.
 */
export async function savedFormatVersion(dir: string): Promise<number | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as unknown;
    const v = (manifest as { formatVersion?: unknown } | null)?.formatVersion;
    return typeof v === 'number' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Loads the model in `dir`, verifying every file's checksum and size. Throws {@link TextError}
 * `model_missing` (nothing there) or `model_corrupt` (damaged, edited or of another format version),
 * both saying how to rebuild it.
 */
export async function loadModel(dir: string): Promise<ClassifierModel> {
  const manifest = await readManifest(dir);
  const bytes = {} as Record<ModelFile, Buffer>;
  for (const name of FILES) {
    try {
      bytes[name] = await readFile(path.join(dir, name));
    } catch {
      throw corrupt(dir, `${name} is missing`);
    }
    if (sha256(bytes[name]) !== manifest.files?.[name])
      throw corrupt(dir, `${name} does not match its checksum`);
  }
  const keys = readKeys(bytes['keys.f64'], dir);
  if (keys.length !== manifest.vocabSize) throw corrupt(dir, 'keys.f64 does not match the manifest');
  const idf = readFloats(bytes['idf.f32'], 'idf.f32', dir);
  const weights = readFloats(bytes['weights.f32'], 'weights.f32', dir);
  const bias = readFloats(bytes['bias.f32'], 'bias.f32', dir);
  const classes = manifest.labels.length;
  const dim = keys.length;
  if (idf.length !== dim || weights.length !== classes * dim || bias.length !== classes) {
    throw corrupt(dir, 'weight sizes do not match the vocabulary and labels');
  }
  if (!Number.isSafeInteger(manifest.predictMaxChars) || manifest.predictMaxChars < 1)
    throw corrupt(dir, 'manifest.json has no valid predictMaxChars');
  const domainText = bytes['domain-terms.txt'].toString('utf8');
  const domainTerms = domainText === '' ? [] : domainText.split('\n');
  return {
    formatVersion: manifest.formatVersion,
    labels: manifest.labels,
    algorithm: manifest.algorithm,
    vectorizer: restoreVectorizer(manifest.features, keys, idf),
    linear: { classes, dim, weights, bias },
    domainTerms,
    trainedAt: manifest.trainedAt,
    confidenceScale: manifest.confidenceScale,
    lowConfidenceThreshold: manifest.lowConfidenceThreshold,
    predictMaxChars: manifest.predictMaxChars,
    training: manifest.training,
    segmenter: createSegmenter(domainTerms),
    domainTermSet: new Set(domainTerms),
  };
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRAINING_FIXTURE, UNSEEN_FIXTURE } from '../test-fixtures.ts';
import { MODEL_FORMAT_VERSION, predict, trainClassifier } from './model.ts';
import { loadModel, readManifest, saveModel } from './persist.ts';
import { retrainFromRecords } from './retrain.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'minsheng-model-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const model = trainClassifier(TRAINING_FIXTURE, { trainedAt: '2024-05-01T08:00:00.000Z' });

describe('saveModel / loadModel', () => {
  it('round-trips a model with identical predictions and a manifest', async () => {
    const dir = await tempDir();
    const manifest = await saveModel(dir, model);
    expect(manifest).toMatchObject({
      formatVersion: MODEL_FORMAT_VERSION,
      labels: model.labels,
      trainedAt: '2024-05-01T08:00:00.000Z',
      predictMaxChars: model.predictMaxChars,
    });
    expect(manifest.vocabSize).toBe(model.vectorizer.keys.length);
    expect(manifest.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(await readManifest(dir)).toEqual(manifest);
    const loaded = await loadModel(dir);
    expect(Array.from(loaded.vectorizer.keys)).toEqual(Array.from(model.vectorizer.keys));
    // The head weighting is part of how a text is read: it must come back with the model.
    expect(loaded.vectorizer.options).toEqual(model.vectorizer.options);
    expect(loaded.vectorizer.options.headRepeat).toBeGreaterThan(0);
    for (const u of UNSEEN_FIXTURE) expect(predict(loaded, u)).toEqual(predict(model, u));
  });

  it('asks for retraining when the model was saved in another format version', async () => {
    const dir = await tempDir();
    await saveModel(dir, model);
    const file = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...manifest, formatVersion: 1 }));
    await expect(loadModel(dir)).rejects.toMatchObject({
      code: 'model_corrupt',
      message: expect.stringMatching(/format 1 .*must be retrained.*classify train/) as unknown,
    });
  });

  it('says how to build a missing model', async () => {
    const dir = path.join(await tempDir(), 'nothing-here');
    await expect(loadModel(dir)).rejects.toMatchObject({
      code: 'model_missing',
      message: expect.stringContaining('classify train'),
    });
  });

  it('refuses a damaged model and says how to rebuild it', async () => {
    const dir = await tempDir();
    await saveModel(dir, model);
    const weights = path.join(dir, 'weights.f32');
    const bytes = await readFile(weights);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    await writeFile(weights, bytes);
    await expect(loadModel(dir)).rejects.toMatchObject({
      code: 'model_corrupt',
      message: expect.stringContaining('classify train'),
    });
    await writeFile(path.join(dir, 'manifest.json'), '{ not json');
    await expect(loadModel(dir)).rejects.toMatchObject({ code: 'model_corrupt' });
  });
});

describe('retrainFromRecords', () => {
  it('trains on base and confirmed cases and compares with the current model', () => {
    const confirmed = [...TRAINING_FIXTURE.slice(0, 24), ...TRAINING_FIXTURE.slice(24)];
    const r = retrainFromRecords(confirmed, {
      current: model,
      base: [],
      trainedAt: '2024-06-01T00:00:00.000Z',
    });
    expect(r.holdout?.size).toBe(8);
    expect(r.model.trainedAt).toBe('2024-06-01T00:00:00.000Z');
    expect(typeof r.accepted).toBe('boolean');
    const fresh = retrainFromRecords(TRAINING_FIXTURE.slice(0, 10), {
      base: TRAINING_FIXTURE,
      trainedAt: 'x',
    });
    expect(fresh.holdout).toBeNull();
    expect(fresh.accepted).toBe(true);
    expect(fresh.model.training.records).toBe(TRAINING_FIXTURE.length + 10);
  });

  it('refuses to retrain from nothing', () => {
    expect(() => retrainFromRecords([], { trainedAt: 'x' })).toThrowError(
      expect.objectContaining({ code: 'training_data_invalid' }) as Error,
    );
  });
});

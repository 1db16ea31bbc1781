import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { createTextServices } from '../../text-services.ts';
import { loadModel, saveModel } from '../classifier/persist.ts';
import { trainClassifier } from '../classifier/model.ts';
import { TRAINING_FIXTURE, UNSEEN_FIXTURE } from '../test-fixtures.ts';
import { startAnalysisThread } from './analysis-thread.ts';
import { fingerprintText } from './similar-matters.ts';
import { suggestCategoryWith } from './suggest-category.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'minsheng-thread-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const model = trainClassifier(TRAINING_FIXTURE, { trainedAt: '2024-05-01T08:00:00.000Z' });
const inputs = UNSEEN_FIXTURE.slice(0, 6).map((u) => ({ subject: u.subject, content: u.body }));

describe('the text analysis thread', () => {
  it('answers what the event loop would: the same suggestion and fingerprint', async () => {
    const dir = await tempDir();
    await saveModel(dir, model);
    const loaded = await loadModel(dir);
    const thread = startAnalysisThread(dir);
    try {
      const answers = await Promise.all(inputs.map((input) => thread.analyze(input)));
      answers.forEach((a, i) => {
        expect(a.suggestion).toEqual(suggestCategoryWith(loaded, inputs[i]!));
        expect(a.suggestion?.category).toBeTruthy();
        expect(a.fingerprint).toEqual(fingerprintText(inputs[i]!));
      });
      // Text with nothing to compare or classify is answered, not failed.
      expect(await thread.analyze({ subject: '!!!', content: '？？？' })).toEqual({
        suggestion: null,
        fingerprint: null,
      });
    } finally {
      await thread.close();
    }
  });

  it('suggests nothing without a model, and picks one up when told to reload', async () => {
    const dir = await tempDir();
    const thread = startAnalysisThread(dir);
    try {
      const before = await thread.analyze(inputs[0]!);
      expect(before.suggestion).toBeNull();
      expect(before.fingerprint).not.toBeNull();
      await saveModel(dir, model);
      expect(await thread.reload()).toBe(true);
      expect((await thread.analyze(inputs[0]!)).suggestion).not.toBeNull();
    } finally {
      await thread.close();
    }
    await expect(thread.analyze(inputs[0]!)).rejects.toThrow(/closed/);
  });

  it('lets the server work on its own thread when the analysis thread is gone', async () => {
    const dataDir = await tempDir();
    const config = loadConfig({ MINSHENG_DATA_DIR: dataDir });
    await saveModel(config.modelDir, model);
    const services = await createTextServices(config, () => undefined);
    const viaThread = await services.analyze!(inputs[1]!);
    await services.close();
    const fallback = await services.analyze!(inputs[1]!);
    expect(fallback).toEqual(viaThread);
    expect(fallback.suggestion).not.toBeNull();
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../../config/env.ts';
import { toCategoryCode } from '../categories.ts';
import { MODEL_FORMAT_VERSION, trainClassifier } from '../classifier/model.ts';
import type { TrainingRecord } from '../classifier/model.ts';
import { savedFormatVersion, saveModel } from '../classifier/persist.ts';
import { parseJsonLines, textDataDir } from '../dataset.ts';
import { readFile } from 'node:fs/promises';

/**
 * For the demo: when `config.modelDir` holds no model, or one of an older format that this version
 * cannot read, and the shared public data is beside the checkout (`MINSHENG_TEXT_DATA`, else
 * `../shared/data/tipdm2020`), trains a category model from its 8,140 segmented and 457 raw labelled
 * messages into `config.modelDir` (about 10 s), labelled with category codes. The data and the model stay outside
 * the repository. A damaged model is left for the administrator to look at.
 */
export async function ensureDemoModel(
  config: AppConfig,
  dataDir: string = textDataDir(),
  now: Date = new Date(),
): Promise<{ trained: boolean; reason: string }> {
  let replaces = '';
  if (existsSync(path.join(config.modelDir, 'manifest.json'))) {
    const version = await savedFormatVersion(config.modelDir);
    if (version === null || version === MODEL_FORMAT_VERSION)
      return { trained: false, reason: `a model exists in ${config.modelDir}` };
    replaces = ` (replacing a model of format ${version}, which this version cannot read)`;
  }
  const file = path.join(dataDir, 'labelled_segmented.jsonl');
  if (!existsSync(file))
    return { trained: false, reason: `the shared text data is not at ${dataDir} (set MINSHENG_TEXT_DATA)` };
  // The 457 labelled raw messages join the 8,140 segmented ones: they are petitions in the form the
  // model will read them (subject and body as written), which the segmented file is not.
  const sample = path.join(dataDir, 'labelled_sample.jsonl');
  const read = async (f: string) => parseJsonLines<TrainingRecord>(await readFile(f, 'utf8'), f);
  const records = [...(await read(file)), ...(existsSync(sample) ? await read(sample) : [])].map((r) => ({
    ...r,
    label: toCategoryCode(r.label),
  }));
  const started = performance.now();
  const model = trainClassifier(records, { trainedAt: now.toISOString() });
  await saveModel(config.modelDir, model);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return {
    trained: true,
    reason: `trained a category model on ${model.training.records} labelled messages in ${seconds} s into ${config.modelDir}${replaces}`,
  };
}

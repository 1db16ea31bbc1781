import { existsSync } from 'node:fs';
import type { AppConfig } from '../config/env.ts';
import { hasTextData, readTextData } from '../text/dataset.ts';
import { saveModel, trainClassifier, type TrainingRecord } from '../text/index.ts';

/**
 * For the demo: when no category model exists and the shared public data is beside the checkout,
 * train one into the data directory (seconds). The data and the model never enter the repository.
 */
export async function ensureDemoModel(config: AppConfig, now: Date): Promise<{ trained: boolean; reason: string }> {
  if (existsSync(`${config.modelDir}/manifest.json`)) return { trained: false, reason: 'a model exists' };
  if (!hasTextData('labelled_segmented.jsonl')) return { trained: false, reason: 'the shared text data is not beside this checkout' };
  const records = readTextData<TrainingRecord>('labelled_segmented.jsonl');
  const model = trainClassifier(records, { trainedAt: now.toISOString() });
  await saveModel(config.modelDir, model);
  return { trained: true, reason: `trained on ${records.length} labelled messages` };
}

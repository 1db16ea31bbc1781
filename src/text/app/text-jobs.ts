import { startTypeScriptWorker } from './ts-worker.ts';
import { loadModel, saveModel } from '../classifier/persist.ts';
import { retrainFromRecords } from '../classifier/retrain.ts';
import type { TrainingRecord } from '../classifier/model.ts';
import { toCategoryCode } from '../categories.ts';
import { isTextError, TextError, type TextErrorCode } from '../errors.ts';
import { findHotIssues } from '../hot-issues/cluster.ts';
import type { HotIssueInput, HotIssueOptions, HotIssueResult } from '../hot-issues/cluster.ts';

/** A CPU-heavy text job, run on a worker thread by {@link runOffThread}. */
export type TextJob =
  | { kind: 'hot-issues'; inputs: HotIssueInput[]; options: Partial<HotIssueOptions> }
  | {
      kind: 'retrain';
      modelDir: string;
      confirmed: TrainingRecord[];
      base: TrainingRecord[];
      trainedAt: string;
      force: boolean;
    };

/** What a retrain job did. */
export interface RetrainOutcome {
  /** True when the model directory now holds the retrained model. */
  replaced: boolean;
  records: number;
  confirmed: number;
  holdout: { size: number; currentMacroF1: number; candidateMacroF1: number } | null;
  /** Checksum of the new model, when it was saved. */
  checksum: string | null;
}

export type TextJobResult<J extends TextJob> = J extends { kind: 'hot-issues' }
  ? HotIssueResult
  : RetrainOutcome;

/** Runs a job in this thread. */
export async function runTextJob(job: TextJob): Promise<HotIssueResult | RetrainOutcome> {
  if (job.kind === 'hot-issues') return findHotIssues(job.inputs, job.options);
  let current;
  try {
    const loaded = await loadModel(job.modelDir);
    // A model trained on the shared data answers with Chinese names; confirmed cases carry codes.
    current = { ...loaded, labels: loaded.labels.map(toCategoryCode) };
  } catch (err) {
    // A missing or damaged model is replaced by the retrained one.
    if (!isTextError(err, 'model_missing') && !isTextError(err, 'model_corrupt')) throw err;
  }
  const result = retrainFromRecords(job.confirmed, {
    base: job.base,
    ...(current ? { current } : {}),
    trainedAt: job.trainedAt,
  });
  const outcome = {
    records: result.model.training.records,
    confirmed: job.confirmed.length,
    holdout: result.holdout,
  };
  if (!result.accepted && !job.force) return { ...outcome, replaced: false, checksum: null };
  const manifest = await saveModel(job.modelDir, result.model);
  return { ...outcome, replaced: true, checksum: manifest.checksum };
}

const WORKER_URL = new URL('./text.worker.ts', import.meta.url);

const TEXT_CODES = new Set([
  'text_empty',
  'text_binary',
  'text_invalid',
  'model_missing',
  'model_corrupt',
  'training_data_invalid',
]);

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `job` on a fresh worker thread, one job at a time (the machine's other core serves the
 * requests). The worker ends with the job. Errors come back as {@link TextError} when the job threw
 * one, else as Error.
 */
export function runOffThread<J extends TextJob>(job: J): Promise<TextJobResult<J>> {
  const run = () =>
    new Promise<TextJobResult<J>>((resolve, reject) => {
      const worker = startTypeScriptWorker(WORKER_URL);
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
        void worker.terminate();
      };
      worker.on(
        'message',
        (m: { ok: true; result: TextJobResult<J> } | { ok: false; message: string; code?: string }) => {
          if (m.ok) finish(() => resolve(m.result));
          else
            finish(() =>
              reject(
                m.code !== undefined && TEXT_CODES.has(m.code)
                  ? new TextError(m.code as TextErrorCode, m.message)
                  : new Error(m.message),
              ),
            );
        },
      );
      worker.on('error', (err) => finish(() => reject(err)));
      worker.on('exit', (code) =>
        finish(() => reject(new Error(`the text worker stopped (exit code ${code})`))),
      );
      worker.postMessage(job);
    });
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

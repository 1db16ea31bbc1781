import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../app/context.ts';
import type { Database } from '../../db/schema.ts';
import { toCategoryCode } from '../categories.ts';
import type { TrainingRecord } from '../classifier/model.ts';
import { parseJsonLines, textDataDir } from '../dataset.ts';
import { runOffThread, runTextJob, type RetrainOutcome } from './text-jobs.ts';

/** Below this many confirmed cases retraining is skipped: too few to improve on the model in use. */
export const MIN_CONFIRMED = 200;
/** Newest confirmed cases read for one retraining. */
export const CONFIRMED_CAP = 50_000;
/** Characters of each content used for training. */
const TRAIN_CONTENT_CHARS = 5_000;
/** Default interval of the schedule: weekly. */
export const RETRAIN_INTERVAL_HOURS = 24 * 7;

/**
 * Matters whose category staff confirmed: a category is set and the matter went past registration
 * (accepted, handled, forwarded, not accepted …), so someone decided on it. Newest first, labelled
 * with the first-level category code (the level the classifier suggests).
 */
export async function confirmedRecords(
  db: Kysely<Database>,
  limit = CONFIRMED_CAP,
): Promise<TrainingRecord[]> {
  const rows = await db
    .selectFrom('matters')
    .select([
      'category_code',
      'subject',
      sql<string>`left(content, ${sql.lit(TRAIN_CONTENT_CHARS)})`.as('content'),
    ])
    .where('category_code', 'is not', null)
    .where('state', '<>', 'registered')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    label: toCategoryCode(r.category_code as string),
    subject: r.subject,
    body: r.content,
  }));
}

/** The shared data's labelled messages with labels as codes; none when the data is not there. */
export function sharedBaseRecords(dir = textDataDir()): TrainingRecord[] {
  const file = path.join(dir, 'labelled_segmented.jsonl');
  if (!existsSync(file)) return [];
  return parseJsonLines<TrainingRecord>(readFileSync(file, 'utf8'), file).map((r) => ({
    ...r,
    label: toCategoryCode(r.label),
  }));
}

export interface RetrainFromDbOptions {
  modelDir: string;
  trainedAt: string;
  /** Records trained on as well (labels mapped to codes); default none. */
  base?: readonly TrainingRecord[];
  /** Replace the model even when the retrained one scores worse on held-out confirmed cases. */
  force?: boolean;
  minConfirmed?: number;
  /** Train on a worker thread (the server); the CLI trains in its own thread. */
  offThread?: boolean;
}

export interface RetrainReport {
  status: 'retrained' | 'kept' | 'skipped';
  /** One line for a log or the terminal. */
  message: string;
  confirmed: number;
  outcome: RetrainOutcome | null;
}

/**
 * Retrains the category model from the deployment's confirmed cases (plus `base`), replacing the
 * model in `modelDir` only when the new one is not worse on held-out confirmed cases (or `force`).
 * Skipped below `minConfirmed` cases or with fewer than two categories.
 */
export async function retrainFromDatabase(
  db: Kysely<Database>,
  opts: RetrainFromDbOptions,
): Promise<RetrainReport> {
  const confirmed = await confirmedRecords(db);
  const min = opts.minConfirmed ?? MIN_CONFIRMED;
  const labels = new Set(confirmed.map((r) => r.label));
  if (confirmed.length < min || (labels.size < 2 && (opts.base ?? []).length === 0)) {
    return {
      status: 'skipped',
      message: `retraining skipped: ${confirmed.length} confirmed case(s) in ${labels.size} categor${labels.size === 1 ? 'y' : 'ies'} (needs ${min} in at least 2)`,
      confirmed: confirmed.length,
      outcome: null,
    };
  }
  const job = {
    kind: 'retrain' as const,
    modelDir: opts.modelDir,
    confirmed,
    base: (opts.base ?? []).map((r) => ({ ...r, label: toCategoryCode(r.label) })),
    trainedAt: opts.trainedAt,
    force: opts.force === true,
  };
  const outcome = opts.offThread ? await runOffThread(job) : ((await runTextJob(job)) as RetrainOutcome);
  const h = outcome.holdout;
  const compared = h
    ? `; held-out ${h.size} confirmed: macro-F1 current ${h.currentMacroF1.toFixed(3)}, retrained ${h.candidateMacroF1.toFixed(3)}`
    : '';
  return outcome.replaced
    ? {
        status: 'retrained',
        message: `retrained the category model on ${outcome.records} records (${confirmed.length} confirmed, ${job.base.length} base)${compared}; model: ${opts.modelDir}`,
        confirmed: confirmed.length,
        outcome,
      }
    : {
        status: 'kept',
        message: `kept the current category model: the retrained one is worse${compared}`,
        confirmed: confirmed.length,
        outcome,
      };
}

/** Longest single timer wait (setTimeout holds at most 2^31 − 1 ms, about 24.8 days). */
const MAX_WAIT_MS = 20 * 24 * 3_600_000;

/**
 * Retrains every `intervalHours` (default weekly; the first run one interval after start) on a
 * worker thread, then reloads the model of `ctx.text` when it was replaced. Below
 * {@link MIN_CONFIRMED} confirmed cases a run does nothing but say so. Returns a stop function.
 */
export function startRetrainSchedule(
  ctx: AppContext,
  intervalHours: number = RETRAIN_INTERVAL_HOURS,
  log: (msg: string, err?: unknown) => void = (m, e) => (e ? console.error(m, e) : console.log(m)),
  opts: { base?: readonly TrainingRecord[]; minConfirmed?: number } = {},
): () => void {
  const interval = Math.max(1, intervalHours) * 3_600_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let due = Date.now() + interval;
  const run = async () => {
    try {
      const report = await retrainFromDatabase(ctx.db, {
        modelDir: ctx.config.modelDir,
        trainedAt: ctx.clock().toISOString(),
        offThread: true,
        ...(opts.base ? { base: opts.base } : {}),
        ...(opts.minConfirmed !== undefined ? { minConfirmed: opts.minConfirmed } : {}),
      });
      if (report.status === 'retrained') {
        const reload = (ctx.text as { reloadModel?: () => Promise<boolean> }).reloadModel;
        if (reload) await reload();
      }
      log(`text: ${report.message}`);
    } catch (err) {
      log('text: scheduled retraining failed', err);
    }
  };
  const arm = () => {
    if (stopped) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, due - Date.now()));
    timer = setTimeout(() => {
      if (Date.now() < due) return arm();
      due += interval;
      void run().finally(arm);
    }, wait);
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

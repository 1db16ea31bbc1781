import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadModel, readManifest, saveModel } from './classifier/persist.ts';
import { predict, trainClassifier } from './classifier/model.ts';
import type { TrainingRecord } from './classifier/model.ts';
import { retrainFromRecords } from './classifier/retrain.ts';
import { isTextError, TextError } from './errors.ts';
import { findHotIssues } from './hot-issues/cluster.ts';
import type { HotIssueInput } from './hot-issues/cluster.ts';

/** Where command output goes; the real CLI passes process streams, tests pass collectors. */
export interface CliIo {
  out: (line: string) => void | Promise<void>;
  err: (line: string) => void;
  /** The wall clock, read only here at the edge (training records when it happened). */
  now: () => Date;
}

/** Process-backed I/O that respects stdout back-pressure. */
export function processIo(): CliIo {
  return {
    out: (line) =>
      new Promise<void>((resolve, reject) => {
        process.stdout.write(line + '\n', (err) => (err ? reject(err) : resolve()));
      }),
    err: (line) => {
      process.stderr.write(line + '\n');
    },
    now: () => new Date(),
  };
}

/** Reads a JSON-lines file of training records; a bad line stops training with its line number. */
export async function readTrainingFile(file: string): Promise<TrainingRecord[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch {
    throw new TextError('training_data_invalid', `cannot read training file ${file}`);
  }
  const out: TrainingRecord[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new TextError('training_data_invalid', `${file}:${i + 1}: not valid JSON`);
    }
    const r = value as Partial<TrainingRecord> | null;
    if (typeof r !== 'object' || r === null || typeof r.label !== 'string' || r.label.trim() === '') {
      throw new TextError(
        'training_data_invalid',
        `${file}:${i + 1}: a record needs "label" and "text" or "subject"/"body"`,
      );
    }
    out.push(r as TrainingRecord);
  });
  if (out.length === 0) throw new TextError('training_data_invalid', `${file} holds no records`);
  return out;
}

function labelCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
}

/**
 * `classify train`: trains on one or more JSON-lines files (read in order, e.g. the segmented contest
 * file and the raw labelled messages) and saves the model directory.
 */
export async function runTrain(
  opts: { input: string | readonly string[]; model: string; algorithm?: string },
  io: CliIo,
): Promise<void> {
  const files = typeof opts.input === 'string' ? [opts.input] : opts.input;
  const records: TrainingRecord[] = [];
  for (const file of files) records.push(...(await readTrainingFile(file)));
  const algorithm = opts.algorithm === 'naive-bayes' ? 'naive-bayes' : 'svm';
  const started = performance.now();
  const model = trainClassifier(records, { algorithm, trainedAt: io.now().toISOString() });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const manifest = await saveModel(opts.model, model);
  await io.out(
    `trained ${algorithm} classifier on ${model.training.records} records (${model.training.skipped} skipped as empty) in ${seconds} s`,
  );
  await io.out(`labels: ${labelCounts(model.training.perLabel)}`);
  await io.out(`features: ${manifest.vocabSize}; domain terms: ${manifest.domainTerms}`);
  await io.out(`model: ${opts.model} (checksum ${manifest.checksum.slice(0, 16)})`);
}

function errorLine(line: number, code: string, message: string, id?: unknown): string {
  return JSON.stringify({ line, ...(id !== undefined ? { id } : {}), error: { code, message } });
}

/**
 * `classify predict`: one JSON object per input line (`subject`, `body`, optional `id`), one JSON
 * line out per input, in order. A bad line yields an error line for that line; the run goes on.
 */
export async function runPredict(
  opts: { model: string },
  input: NodeJS.ReadableStream | AsyncIterable<string>,
  io: CliIo,
): Promise<void> {
  const model = await loadModel(opts.model);
  // The line reader starts only now: lines read while the model loaded would be lost to an
  // async iterator created later.
  const lines: AsyncIterable<string> =
    'pipe' in input ? createInterface({ input, crlfDelay: Infinity }) : input;
  let n = 0;
  for await (const raw of lines) {
    n++;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      await io.out(errorLine(n, 'invalid_json', 'the line is not valid JSON'));
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      await io.out(errorLine(n, 'text_invalid', 'each line must be a JSON object with "subject" and "body"'));
      continue;
    }
    const input = value as { id?: unknown; subject?: unknown; body?: unknown; text?: unknown };
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    if (str(input.subject) === undefined && str(input.body) === undefined && str(input.text) === undefined) {
      await io.out(errorLine(n, 'text_invalid', '"subject" and "body" must be strings', input.id));
      continue;
    }
    try {
      const p = predict(model, { subject: str(input.subject), body: str(input.body), text: str(input.text) });
      const round = (x: number): number => Math.round(x * 10_000) / 10_000;
      await io.out(
        JSON.stringify({
          ...(input.id !== undefined ? { id: input.id } : {}),
          category: p.category,
          confidence: round(p.confidence),
          top: p.top.map((t) => ({ category: t.category, score: round(t.score) })),
          lowConfidence: p.lowConfidence,
          ...(p.reason !== undefined ? { reason: p.reason } : {}),
          ...(p.truncated ? { truncated: true } : {}),
        }),
      );
    } catch (err) {
      if (!isTextError(err)) throw err;
      await io.out(errorLine(n, err.code, err.message, input.id));
    }
  }
}

/** `classify retrain`: retrains from confirmed cases, replacing the model only when it is not worse. */
export async function runRetrain(
  opts: { model: string; input: string; base?: string; force?: boolean },
  io: CliIo,
): Promise<void> {
  const confirmed = await readTrainingFile(opts.input);
  const base = opts.base !== undefined ? await readTrainingFile(opts.base) : [];
  let current;
  try {
    current = await loadModel(opts.model);
  } catch (err) {
    if (!isTextError(err, 'model_missing')) throw err;
  }
  const result = retrainFromRecords(confirmed, { base, current, trainedAt: io.now().toISOString() });
  if (result.holdout !== null) {
    const h = result.holdout;
    await io.out(
      `held-out confirmed cases: ${h.size}; macro-F1 current ${h.currentMacroF1.toFixed(4)}, retrained ${h.candidateMacroF1.toFixed(4)}`,
    );
  }
  if (!result.accepted && opts.force !== true) {
    await io.out(
      `kept the current model in ${opts.model}: the retrained one is worse (use --force to replace it anyway)`,
    );
    return;
  }
  const manifest = await saveModel(opts.model, result.model);
  await io.out(
    `retrained on ${result.model.training.records} records (${confirmed.length} confirmed, ${base.length} base); model: ${opts.model} (checksum ${manifest.checksum.slice(0, 16)})`,
  );
}

/** `hot-issues`: reads matters (JSON lines), prints the top issues as JSON lines, best first. */
export async function runHotIssues(
  opts: { input: string; top?: string; now?: string },
  io: CliIo,
): Promise<void> {
  const top = opts.top === undefined ? 10 : Number(opts.top);
  if (!Number.isInteger(top) || top < 1)
    throw new TextError('text_invalid', '--top must be a positive integer');
  const inputs: HotIssueInput[] = [];
  const bad: number[] = [];
  const rl = createInterface({ input: createReadStream(opts.input, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of rl) {
      n++;
      if (line.trim() === '') continue;
      try {
        const v = JSON.parse(line) as HotIssueInput | null;
        if (typeof v !== 'object' || v === null || (typeof v.id !== 'string' && typeof v.id !== 'number'))
          bad.push(n);
        else inputs.push(v);
      } catch {
        bad.push(n);
      }
    }
  } catch {
    throw new TextError('text_invalid', `cannot read ${opts.input}`);
  }
  if (bad.length > 0)
    io.err(`skipped ${bad.length} line(s) that are not JSON objects with an "id" (first: line ${bad[0]})`);
  const result = findHotIssues(inputs, { top, ...(opts.now !== undefined ? { now: opts.now } : {}) });
  if (result.skipped > 0) io.err(`skipped ${result.skipped} matter(s) with no usable text`);
  for (const i of result.issues) {
    await io.out(
      JSON.stringify({
        rank: i.rank,
        label: i.label,
        ids: i.ids,
        size: i.size,
        people: i.people,
        first: i.first,
        last: i.last,
        heat: i.heat,
        rising: i.rising,
      }),
    );
  }
}

const MIN_CONFIRMED_DEFAULT = 200;

/** The deployment's database as `classify retrain --from-db` uses it. */
export interface RetrainDatabase {
  db: Kysely<Database>;
  /** The configured model directory (MINSHENG_MODEL_DIR or <data dir>/model). */
  modelDir: string;
  close: () => Promise<void>;
}

export interface TextCliDeps {
  database?: () => Promise<RetrainDatabase>;
}

/** Opens the database the server uses (configuration from the environment), migrated. */
async function openDeploymentDatabase(): Promise<RetrainDatabase> {
  const [{ loadConfig }, { openDatabase }, { migrate }, path] = await Promise.all([
    import('../config/env.ts'),
    import('../db/database.ts'),
    import('../db/migrate.ts'),
    import('node:path'),
  ]);
  const cfg = loadConfig();
  const handle = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: path.join(cfg.dataDir, 'pg') });
  await migrate(handle);
  return { db: handle.db, modelDir: cfg.modelDir, close: () => handle.close() };
}

/** `classify retrain --from-db`: retrains from the matters whose category staff confirmed. */
export async function runRetrainFromDb(
  opts: { model?: string; base?: string; minConfirmed?: string; force?: boolean },
  io: CliIo,
  open: () => Promise<RetrainDatabase>,
): Promise<void> {
  const minConfirmed = opts.minConfirmed === undefined ? MIN_CONFIRMED_DEFAULT : Number(opts.minConfirmed);
  if (!Number.isInteger(minConfirmed) || minConfirmed < 1) {
    throw new TextError('text_invalid', '--min-confirmed must be a positive integer');
  }
  const base = opts.base !== undefined ? await readTrainingFile(opts.base) : [];
  const { retrainFromDatabase } = await import('./app/retrain.ts');
  const database = await open();
  try {
    const report = await retrainFromDatabase(database.db, {
      modelDir: opts.model ?? database.modelDir,
      trainedAt: io.now().toISOString(),
      base,
      minConfirmed,
      ...(opts.force ? { force: true } : {}),
    });
    await io.out(report.message);
  } finally {
    await database.close();
  }
}

/** Runs a command body; expected failures (bad input, missing model) print one line and set exit code 1. */
async function guarded(io: CliIo, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (!isTextError(err)) throw err;
    io.err(`error (${err.code}): ${err.message}`);
    process.exitCode = 1;
  }
}

/**
 * Adds the text commands to the `minsheng` CLI: `classify train|predict|retrain` and `hot-issues`.
 * `io` defaults to the process streams; `deps.database` (tests) replaces the deployment database.
 */
export function registerTextCommands(
  program: Command,
  io: CliIo = processIo(),
  deps: TextCliDeps = {},
): void {
  const classify = program
    .command('classify')
    .description('suggest petition categories (TF-IDF + linear SVM)');
  classify
    .command('train')
    .description(
      'train a classifier on labelled petitions (JSON lines: label + text, or label + subject + body)',
    )
    .requiredOption(
      '--input <file>',
      'labelled JSON-lines file; repeat the option to train on several files',
      (file: string, previous: string[] | undefined) => [...(previous ?? []), file],
    )
    .requiredOption('--model <dir>', 'directory to write the model to')
    .option('--algorithm <name>', 'svm (default) or naive-bayes (baseline)', 'svm')
    .action((opts: { input: string[]; model: string; algorithm: string }) =>
      guarded(io, () => runTrain(opts, io)),
    );
  classify
    .command('predict')
    .description(
      'read JSON lines {subject, body} on stdin; write one JSON line {category, confidence, top} per input',
    )
    .requiredOption('--model <dir>', 'model directory')
    .action((opts: { model: string }) => guarded(io, () => runPredict(opts, process.stdin, io)));
  classify
    .command('retrain')
    .description(
      'retrain from confirmed cases (--input FILE of JSON lines with label, or --from-db: matters whose category staff confirmed); keeps the old model if the new one is worse',
    )
    .option(
      '--model <dir>',
      'model directory (read, then replaced); with --from-db default MINSHENG_MODEL_DIR or <data dir>/model',
    )
    .option('--input <file>', 'confirmed cases, JSON lines')
    .option(
      '--from-db',
      "read the confirmed cases from the deployment's database (DATABASE_URL or the embedded one)",
    )
    .option('--base <file>', 'original training file to train on as well')
    .option(
      '--min-confirmed <n>',
      'with --from-db: skip below this many confirmed cases',
      String(MIN_CONFIRMED_DEFAULT),
    )
    .option('--force', 'replace the model even if the retrained one scores worse')
    .action(
      (opts: {
        model?: string;
        input?: string;
        fromDb?: boolean;
        base?: string;
        minConfirmed?: string;
        force?: boolean;
      }) =>
        guarded(io, async () => {
          if (opts.fromDb === true) {
            if (opts.input !== undefined)
              throw new TextError('text_invalid', 'use either --input or --from-db, not both');
            await runRetrainFromDb(opts, io, deps.database ?? openDeploymentDatabase);
            return;
          }
          if (opts.input === undefined || opts.model === undefined) {
            throw new TextError('text_invalid', 'retrain needs --model and --input FILE, or --from-db');
          }
          await runRetrain(
            {
              model: opts.model,
              input: opts.input,
              ...(opts.base !== undefined ? { base: opts.base } : {}),
              ...(opts.force ? { force: true } : {}),
            },
            io,
          );
        }),
    );
  classify
    .command('info')
    .description('print the manifest of a model directory')
    .requiredOption('--model <dir>', 'model directory')
    .action((opts: { model: string }) =>
      guarded(io, async () => {
        await io.out(JSON.stringify(await readManifest(opts.model), null, 2));
      }),
    );
  program
    .command('hot-issues')
    .description('group matters about the same estate, company or project and rank them by heat')
    .requiredOption(
      '--input <file>',
      'JSON lines with id, user, subject, body, time (likes, against optional)',
    )
    .option('--top <n>', 'number of issues to print', '10')
    .option('--now <iso>', 'the "now" of the rising test (default: latest time in the input)')
    .action((opts: { input: string; top?: string; now?: string }) =>
      guarded(io, () => runHotIssues(opts, io)),
    );
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shared real-petition data (2020 TipDM Cup) lives: `MINSHENG_TEXT_DATA`, else
 * `../shared/data/tipdm2020` next to the repository. Only tests, benchmarks and the evaluation
 * script read it; the app never does, and the files are never copied into the repository.
 */
export function textDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  return env.MINSHENG_TEXT_DATA ?? path.resolve(repoRoot, '../shared/data/tipdm2020');
}

/** True when the shared data folder holds `file`. */
export function hasTextData(
  file = 'labelled_segmented.jsonl',
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return existsSync(path.join(textDataDir(env), file));
}

/** One message of the board as the data files hold it (fields vary by file). */
export interface BoardMessage {
  id: number | string;
  user?: string;
  subject?: string;
  body?: string;
  time?: string;
  label?: string;
  text?: string;
  likes?: number;
  against?: number;
}

/** Parses JSON lines, skipping blank lines; throws with the line number on bad JSON. */
export function parseJsonLines<T>(content: string, source = 'input'): T[] {
  const out: T[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      throw new Error(`${source}:${i + 1}: not valid JSON`);
    }
  });
  return out;
}

/** Reads one JSON-lines file of the shared data folder. */
export function readTextData<T = BoardMessage>(file: string, env: NodeJS.ProcessEnv = process.env): T[] {
  const full = path.join(textDataDir(env), file);
  return parseJsonLines<T>(readFileSync(full, 'utf8'), full);
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_FILES, type DataFileName, type DataOf } from './data-schema.ts';

/**
 * The demo's tables (organisation, people, texts, plan proportions, wording) live as JSON in
 * ./data and are checked against their schema when read, so a mistake in a file stops the demo
 * with the file and the field named instead of producing odd data.
 */

export const DEMO_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export class DemoDataError extends Error {}

/** Reads and validates one data file; `dir` lets tests check an altered copy. */
export function readDemoData<F extends DataFileName>(name: F, dir = DEMO_DATA_DIR): DataOf<F> {
  const file = path.join(dir, name);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DemoDataError(`demo data file ${file}: ${(err as Error).message}`);
  }
  const parsed = DATA_FILES[name].safeParse(raw);
  if (parsed.success) return parsed.data as DataOf<F>;
  const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new DemoDataError(`demo data file ${file} is invalid:\n${issues.join('\n')}`);
}

const cache = new Map<DataFileName, unknown>();

/** The validated contents of a data file, read once. */
export function demoData<F extends DataFileName>(name: F): DataOf<F> {
  if (!cache.has(name)) cache.set(name, readDemoData(name));
  return cache.get(name) as DataOf<F>;
}

/** Fills `{field}` placeholders; a field not given stays as written, so a gap is visible. */
export function fillIn(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);
}

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IsoDate } from './dates.ts';

/**
 * The State Council's annual holiday notices (国务院办公厅关于某年部分节假日安排的通知), as carried
 * by the `chinese-days` package. A notice fixes that year's holidays and the weekend days that become
 * make-up working days (调休上班); nothing else is authoritative for counting 工作日.
 */

/** One day that an official notice names. */
export interface OfficialDay {
  date: IsoDate;
  /** false for a holiday, true for a make-up working day on a weekend. */
  working: boolean;
  /** Festival name as written in the notice, e.g. 国庆节; make-up days read 国庆节（调休上班）. */
  name: string;
}

/** Official notices: which years have one, and the days they name. */
export interface OfficialNotices {
  years: ReadonlySet<number>;
  days: ReadonlyMap<IsoDate, OfficialDay>;
}

/** Shape of chinese-days' dist/chinese-days.json: date → "English name,中文名,statutory days". */
interface RawNotices {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
let cached: OfficialNotices | undefined;

/**
 * Loads the notices shipped in `chinese-days` (read once, then cached). The notice years are the
 * per-year files the package publishes (dist/years/YYYY.json), so a year is "official" only if the
 * package had that year's notice, not merely a stray date in it.
 */
export function loadOfficialNotices(): OfficialNotices {
  if (cached) return cached;
  // chinese-days has no "exports" map, so its data files resolve like ordinary paths; createRequire
  // works the same under node, tsx and vitest.
  const jsonPath = require.resolve('chinese-days/dist/chinese-days.json');
  const raw = require(jsonPath) as RawNotices;
  const years = new Set<number>();
  for (const file of readdirSync(join(dirname(jsonPath), 'years'))) {
    const m = /^(\d{4})\.json$/.exec(file);
    if (m) years.add(Number(m[1]));
  }
  cached = buildOfficialNotices(raw, years);
  return cached;
}

/** Builds the lookup from raw notice data; exported so tests and admins' imports can use other data. */
export function buildOfficialNotices(raw: RawNotices, years: Iterable<number>): OfficialNotices {
  const days = new Map<IsoDate, OfficialDay>();
  for (const [date, label] of Object.entries(raw.holidays)) {
    days.set(date, { date, working: false, name: chineseName(label) });
  }
  // A date in both lists would be a data error; the working day wins so a limit is never lengthened
  // by a holiday that may not exist.
  for (const [date, label] of Object.entries(raw.workdays)) {
    days.set(date, { date, working: true, name: `${chineseName(label)}（调休上班）` });
  }
  return { years: new Set(years), days };
}

function chineseName(label: string): string {
  // "National Day,国庆节,3" → 国庆节
  return label.split(',')[1]?.trim() || label;
}

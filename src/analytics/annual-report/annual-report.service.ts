import type { AppContext } from '../../app/context.ts';
import type { StaffUser } from '../../auth/staff-user.ts';
import { localDateOf } from '../../calendar/index.ts';
import { fieldError } from '../../errors/app-error.ts';
import { EARLIEST_DATE } from '../../shared/schemas.ts';
import { hotIssuesFor } from '../../text/app/hot-issues.ts';
import { annualTable } from '../annual.ts';
import { computeIndicators, figuresOf } from '../indicators.ts';
import { computeIndicatorsByUnit } from '../unit-indicators.ts';
import type { Period } from '../period.ts';
import { resolveStatsScope, type StatsScope } from '../stats-scope.ts';
import { volumeTable } from '../volume.ts';
import {
  annualReportContent,
  type AnnualReportContent,
  type AnnualReportInput,
  type HotIssuesSummary,
  type UnitFigures,
} from './annual-report-content.ts';
import { buildAnnualReportDocx } from './annual-report-docx.ts';

/** Years the annual table of the report covers, the report's own included. */
export const REPORT_YEARS = 5;
/** Most units the ranking lists: those leading the most matters. */
export const RANKED_UNITS = 20;
/** Hot issues listed. */
export const HOT_ISSUES = 10;

const EARLIEST_YEAR = Number(EARLIEST_DATE.slice(0, 4));

/**
 * Checks the year of a report: four digits, from 1990 (nothing in a petition office is older) to
 * next year in China (a bureau may prepare next year's file). `path` names the field in errors.
 */
export function parseReportYear(value: string, path: string, now: Date): number {
  const latest = Number(localDateOf(now).slice(0, 4)) + 1;
  if (!/^[0-9]{4}$/.test(value))
    throw fieldError(path, '年度应为四位数字（YYYY）', 'a year is written with four digits (YYYY)');
  const year = Number(value);
  if (year < EARLIEST_YEAR || year > latest)
    throw fieldError(
      path,
      `年度应在${EARLIEST_YEAR}年至${latest}年之间`,
      `the year must be from ${EARLIEST_YEAR} to ${latest}`,
    );
  return year;
}

/**
 * The report's period: the calendar year, cut at today (Beijing time) while the year runs, so that
 * 上年同期 is the same days of last year and not the whole of it.
 */
export function reportPeriod(year: number, now: Date): Period {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const today = localDateOf(now);
  return { from, to: today >= from && today < to ? today : to };
}

export type HotIssuesReader = typeof hotIssuesFor;

export interface AnnualReportOptions {
  /** Where the region came from, as errors name it ('querystring.region' over HTTP). */
  regionPath?: string;
  /** The hot-issue analysis (replaceable in tests). */
  hotIssues?: HotIssuesReader;
  /** Told why the hot issues were left out when their analysis failed. */
  onHotIssuesError?: (err: unknown) => void;
}

async function hotIssuesOf(
  ctx: AppContext,
  scope: StatsScope,
  period: Period,
  now: Date,
  opts: AnnualReportOptions,
): Promise<HotIssuesSummary | null> {
  try {
    const r = await (opts.hotIssues ?? hotIssuesFor)(
      ctx.readDb,
      scope.user,
      { from: period.from, to: period.to, regionCode: scope.region.code, top: HOT_ISSUES },
      { now },
    );
    return {
      items: r.items.map((i) => ({
        name: i.label,
        matters: i.size,
        people: i.people,
        units: i.units.map((u) => u.name),
      })),
      matters: r.matters,
      truncated: r.truncated,
      cap: r.cap,
    };
  } catch (err) {
    // The text analysis (a worker thread, its model of names) is an extra: without it the report
    // says the hot issues were not computed, and every figure of the record is still there.
    opts.onHotIssuesError?.(err);
    return null;
  }
}

/**
 * The figures of a report, all counted as the user may see them (the scope of every statistics
 * figure), from the read database.
 */
export async function annualReportInput(
  ctx: AppContext,
  user: StaffUser,
  q: { year: number; region?: string | null | undefined },
  opts: AnnualReportOptions = {},
): Promise<AnnualReportInput> {
  const db = ctx.readDb;
  const now = ctx.clock();
  const scope = await resolveStatsScope(db, user, q.region ?? null, opts.regionPath ?? 'region');
  const period = reportPeriod(q.year, now);
  // The hot-issue grouping runs on a worker thread: started first, it overlaps the counting queries.
  const hot = hotIssuesOf(ctx, scope, period, now, opts);
  const volume = (by: 'channel' | 'level' | 'category1' | 'unit') =>
    volumeTable(db, scope, { period, by }, now);
  const [byChannel, byLevel, byCategory, byUnit, annual, indicators] = await Promise.all([
    volume('channel'),
    volume('level'),
    volume('category1'),
    volume('unit'),
    annualTable(db, scope, { from: `${q.year - REPORT_YEARS + 1}-01-01`, to: period.to }, now),
    computeIndicators(db, scope, { period, unitId: null, category: null }, now),
  ]);
  // A bounded ranking of the units leading the most matters; the unit scorecard (issue 12, item 4)
  // may replace it, with targets, weights and peers.
  const leading = byUnit.rows.filter((r) => r.key !== 'unassigned' && r.cases > 0).slice(0, RANKED_UNITS);
  const byId = new Map(
    (
      await computeIndicatorsByUnit(
        db,
        scope,
        { period, category: null },
        now,
        leading.map((r) => Number(r.key)),
      )
    ).map((u) => [u.unitId, u.figures]),
  );
  const units = leading.map((r): UnitFigures => ({
    unitId: Number(r.key),
    name: r.label,
    cases: r.cases,
    // A unit none of whose rows is counted has every figure at zero, as computeIndicators says.
    figures: byId.get(Number(r.key)) ?? figuresOf(new Map()),
  }));
  return {
    year: q.year,
    period,
    region: { code: scope.region.code, name: scope.region.name },
    issuingBody: user.unit.name,
    byChannel,
    byLevel,
    byCategory,
    annual,
    indicators,
    hotIssues: await hot,
    units,
    unitLimit: RANKED_UNITS,
    generatedAt: now,
  };
}

/** The report of a year and region for a user: its content, the DOCX and a file name. */
export async function annualReportDocx(
  ctx: AppContext,
  user: StaffUser,
  q: { year: number; region?: string | null | undefined },
  opts: AnnualReportOptions = {},
): Promise<{ content: AnnualReportContent; docx: Buffer; filename: string; asciiFilename: string }> {
  const content = annualReportContent(await annualReportInput(ctx, user, q, opts));
  return {
    content,
    docx: await buildAnnualReportDocx(content),
    filename: `${content.title}.docx`,
    asciiFilename: `minsheng-annual-report-${q.year}.docx`,
  };
}

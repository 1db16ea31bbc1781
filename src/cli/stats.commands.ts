import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { withContext } from './with-context.ts';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import type { AppConfig } from '../config/env.ts';
import type { Db } from '../db/database.ts';
import { fieldError } from '../errors/app-error.ts';
import { writeTable } from '../analytics/export/write-table.ts';
import type { TableSpec } from '../analytics/export/table.ts';
import { computeIndicators } from '../analytics/indicators.ts';
import { parsePeriod } from '../analytics/period.ts';
import { foldPending, rebuildRollups, verifyRollups } from '../analytics/rollup.ts';
import { resolveStatsScope } from '../analytics/stats-scope.ts';
import { annualTableSpec, indicatorTableSpec, volumeTableSpec } from '../analytics/stats-tables.ts';
import { annualTable } from '../analytics/annual.ts';
import { scorecard } from '../analytics/scorecard.ts';
import { scorecardTableSpec } from '../analytics/scorecard-tables.ts';
import { annualReportDocx, parseReportYear } from '../analytics/annual-report/annual-report.service.ts';
import { volumeTable } from '../analytics/volume.ts';
import {
  EXPORT_FORMATS,
  TARGET_YEARS,
  VOLUME_DIMENSIONS,
  type ExportFormat,
  type VolumeFigures,
} from '../shared/stats.schema.ts';

interface Common {
  from: string;
  to: string;
  region?: string;
  format: ExportFormat;
  out?: string;
  as?: string;
}

/**
 * Whose figures the command prints: a named user's (`--as`), or by default those of the petition
 * bureau of the region — every matter of the subtree except reports of misconduct, which only the
 * units handling them count (analytics/stats-scope.ts).
 */
async function viewer(
  ctx: AppContext,
  opts: Pick<Common, 'region' | 'as'>,
): Promise<{ user: StaffUser; region: string }> {
  if (opts.as) {
    const row = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', opts.as)
      .executeTakeFirst();
    const user = row ? await loadStaffUser(ctx, row.id) : null;
    if (!user) throw fieldError('--as', `未知的用户 ${opts.as}`, `unknown user ${opts.as}`);
    return { user, region: opts.region ?? user.unit.regionCode };
  }
  const region = opts.region ?? (await topRegion(ctx.db));
  const known = await ctx.db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', region)
    .executeTakeFirst();
  if (!known) throw fieldError('--region', `未知的地区代码 ${region}`, `unknown region code ${region}`);
  const level = known.level === 'grid' ? 'grid' : known.level;
  return {
    region,
    user: {
      id: 0,
      username: 'cli',
      displayName: '命令行',
      roles: ['analyst'],
      unit: { id: 0, name: `${known.name}信访部门`, kind: 'petition_bureau', level, regionCode: region },
    },
  };
}

/** The region of the deployment's highest petition bureau: where `--region` defaults to. */
async function topRegion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('units')
    .select('region_code')
    .where('kind', '=', 'petition_bureau')
    .orderBy(sql`length(region_code)`)
    .orderBy('region_code')
    .executeTakeFirst();
  if (!row) throw fieldError('--region', '请用 --region 指定地区', 'give the region with --region');
  return row.region_code;
}

const pick = (f: VolumeFigures) => ({
  cases: f.cases,
  people: f.people,
  visitBatches: f.visitBatches,
  visitPeople: f.visitPeople,
  collectiveBatches: f.collectiveBatches,
  collectivePeople: f.collectivePeople,
});

/** The whole file or none of it: written beside the target, renamed when complete. */
async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function checkOutput(opts: Common): void {
  if (opts.format === 'xlsx' && !opts.out)
    throw fieldError('--out', 'XLSX 须用 --out 指定输出文件', 'XLSX needs an output file: --out FILE');
}

/** JSON lines to stdout (or the file), CSV to stdout or a file, XLSX to a file only. */
async function output<R>(opts: Common, jsonLines: unknown[], spec: TableSpec<R>): Promise<void> {
  if (opts.format === 'json') {
    const text = jsonLines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    if (opts.out) await writeFileAtomic(opts.out, text);
    else process.stdout.write(text);
    return;
  }
  if (opts.out) await writeTable({ format: opts.format, path: opts.out }, spec);
  else await writeTable({ format: 'csv', stream: process.stdout }, spec);
}

function periodOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (Beijing time)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (both included)')
    .option('--region <code>', 'region subtree (default: the top petition bureau’s region)')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('json'))
    .option('--out <file>', 'write to this file (atomically) instead of standard output')
    .option('--as <username>', 'count what this user may see (default: the region’s petition bureau)');
}

export function registerStatsCommands(program: Command, config: () => AppConfig): void {
  const stats = program.command('stats').description('statistics: volume tables, indicators, rollups');

  periodOptions(
    stats
      .command('volume')
      .description('信访总量 件次/人次/来访/集体访, with the same period a year before')
      .addOption(new Option('--by <dimension>', 'split by').choices(VOLUME_DIMENSIONS)),
  ).action(async (opts: Common & { by?: (typeof VOLUME_DIMENSIONS)[number] }) => {
    // Bad options are refused before the database is opened.
    const period = parsePeriod(opts);
    checkOutput(opts);
    await withContext(config, async (ctx) => {
      const { user, region } = await viewer(ctx, opts);
      const scope = await resolveStatsScope(ctx.readDb, user, region, '--region');
      const table = await volumeTable(ctx.readDb, scope, { period, by: opts.by ?? null }, ctx.clock());
      const lines = [...table.rows, table.total].map((r) => ({
        key: r.key,
        label: r.label,
        ...pick(r),
        previous: pick(r.previous),
      }));
      await output(opts, lines, volumeTableSpec(table));
    });
  });

  periodOptions(
    stats
      .command('annual')
      .description(
        'the annual table of a report: per year, totals, collective visits, visits to higher levels',
      ),
  ).action(async (opts: Common) => {
    const period = parsePeriod(opts);
    checkOutput(opts);
    await withContext(config, async (ctx) => {
      const { user, region } = await viewer(ctx, opts);
      const scope = await resolveStatsScope(ctx.readDb, user, region, '--region');
      const table = await annualTable(ctx.readDb, scope, period, ctx.clock());
      await output(opts, table.rows, annualTableSpec(table));
    });
  });

  periodOptions(
    stats
      .command('indicators')
      .description('procedure indicators: numerator, denominator, rate')
      .option('--unit <id>', 'handling unit id')
      .option('--category <code>', 'category (and the categories below it)'),
  ).action(async (opts: Common & { unit?: string; category?: string }) => {
    const period = parsePeriod(opts);
    checkOutput(opts);
    const unitId = opts.unit === undefined ? null : Number(opts.unit);
    if (unitId !== null && !(Number.isInteger(unitId) && unitId > 0))
      throw fieldError('--unit', '单位编号应为正整数', 'a unit id is a positive integer');
    await withContext(config, async (ctx) => {
      const { user, region } = await viewer(ctx, opts);
      const scope = await resolveStatsScope(ctx.readDb, user, region, '--region');
      const set = await computeIndicators(
        ctx.readDb,
        scope,
        { period, unitId, category: opts.category ?? null },
        ctx.clock(),
        '',
      );
      const unitName = unitId
        ? ((await ctx.readDb.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())
            ?.name ?? null)
        : null;
      const lines = set.figures.map((f) => ({
        indicator: f.indicator,
        numerator: f.numerator,
        denominator: f.denominator,
        value: f.value,
      }));
      await output(opts, lines, indicatorTableSpec(set, unitName));
    });
  });

  stats
    .command('report')
    .description('年度信访工作统计报告: the annual report of a year as an editable DOCX')
    .requiredOption('--year <year>', 'the year, YYYY (a running year: up to today)')
    .option('--region <code>', 'region subtree (default: the top petition bureau’s region)')
    .requiredOption('--out <file>', 'the DOCX file to write (atomically)')
    .option('--as <username>', 'count what this user may see (default: the region’s petition bureau)')
    .action(async (opts: { year: string; region?: string; out: string; as?: string }) => {
      const year = parseReportYear(opts.year, '--year', new Date());
      await withContext(config, async (ctx) => {
        const { user, region } = await viewer(ctx, opts);
        const report = await annualReportDocx(
          ctx,
          user,
          { year, region },
          {
            regionPath: '--region',
            onHotIssuesError: (err) =>
              console.error(`热点问题未计算 hot issues not computed: ${String(err)}`),
          },
        );
        await writeFileAtomic(opts.out, report.docx);
      });
    });

  periodOptions(
    stats
      .command('scorecard')
      .description('unit scorecards: indicators against targets, gap, weighted score, rank among peers')
      .option('--category <code>', 'category (and the categories below it)')
      .option('--year <year>', 'whose targets (default: the year of --to)'),
  ).action(async (opts: Common & { category?: string; year?: string }) => {
    const period = parsePeriod(opts);
    checkOutput(opts);
    const year = opts.year === undefined ? null : Number(opts.year);
    if (year !== null && !(Number.isInteger(year) && year >= TARGET_YEARS.min && year <= TARGET_YEARS.max))
      throw fieldError(
        '--year',
        `年度应在${TARGET_YEARS.min}至${TARGET_YEARS.max}之间`,
        `a year is ${TARGET_YEARS.min} to ${TARGET_YEARS.max}`,
      );
    await withContext(config, async (ctx) => {
      const { user, region } = await viewer(ctx, opts);
      const scope = await resolveStatsScope(ctx.readDb, user, region, '--region');
      const card = await scorecard(
        ctx.readDb,
        scope,
        { period, category: opts.category ?? null, year },
        ctx.clock(),
        '',
      );
      const lines = card.rows.map((r) => ({
        unit: r.unitId,
        unitName: r.unitName,
        level: r.level,
        kind: r.kind,
        score: r.score,
        rank: r.rank,
        peers: r.peers,
        figures: r.figures,
      }));
      await output(opts, lines, scorecardTableSpec(card));
    });
  });

  stats
    .command('rebuild')
    .description('recompute the statistics rollups from the matters')
    .action(async () =>
      withContext(config, async (ctx) => {
        const started = Date.now();
        const { rows } = await rebuildRollups(ctx);
        console.log(`rebuilt ${rows} rollup rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }),
    );

  stats
    .command('verify')
    .description('compare the statistics rollups with a recount from the matters; exit 1 on any difference')
    .option('--limit <n>', 'report at most this many differences', '100')
    .action(async (opts: { limit: string }) =>
      withContext(config, async (ctx) => {
        await foldPending(ctx);
        const { differences, cells } = await verifyRollups(ctx, Math.max(1, Number(opts.limit) || 100));
        for (const d of differences)
          console.log(
            `${d.table} ${d.scope} ${d.cell} ${d.measure}: rollup ${d.actual}, matters ${d.expected}`,
          );
        console.log(
          differences.length === 0
            ? `ok: ${cells} rollup rows agree with the matters`
            : `${differences.length} difference(s); run \`minsheng stats rebuild\` to recompute`,
        );
        if (differences.length > 0) process.exitCode = 1;
      }),
    );
}

/**
 * Statistics at scale (issue 12): 10,000,000 matters on PostgreSQL (1,000,000 on PGlite with
 * --pglite), then p50/p95/max over random queries of the volume table (rollups), the same figures by
 * plain GROUP BY over the raw matters, the indicator set and the home dashboard. Prints the
 * generation, rebuild and verification times and whether each target is met.
 *
 *   npm run bench:stats [-- --n 10000000 --queries 50 --keep --reuse --pglite --pglite-dir DIR --no-verify
 *                          --plain-indicators N]
 *
 * PostgreSQL: the database --db (default minsheng_bench_stats) on BENCH_DATABASE_URL's or
 * DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432), dropped at the end unless
 * --keep. --reuse keeps it too, and skips generation when it already holds the matters: generating
 * 10M takes a while, timing again does not. STATS_BENCH_MATTERS sets the default --n.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createContext } from '../src/app/create-context.ts';
import type { AppContext } from '../src/app/context.ts';
import { localDateOf } from '../src/calendar/index.ts';
import { loadConfig } from '../src/config/env.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { dashboardSummary } from '../src/analytics/dashboard.queries.ts';
import { computeIndicators } from '../src/analytics/indicators.ts';
import { namedPeriod } from '../src/analytics/period.ts';
import { rebuildRollups, verifyRollups } from '../src/analytics/rollup.ts';
import { resolveStatsScope } from '../src/analytics/stats-scope.ts';
import { volumeTable } from '../src/analytics/volume.ts';
import { generateMatters } from './stats/matters.ts';
import { addTownships, addUnits, hasOrg, loadOrg, PROVINCE, type BenchOrg } from './stats/org.ts';
import {
  compareVolume,
  percentiles,
  pickFrom,
  plainDashboard,
  plainIndicatorSet,
  plainVolumeTable,
  randomDimension,
  randomPeriod,
  rng,
  timed,
} from './stats/queries.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string' },
    queries: { type: 'string', default: '50' },
    chunk: { type: 'string', default: '500000' },
    db: { type: 'string', default: 'minsheng_bench_stats' },
    seed: { type: 'string', default: '12' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
    'pglite-dir': { type: 'string' },
    'no-verify': { type: 'boolean', default: false },
    'plain-indicators': { type: 'string' },
  },
});
const backend = args.pglite ? 'PGlite' : 'PostgreSQL';
const N = Number(args.n ?? process.env.STATS_BENCH_MATTERS ?? (args.pglite ? 1_000_000 : 10_000_000));
const QUERIES = Number(args.queries);
const PLAIN_INDICATORS = Number(args['plain-indicators'] ?? QUERIES);
const TARGET_MS = args.pglite ? 300 : 100;
const SPEED_UP = 10;
const pgServer =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Whether the database holds the generated matters and their rollup already. */
async function hasData(ctx: AppContext): Promise<boolean> {
  const r = await sql<{ max: number | null; cells: boolean }>`
    SELECT (SELECT max(id) FROM matters) AS max, EXISTS (SELECT 1 FROM stats_volume) AS cells`.execute(
    ctx.db,
  );
  const row = r.rows[0];
  if (row?.max && row.max !== N)
    throw new Error(`the database holds ${row.max} matters, not ${N}: drop it or pass --n ${row.max}`);
  return row?.max === N && row.cells;
}

async function generate(ctx: AppContext): Promise<void> {
  const db = ctx.db;
  if (await hasOrg(db))
    throw new Error('the database holds a half-generated organisation: drop it and start again');
  let t = performance.now();
  const townships = await addTownships(db);
  await addUnits(db);
  const org = await loadOrg(db);
  log(
    `${backend}: ${org.places.length} regions of province ${PROVINCE} (${townships} townships added), ` +
      `${org.handlingUnits.length + org.places.filter((p) => p.kind !== 'township').length} units in ${seconds(performance.now() - t)}`,
  );

  t = performance.now();
  log(
    `${backend}: generating ${N.toLocaleString('en')} matters in chunks of ${Number(args.chunk).toLocaleString('en')}`,
  );
  await generateMatters(ctx, org.places, { n: N, chunk: Number(args.chunk), now: ctx.clock(), log });
  const generation = performance.now() - t;
  log(`${backend}: generated in ${seconds(generation)}`);

  // The statistics triggers did not fire during the load: the rollup is rebuilt from the matters.
  t = performance.now();
  const rebuilt = await rebuildRollups(ctx);
  const rebuild = performance.now() - t;
  log(`${backend}: rebuildRollups: ${rebuilt.rows.toLocaleString('en')} rollup rows in ${seconds(rebuild)}`);

  t = performance.now();
  await sql`VACUUM ANALYZE`.execute(db);
  log(`${backend}: VACUUM ANALYZE in ${seconds(performance.now() - t)}`);
  const sizes = await sql<{ name: string; rows: number; size: string }>`
    SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
    FROM pg_class c
    WHERE c.relkind = 'r' AND c.relname IN ('matters', 'deadlines', 'matter_units', 'decisions', 'ratings', 'stats_volume')
    ORDER BY c.relname`.execute(db);
  for (const s of sizes.rows) log(`  ${s.name}: ${Number(s.rows).toLocaleString('en')} rows, ${s.size}`);

  // verifyRollups recounts everything once more beside the rollup: about twice the rebuild.
  if (args['no-verify'] || rebuild * 2.5 > 10 * 60_000) {
    log(
      `${backend}: verifyRollups skipped (${args['no-verify'] ? '--no-verify' : 'the rebuild suggests more than 10 min'})`,
    );
  } else {
    t = performance.now();
    const v = await verifyRollups(ctx);
    log(
      `${backend}: verifyRollups: ${v.differences.length} differences over ${v.cells.toLocaleString('en')} cells in ` +
        seconds(performance.now() - t),
    );
  }
}

interface Row {
  query: string;
  runs: number;
  'p50 ms': number;
  'p95 ms': number;
  'max ms': number;
  target: string;
  met: string;
}

function row(query: string, ms: number[], target: string, met: boolean | null): Row {
  const p = percentiles(ms);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    query,
    runs: ms.length,
    'p50 ms': r1(p.p50),
    'p95 ms': r1(p.p95),
    'max ms': r1(p.max),
    target,
    met: met === null ? '-' : met ? 'yes' : 'NO',
  };
}

async function measure(ctx: AppContext, org: BenchOrg): Promise<void> {
  const db = ctx.db;
  const now = ctx.clock();
  const rand = rng(Number(args.seed));
  const province = org.bureaus.find((b) => b.level === 'province')!.user;
  const byLevel = (level: string) => org.bureaus.filter((b) => b.level === level).map((b) => b.user);
  const cities = byLevel('city');
  const counties = byLevel('county');
  const randomBureau = () => {
    const level = pickFrom(rand, ['province', 'city', 'county'] as const);
    return level === 'province' ? province : pickFrom(rand, level === 'city' ? cities : counties);
  };
  const within = (ms: number[]) => percentiles(ms).p95 <= TARGET_MS;

  // a + b: volume tables, from the rollups and by plain GROUP BY, on the same random queries.
  const volume: number[] = [];
  const plain: number[] = [];
  const mismatches: string[] = [];
  const slowest: { ms: number; query: string }[] = [];
  for (let i = -3; i < QUERIES; i++) {
    const period = randomPeriod(rand, now);
    const region = randomBureau().unit.regionCode;
    const by = randomDimension(rand);
    const scope = await resolveStatsScope(db, province, region);
    if (scope.mode !== 'rollup') throw new Error(`expected a rollup scope for ${region}, got ${scope.mode}`);
    const r = await timed(() => volumeTable(db, scope, { period, by }, now));
    const p = await timed(() => plainVolumeTable(db, province, region, period, by));
    if (i < 0) continue; // warm-up
    volume.push(r.ms);
    plain.push(p.ms);
    slowest.push({ ms: r.ms, query: `${period.from}..${period.to} region ${region} by ${by}` });
    const diff = compareVolume(r.value, p.value);
    if (diff.length > 0)
      mismatches.push(`${period.from}..${period.to} ${region} by ${by}: ${diff.slice(0, 3).join('; ')}`);
  }

  // c: the indicator set of a random unit for a random quarter, as the bureau answering for it sees it,
  // and the same figures by plain SQL over the raw rows (test/helpers/plain-indicators.ts, the tests'
  // oracle: each row's unit found from the assignments and replies, the bureau's matters by the access
  // rule). The plain side takes seconds a query: --plain-indicators limits how many it runs.
  const indicators: number[] = [];
  const indicatorsPlain: number[] = [];
  const indicatorMismatches: string[] = [];
  let indicatorFigures = 0;
  const thisYear = Number(localDateOf(now).slice(0, 4));
  const quarters = [2024, 2025, 2026]
    .filter((y) => y <= thisYear)
    .flatMap((y) => [1, 2, 3, 4].map((q) => namedPeriod('quarter', y, q)))
    .filter((p) => p.from <= localDateOf(now));
  for (let i = -2; i < QUERIES; i++) {
    const unit = pickFrom(rand, org.handlingUnits);
    const period = pickFrom(rand, quarters);
    const scope = await resolveStatsScope(db, unit.bureau, null);
    const r = await timed(() =>
      computeIndicators(db, scope, { period, unitId: unit.id, category: null }, now),
    );
    if (i < 0) continue;
    indicators.push(r.ms);
    if (i >= PLAIN_INDICATORS) continue;
    const p = await timed(() => plainIndicatorSet(db, unit.bureau, period, now, unit.id));
    indicatorsPlain.push(p.ms);
    for (const f of r.value.figures) {
      indicatorFigures += 1;
      const e = p.value[f.indicator];
      if (f.numerator !== e.numerator || f.denominator !== e.denominator)
        indicatorMismatches.push(
          `unit ${unit.id} ${period.from}..${period.to} ${f.indicator}: ${f.numerator}/${f.denominator} vs plain ${e.numerator}/${e.denominator}`,
        );
    }
  }

  // d: the home dashboard of region-scope users, and its plain counterpart.
  const dashboard: number[] = [];
  const dashboardPlain: number[] = [];
  const dashboardMismatches: string[] = [];
  for (let i = -2; i < QUERIES; i++) {
    const user = randomBureau();
    const r = await timed(() => dashboardSummary(ctx, user));
    const p = await timed(() => plainDashboard(db, user, now));
    if (i < 0) continue;
    dashboard.push(r.ms);
    dashboardPlain.push(p.ms);
    const a = r.value;
    const e = p.value;
    if (
      a.total !== e.total ||
      a.noDeadline !== e.noDeadline ||
      (['overdue', 'warning', 'on_time'] as const).some((b) => a.byBadge[b] !== e.byBadge[b]) ||
      Object.entries(a.byState).some(([s, n]) => n !== (e.byState[s] ?? 0))
    )
      dashboardMismatches.push(`${user.unit.name}: total ${a.total} vs plain ${e.total}`);
  }

  const ratio = (a: number[], b: number[], pick: 'p50' | 'p95') =>
    percentiles(a)[pick] / percentiles(b)[pick];
  const rows: Row[] = [
    row('a. volume table (rollup)', volume, `p95 ≤ ${TARGET_MS} ms`, within(volume)),
    row('b. volume table (plain GROUP BY)', plain, '-', null),
    row('c. indicator set (unit × quarter)', indicators, `p95 ≤ ${TARGET_MS} ms`, within(indicators)),
    row('c. indicator set (plain SQL)', indicatorsPlain, '-', null),
    row('d. home dashboard (dashboardSummary)', dashboard, `p95 ≤ ${TARGET_MS} ms`, within(dashboard)),
    row('d. home dashboard (plain GROUP BY)', dashboardPlain, '-', null),
  ];
  console.log(`\n${backend}, ${N.toLocaleString('en')} matters, ${QUERIES} random queries each:`);
  console.table(rows);
  const speedUps = [
    ['volume table', volume, plain],
    ['home dashboard', dashboard, dashboardPlain],
    ['indicator set', indicators.slice(0, indicatorsPlain.length), indicatorsPlain],
  ] as const;
  for (const [name, fast, slow] of speedUps) {
    const p50 = ratio(slow, fast, 'p50');
    const p95 = ratio(slow, fast, 'p95');
    console.log(
      `${name}: plain / rollup = ${p50.toFixed(1)}× at p50, ${p95.toFixed(1)}× at p95 ` +
        `(target ≥ ${SPEED_UP}×: ${Math.min(p50, p95) >= SPEED_UP ? 'met' : 'NOT met'})`,
    );
  }
  slowest.sort((a, b) => b.ms - a.ms);
  console.log('slowest volume tables (rollup):');
  for (const q of slowest.slice(0, 5)) console.log(`  ${q.ms.toFixed(0)} ms  ${q.query}`);
  console.log(
    `indicator set: counted from the record through the unit's own index ranges (migration 0027), ` +
      `the plain side on the first ${indicatorsPlain.length} of the ${QUERIES} queries`,
  );
  console.log(
    `same figures, rollup vs plain: volume ${QUERIES - mismatches.length}/${QUERIES} queries, ` +
      `dashboard ${QUERIES - dashboardMismatches.length}/${QUERIES}, ` +
      `indicator figures ${indicatorFigures - indicatorMismatches.length}/${indicatorFigures}`,
  );
  const different = [...mismatches, ...dashboardMismatches, ...indicatorMismatches];
  for (const m of different.slice(0, 10)) console.log(`  DIFFERENT: ${m}`);
  if (different.length > 0) process.exitCode = 1;
}

async function run(handle: DatabaseHandle, dataDir: string): Promise<void> {
  const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    handle,
  });
  try {
    if (args.reuse && (await hasData(ctx)))
      log(`${backend}: reusing the ${N.toLocaleString('en')} matters already there`);
    else await generate(ctx);
    // The load ran with triggers off; the application's writes from now on run them all.
    const triggers = await sql<{ enabled: number; all: number }>`
      SELECT (count(*) FILTER (WHERE t.tgenabled = 'O'))::int AS enabled, count(*)::int AS all
      FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname LIKE 'minsheng\\_stats\\_%' AND NOT t.tgisinternal`.execute(ctx.db);
    const tr = triggers.rows[0];
    log(`${backend}: ${tr?.enabled ?? 0} of ${tr?.all ?? 0} statistics triggers enabled`);
    await measure(ctx, await loadOrg(ctx.db));
  } finally {
    await ctx.handle.close();
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'minsheng-stats-bench-'));
try {
  if (args.pglite) {
    const dir = args['pglite-dir'] ?? join(scratch, 'pg');
    const handle = await openDatabase({ dataDir: dir });
    if (args['pglite-dir']) log(`PGlite data directory: ${dir} (kept)`);
    await run(handle, scratch);
  } else {
    const name = args.db;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--db ${name}: a plain lower-case name, please`);
    const keep = args.keep || args.reuse;
    const admin = new pg.Client({ connectionString: pgServer });
    await admin.connect();
    try {
      const exists =
        (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
      if (exists && !args.reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      if (!exists || !args.reuse) await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(pgServer);
      u.pathname = `/${name}`;
      try {
        await run(await openDatabase({ databaseUrl: u.toString() }), scratch);
      } finally {
        if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        else log(`PostgreSQL: database ${name} kept (drop it with: psql -c 'DROP DATABASE ${name}')`);
      }
    } finally {
      await admin.end();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

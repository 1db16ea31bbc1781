/**
 * The queue export with 1,000,000 matters (issue 12, item 5; targets ≤ 60 s and ≤ 300 MB RSS for
 * the XLSX). Matters are bulk-generated into a fresh database (bench/queue-data.ts); then, for each
 * format, a separate Node process exports the whole queue of the district bureau's registrar to a
 * file through the route's own code (openQueueExport: the keyset reader; writeTable: the streaming
 * writer) and reports its time and its peak resident memory (getrusage maxRSS: the whole process,
 * Node and the modules the server loads included; on PGlite the embedded database's memory too).
 *
 *   npm run bench:export [-- --n 1000000 --only postgres|pglite --formats xlsx,csv --verify]
 *
 * PostgreSQL: a database created and dropped on DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres). PGlite: a temporary data directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openQueueExport, QueueExportQuery } from '../src/analytics/export/queue-export.ts';
import type { TableFormat } from '../src/analytics/export/table.ts';
import { writeTable } from '../src/analytics/export/write-table.ts';
import { createContext } from '../src/app/create-context.ts';
import { loadStaffUser } from '../src/auth/sessions.ts';
import { loadConfig } from '../src/config/env.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { fillQueue } from './queue-data.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    formats: { type: 'string', default: 'xlsx,csv' },
    verify: { type: 'boolean', default: false },
    // Internal: run one export in this process and print its figures as JSON.
    child: { type: 'string' },
  },
});
const MB = 1024 * 1024;

interface ChildJob {
  databaseUrl?: string;
  pgliteDir?: string;
  dataDir: string;
  userId: number;
  format: TableFormat;
  path: string;
}

interface ChildResult {
  rows: number;
  seconds: number;
  maxRssMb: number;
  startRssMb: number;
  /** CPU seconds of this process during the export (main thread, compressor threads, GC). */
  nodeCpu: number;
  /** CPU seconds of the PostgreSQL backends serving it, when the server runs on this machine. */
  pgCpu: number | null;
}

/** CPU seconds used so far by the backends of the current database (from /proc; null if not local). */
async function backendCpu(db: Kysely<Database>): Promise<Map<number, number> | null> {
  const { rows } = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime and stime in ticks.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      return null;
    }
  }
  return cpu;
}

/** One export, timed, in this process (the child). */
async function exportOnce(job: ChildJob): Promise<ChildResult> {
  const startRssMb = process.memoryUsage.rss() / MB;
  const handle = await openDatabase({ databaseUrl: job.databaseUrl, dataDir: job.pgliteDir ?? null });
  try {
    const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: job.dataDir, LOG_LEVEL: 'silent' }), {
      handle,
      skipSeed: true,
    });
    const user = (await loadStaffUser(ctx, job.userId))!;
    const pgBefore = job.databaseUrl ? await backendCpu(ctx.db) : null;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const exported = await openQueueExport(ctx, user, QueueExportQuery.parse({ format: job.format }));
    const { rows } = await writeTable({ format: job.format, path: job.path }, exported.spec);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const pgAfter = pgBefore ? await backendCpu(ctx.db) : null;
    const pgCpu = pgAfter
      ? [...pgAfter].reduce((sum, [pid, t]) => sum + t - (pgBefore!.get(pid) ?? 0), 0)
      : null;
    return {
      rows,
      seconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      startRssMb,
      nodeCpu: (cpu.user + cpu.system) / 1e6,
      pgCpu,
    };
  } finally {
    await handle.close();
  }
}

/** Data rows of an XLSX, read back with exceljs's streaming reader (title block and header excluded). */
async function countXlsxRows(path: string): Promise<number> {
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(path, {}))
    for await (const row of sheet) if (row.number > 6) rows += 1;
  return rows;
}

async function generate(handle: DatabaseHandle, n: number) {
  const { migrate } = await import('../src/db/migrate.ts');
  const { seedReferenceData } = await import('../src/org/reference-data.ts');
  await migrate(handle);
  await seedReferenceData(handle.db, new Date());
  const { userId, ms } = await fillQueue(handle, n, 'chronological');
  // A lead unit for the matters past registration, so that 承办单位 is read as in real use.
  const housing = await handle.db
    .insertInto('units')
    .values({
      name: '南山区住房和建设局',
      kind: 'functional_department',
      level: 'county',
      region_code: '440305',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let start = 1; start <= n; start += 100_000)
    await sql`INSERT INTO matter_units (matter_id, unit_id, role, assigned_at)
      SELECT id, ${housing.id}, 'lead', registered_at FROM matters
      WHERE id BETWEEN ${start} AND ${start + 99_999} AND state <> 'registered'`.execute(handle.db);
  await sql`ANALYZE`.execute(handle.db);
  return { userId, seconds: ms / 1000 };
}

async function measure(
  backend: string,
  n: number,
  formats: TableFormat[],
  job: Omit<ChildJob, 'format' | 'path'>,
) {
  const results = [];
  for (const format of formats) {
    const path = join(job.dataDir, `queue.${format}`);
    const out = execFileSync(
      process.execPath,
      [
        // The server's own setting (package.json's start): a young generation of 4 MB collects the
        // export's short-lived rows sooner (a 1,000,000-row XLSX peaked at 322 MB with Node's
        // default 16 MB, 271 MB with 4 MB, in the same time).
        '--max-semi-space-size=4',
        'bin/run-ts.js',
        'bench/export.bench.ts',
        '--child',
        JSON.stringify({ ...job, format, path }),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1024 * 1024 },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult;
    if (r.rows !== n) throw new Error(`${format}: ${r.rows} rows written, ${n} expected`);
    const readBack = args.verify && format === 'xlsx' ? await countXlsxRows(path) : null;
    if (readBack !== null && readBack !== n)
      throw new Error(`xlsx: ${readBack} rows read back, ${n} expected`);
    results.push({
      backend,
      format,
      rows: r.rows,
      seconds: +r.seconds.toFixed(1),
      'rows/s': Math.round(r.rows / r.seconds),
      'node CPU s': +r.nodeCpu.toFixed(1),
      ...(r.pgCpu !== null ? { 'PostgreSQL CPU s': +r.pgCpu.toFixed(1) } : {}),
      'RSS at start MB': Math.round(r.startRssMb),
      'peak RSS MB': Math.round(r.maxRssMb),
      'file MB': +(statSync(path).size / MB).toFixed(1),
      ...(readBack !== null ? { 'read back': readBack } : {}),
    });
    rmSync(path, { force: true });
  }
  return results;
}

if (args.child) {
  console.log(JSON.stringify(await exportOnce(JSON.parse(args.child) as ChildJob)));
} else {
  const n = Number(args.n);
  const formats = args.formats.split(',') as TableFormat[];
  const server =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const all = [];
  if (args.only !== 'pglite') {
    const name = `minsheng_export_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-export-'));
    try {
      const handle = await openDatabase({ databaseUrl: u.toString() });
      const generated = await generate(handle, n).finally(() => handle.close());
      console.log(`PostgreSQL: generated ${n} matters in ${generated.seconds.toFixed(1)} s`);
      all.push(
        ...(await measure('PostgreSQL', n, formats, {
          databaseUrl: u.toString(),
          dataDir,
          userId: generated.userId,
        })),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  if (args.only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-export-'));
    const pgliteDir = join(dataDir, 'pg');
    try {
      const handle = await openDatabase({ dataDir: pgliteDir });
      // Closed before the export: one process at a time on a PGlite data directory.
      const generated = await generate(handle, n).finally(() => handle.close());
      console.log(`PGlite: generated ${n} matters in ${generated.seconds.toFixed(1)} s`);
      all.push(...(await measure('PGlite', n, formats, { pgliteDir, dataDir, userId: generated.userId })));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nThe queue export (openQueueExport + writeTable to a file, one process each) of ${n} matters:`,
  );
  console.table(all);
}

/**
 * The staff queue with 100,000 matters: latency of GET /api/matters for the queries the workbench
 * makes (first page, filters, sort by deadline, search by case number and by words), on PostgreSQL
 * and on PGlite. Matters are bulk-generated in SQL; the API is called in-process.
 *
 *   npm run bench:queue [-- --n 100000 --only pglite|postgres]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createContext } from '../src/app/create-context.ts';
import { loadConfig } from '../src/config/env.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { buildApp } from '../src/http/app.ts';
import { fillQueue } from './queue-data.ts';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '100000' }, only: { type: 'string' } },
});
const N = Number(args.n);
const pgServer =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const QUERIES: [string, string][] = [
  ['first page (newest)', '/api/matters?page=1&pageSize=20'],
  ['page 200', '/api/matters?page=200&pageSize=20'],
  ['state + channel filter', '/api/matters?state=in_handling&channel=visit'],
  ['overdue, sorted by due date', '/api/matters?deadline=overdue&sort=due_at&order=asc'],
  ['region subtree', '/api/matters?regionCode=440305001'],
  ['search: case number', '/api/matters?q=440305-20260401-000123'],
  ['search: words', `/api/matters?q=${encodeURIComponent('噪声扰民')}`],
  ['search: name', `/api/matters?q=${encodeURIComponent('张77')}`],
];

async function measure(label: string, handle: DatabaseHandle, dir: string) {
  const { ms: fillMs } = await fillQueue(handle, N);
  const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: dir, LOG_LEVEL: 'silent' }), { handle });
  const app = await buildApp(ctx);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'registrar', password: 'bench-password' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const rows = [];
  for (const [name, url] of QUERIES) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      times.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      total = res.json<{ total: number }>().total;
    }
    times.sort((a, b) => a - b);
    rows.push({
      backend: label,
      query: name,
      matched: total,
      'p50 ms': +times[12]!.toFixed(1),
      'p95 ms': +times[23]!.toFixed(1),
    });
  }
  await app.close();
  console.log(`${label}: generated ${N} matters in ${(fillMs / 1000).toFixed(1)} s`);
  return rows;
}

const all = [];
if (args.only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-queue-'));
  const handle = await openDatabase({ dataDir: join(dir, 'pg') });
  try {
    const { migrate } = await import('../src/db/migrate.ts');
    const { seedReferenceData } = await import('../src/org/reference-data.ts');
    await migrate(handle);
    await seedReferenceData(handle.db, new Date());
    all.push(...(await measure('PGlite', handle, dir)));
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (args.only !== 'pglite') {
  const name = `minsheng_queue_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(pgServer);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-queue-'));
  const handle = await openDatabase({ databaseUrl: u.toString() });
  try {
    const { migrate } = await import('../src/db/migrate.ts');
    const { seedReferenceData } = await import('../src/org/reference-data.ts');
    await migrate(handle);
    await seedReferenceData(handle.db, new Date());
    all.push(...(await measure('PostgreSQL', handle, dir)));
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
console.log(`\nThe staff queue (GET /api/matters, 25 calls each) with ${N} matters:`);
console.table(all);

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
import { sql } from 'kysely';
import pg from 'pg';
import { createContext } from '../src/app/create-context.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { loadConfig } from '../src/config/env.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { buildApp } from '../src/http/app.ts';

const { values: args } = parseArgs({
  options: { n: { type: 'string', default: '100000' }, only: { type: 'string' } },
});
const N = Number(args.n);
const pgServer =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function fill(handle: DatabaseHandle) {
  const db = handle.db;
  await db
    .insertInto('regions')
    .values({ code: '440305001', name: '南头街道', level: 'township', parent_code: '440305' })
    .onConflict((o) => o.doNothing())
    .execute();
  const bureau = await db
    .insertInto('units')
    .values({ name: '南山区信访局', kind: 'petition_bureau', level: 'county', region_code: '440305' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({
      username: 'registrar',
      display_name: '登记员',
      password_hash: await hashPassword('bench-password'),
      unit_id: bureau.id,
      roles: ['registrar'],
    })
    .execute();
  const states = ['registered', 'accepted', 'in_handling', 'replied', 'closed'];
  const t0 = Date.now();
  for (let start = 1; start <= N; start += 20_000) {
    const end = Math.min(N, start + 19_999);
    await sql`
      INSERT INTO matters (id, case_number, query_code, channel, purpose, category_code, subject, content, region_code, lodged_level,
        state, registering_unit_id, received_at, registered_at, search_text)
      SELECT i, '440305-2026' || lpad((i % 12 + 1)::text, 2, '0') || '01-' || lpad(i::text, 6, '0'), md5(i::text),
        (ARRAY['letter','visit','phone','web'])[i % 4 + 1], 'request', (ARRAY['urban_construction','transport','environment','health'])[i % 4 + 1],
        '小区问题第' || i || '号：' || (ARRAY['电梯故障','噪声扰民','公交线路','垃圾清运','拖欠工资'])[i % 5 + 1],
        '内容' || i, CASE WHEN i % 2 = 0 THEN '440305001' ELSE '440305' END, 'county',
        (${sql.raw(`ARRAY['${states.join("','")}']`)})[i % 5 + 1], ${bureau.id},
        now() - (i % 365) * interval '1 day', now() - (i % 365) * interval '1 day',
        '小区问题第' || i || '号 ' || (ARRAY['电梯故障','噪声扰民','公交线路','垃圾清运','拖欠工资'])[i % 5 + 1] || ' 张' || (i % 1000)
      FROM generate_series(${start}::int, ${end}::int) AS i`.execute(db);
    await sql`
      INSERT INTO deadlines (matter_id, kind, main, unit_id, starts_at, due_at, due_date, warn_at)
      SELECT i, 'handling', true, ${bureau.id}, now() - (i % 365) * interval '1 day', now() + ((i % 90) - 30) * interval '1 day',
        (now() + ((i % 90) - 30) * interval '1 day')::date, now() + ((i % 90) - 33) * interval '1 day'
      FROM generate_series(${start}::int, ${end}::int) AS i`.execute(db);
  }
  await sql`SELECT setval('matters_id_seq', ${N})`.execute(db);
  await sql`ANALYZE`.execute(db);
  return Date.now() - t0;
}

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
  const fillMs = await fill(handle);
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

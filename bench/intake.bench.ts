/**
 * Registration throughput over HTTP: 16 concurrent clients POST /api/matters against a real server
 * process, on PostgreSQL (DATABASE_URL or BENCH_DATABASE_URL's server, a fresh database) and on
 * embedded PGlite. Prints registrations/s and p50/p99 latency as a table.
 *
 *   npm run bench:intake [-- --seconds 15 --connections 16 --only pglite|postgres]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { idCheckCharacter } from '../src/intake/id-number.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const pgServer =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/minsheng.js', 'serve', '--demo'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MINSHENG_DEMO_SIZE: 'small',
      MINSHENG_SCAN_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 180_000;
    const poll = async () => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.ok) return resolve(child);
      } catch {
        /* not up yet */
      }
      if (child.exitCode !== null || Date.now() > deadline) return reject(new Error('server did not start'));
      setTimeout(() => void poll(), 300);
    };
    void poll();
  });
}

async function login(port: number) {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'registrar', password: 'minsheng-demo' }),
  });
  if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

// Varied petitions: a topic, a place and details drawn at random, so the similarity index sees a
// realistic mix of near-duplicates (the same topic and estate) and unrelated matters.
const TOPICS = [
  '电梯长期停运',
  '夜间施工噪声扰民',
  '小区物业乱收费',
  '公交线路取消',
  '拖欠农民工工资',
  '学位分配不公',
  '餐饮油烟扰民',
  '违建占用消防通道',
  '停车位只售不租',
  '自来水水质发黄',
  '垃圾清运不及时',
  '路灯损坏无人修',
];
const PLACES = [
  '丽发新城',
  '伊景园',
  '魅力之城',
  '南头城社区',
  '桃源村',
  '蛇口花园',
  '前海湾',
  '科技园',
  '西丽湖',
  '大新路',
];
const DETAILS = [
  '已经持续三个月',
  '多次向物业反映无果',
  '老人和孩子深受影响',
  '请求有关部门尽快处理',
  '希望依法查处',
  '严重影响居民正常生活',
  '拨打热线后仍未解决',
  '附近居民联名反映',
];
const pick = <T>(a: readonly T[]) => a[Math.floor(Math.random() * a.length)]!;

let n = 0;
function body(): string {
  n += 1;
  const first17 = `4403051985${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return JSON.stringify({
    channel: 'letter',
    purpose: 'request',
    categoryCode: 'urban_construction',
    subject: `${pick(PLACES)}${pick(TOPICS)}`,
    content: `我是${pick(PLACES)}${1 + (n % 30)}栋的居民，${pick(TOPICS)}，${pick(DETAILS)}，${pick(DETAILS)}。${pick(DETAILS)}。`,
    regionCode: '440305',
    petitioners: [
      {
        name: `测试${n}`,
        idNumber: first17 + idCheckCharacter(first17),
        phone: `139${String(10_000_000 + n).slice(-8)}`,
      },
    ],
  });
}

async function run(label: string, env: Record<string, string>, port: number) {
  const server = await startServer(env, port);
  try {
    const { cookie, csrfToken } = await login(port);
    // Warm-up: JIT, connection pool, caches.
    await autocannon({
      url: `http://127.0.0.1:${port}/api/matters`,
      connections,
      duration: 2,
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
    });
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/matters`,
      connections,
      duration: seconds,
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
    });
    const ok = result['2xx'];
    return {
      backend: label,
      'registrations/s': Math.round(ok / seconds),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      errors: result.non2xx + result.errors,
      total: ok,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

const rows = [];
if (args.only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
  try {
    rows.push(await run('PGlite (embedded)', { MINSHENG_DATA_DIR: dir }, 3901));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (args.only !== 'pglite') {
  const name = `minsheng_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgServer });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(pgServer);
    u.pathname = `/${name}`;
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
    try {
      rows.push(await run('PostgreSQL', { DATABASE_URL: u.toString(), MINSHENG_DATA_DIR: dir }, 3902));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } catch (err) {
    console.error(`PostgreSQL skipped: ${(err as Error).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
console.log(`\nRegistrations over HTTP, ${connections} concurrent clients, ${seconds} s each:`);
console.table(rows);

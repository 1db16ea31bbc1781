/**
 * Registration throughput over HTTP: 16 concurrent clients POST /api/matters against a real server
 * process, on PostgreSQL (DATABASE_URL or BENCH_DATABASE_URL's server, a fresh database) and on
 * embedded PGlite. Prints registrations/s and p50/p99 latency as a table.
 *
 *   npm run bench:intake [-- --seconds 15 --connections 16 --only pglite|postgres --cpu-prof DIR --without-stats]
 *
 * --cpu-prof DIR writes the server's V8 CPU profile (one .cpuprofile per run) into DIR.
 * --without-stats disables the statistics triggers (migration 0017) on the bench database before
 * measuring: what registration costs without the rollup maintenance (issue 12 wants it within 10 %).
 * PostgreSQL only: PGlite's database belongs to the server process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { idCheckCharacter } from '../src/intake/id-number.ts';
import { textDataDir } from '../src/text/dataset.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'without-stats': { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const withoutStats = args['without-stats'];
const pgServer =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
  // As package.json's start runs the server.
  const flags = ['--max-semi-space-size=4'];
  const child = spawn(process.execPath, [...flags, ...profile, 'bin/minsheng.js', 'serve', '--demo'], {
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

// The petitions: a realistic stream, not one grievance sent a thousand times. With the shared real
// messages (../shared/data/tipdm2020/messages.jsonl) a fresh petition is 2–5 sentences drawn from
// different real messages; without them, from phrase lists. RESEND_SHARE of the petitions re-send an
// earlier one of the run with a sentence dropped or added: the same grievance coming back, which the
// similarity index must find at registration.
const RESEND_SHARE = 0.2;
const messagesFile = join(textDataDir(), 'messages.jsonl');
const realSentences: string[] = existsSync(messagesFile)
  ? readFileSync(messagesFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => (JSON.parse(l) as { body: string }).body.split(/(?<=[。！？!?])/))
      .map((x) => x.trim())
      .filter((x) => x.length >= 8 && x.length <= 200)
  : [];
const TOPICS = [
  '电梯长期停运',
  '夜间施工噪声扰民',
  '小区物业乱收费',
  '公交线路取消',
  '拖欠农民工工资',
  '学位分配不公',
];
const PLACES = ['丽发新城', '伊景园', '魅力之城', '南头城社区', '桃源村', '蛇口花园', '前海湾', '科技园'];
const DETAILS = [
  '已经持续三个月',
  '多次向物业反映无果',
  '老人和孩子深受影响',
  '请求有关部门尽快处理',
  '希望依法查处',
];
const pick = <T>(a: readonly T[]) => a[Math.floor(Math.random() * a.length)]!;
const sentence = () =>
  realSentences.length > 0
    ? pick(realSentences)
    : `${pick(PLACES)}${1 + Math.floor(Math.random() * 40)}栋${pick(TOPICS)}，${pick(DETAILS)}。`;
const contentSource = realSentences.length > 0 ? `${realSentences.length} real sentences` : 'phrase lists';

const recent: { subject: string; sentences: string[] }[] = [];
function petitionText(): { subject: string; content: string } {
  let p: { subject: string; sentences: string[] };
  if (recent.length > 50 && Math.random() < RESEND_SHARE) {
    const earlier = pick(recent);
    const sentences = earlier.sentences.slice();
    if (sentences.length > 2 && Math.random() < 0.5)
      sentences.splice(Math.floor(Math.random() * sentences.length), 1);
    else sentences.push(sentence());
    p = { subject: earlier.subject, sentences };
  } else {
    const sentences = Array.from({ length: 2 + Math.floor(Math.random() * 4) }, sentence);
    p = { subject: sentences[0]!.slice(0, 30), sentences };
  }
  if (recent.length < 2000) recent.push(p);
  else recent[Math.floor(Math.random() * recent.length)] = p;
  return { subject: p.subject, content: p.sentences.join('') };
}

let n = 0;
function body(): string {
  n += 1;
  const first17 = `4403051985${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return JSON.stringify({
    channel: 'letter',
    purpose: 'request',
    categoryCode: 'urban_construction',
    ...petitionText(),
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

// CPU time per registration, by process: with server, database and load generator sharing two
// cores, throughput alone does not say where the time goes. Read from /proc (Linux), in clock ticks.
const TICK_MS = 10;
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}
function postgresTicks(): number | null {
  if (!existsSync('/proc')) return null;
  let sum = 0;
  let found = false;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm: string;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres' || comm.startsWith('postgres:')) {
      found = true;
      sum += cpuTicks(Number(entry));
    }
  }
  return found ? sum : null;
}

/**
 * Disables the statistics triggers (every trigger running a minsheng_stats_* function: the volume
 * rollup's on matters and matter_units, the open-limit rollup's on deadlines and matters) on the
 * database the server has just migrated. Returns their names.
 */
async function disableStatsTriggers(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client.query<{ tbl: string; tgname: string }>(`
      SELECT t.tgrelid::regclass::text AS tbl, t.tgname FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname LIKE 'minsheng\\_stats\\_%' AND NOT t.tgisinternal ORDER BY 1, 2`);
    for (const { tbl, tgname } of found.rows)
      await client.query(
        `ALTER TABLE ${client.escapeIdentifier(tbl)} DISABLE TRIGGER ${client.escapeIdentifier(tgname)}`,
      );
    return found.rows.map((r) => r.tgname);
  } finally {
    await client.end();
  }
}

async function run(label: string, env: Record<string, string>, port: number) {
  let answered = 0;
  let withSimilar = 0;
  const server = await startServer(env, port);
  try {
    if (withoutStats && env.DATABASE_URL)
      console.error(
        `statistics triggers disabled: ${(await disableStatsTriggers(env.DATABASE_URL)).join(', ')}`,
      );
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
    const serverBefore = cpuTicks(server.pid!);
    const pgBefore = postgresTicks();
    const benchBefore = process.cpuUsage();
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/api/matters`,
      connections,
      duration: seconds,
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => ({ ...req, body: body() }),
          onResponse: (status, resBody) => {
            if (status !== 201) return;
            const found = (JSON.parse(resBody) as { similarMatters: unknown[] }).similarMatters.length;
            answered += 1;
            if (found > 0) withSimilar += 1;
          },
        },
      ],
    });
    const ok = result['2xx'];
    const perRegistration = (ticks: number) => (ok > 0 ? ((ticks * TICK_MS) / ok).toFixed(2) : '-');
    const serverCpu = perRegistration(cpuTicks(server.pid!) - serverBefore);
    const pgAfter = postgresTicks();
    const benchUsage = process.cpuUsage(benchBefore);
    const benchCpu = ok > 0 ? ((benchUsage.user + benchUsage.system) / 1000 / ok).toFixed(2) : '-';
    const similarShare = answered > 0 ? `${Math.round((withSimilar / answered) * 100)} %` : '-';
    return {
      backend: label,
      'registrations/s': Math.round(ok / seconds),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      errors: result.non2xx + result.errors,
      total: ok,
      'with similar matters': similarShare,
      'server CPU ms': serverCpu,
      'PostgreSQL CPU ms':
        env.DATABASE_URL && pgBefore !== null && pgAfter !== null ? perRegistration(pgAfter - pgBefore) : '-',
      'load generator CPU ms': benchCpu,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

const rows = [];
if (withoutStats && args.only !== 'postgres')
  console.error('PGlite skipped: --without-stats needs the database outside the server (PostgreSQL)');
if (args.only !== 'postgres' && !withoutStats) {
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
      rows.push(
        await run(
          withoutStats ? 'PostgreSQL, no statistics triggers' : 'PostgreSQL',
          { DATABASE_URL: u.toString(), MINSHENG_DATA_DIR: dir },
          3902,
        ),
      );
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
console.log(
  `\nRegistrations over HTTP, ${connections} concurrent clients, ${seconds} s each; petitions from ${contentSource}, ${RESEND_SHARE * 100} % re-sent:`,
);
console.table(rows);

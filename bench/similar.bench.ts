// bench:similar — top-10 similar matters among a million, through the database index that
// registration writes (matter_text_signatures, matter_lsh_bands) and the query registration runs
// (findSimilarMatters: band keys → candidates → signatures ranked → case numbers, shared words).
//
// The corpus grows the shared real messages into synthetic variants: each matter is a real message
// with 0–3 edits (drop, swap or shuffle sentences, typos, greeting, cut, added sentence, places and
// numbers substituted, synonyms). A ground-truth group is one real message (real messages that are
// near-duplicates of each other are merged into one group first), so precision@10 is the share of
// returned matters from the query's own group.
//
// Queries: (a) new variants of stored messages (near-duplicates), (b) held-out real messages never
// stored ("fresh"). Latency is measured around findSimilarMatters with a warm cache.
//
// Run: npm run bench:similar [-- --n 1000000 --queries 1000 --pglite-n 50000]
// PostgreSQL: a fresh database on the server of BENCH_DATABASE_URL ?? DATABASE_URL ??
// postgres://postgres@127.0.0.1:5432/postgres, created and dropped by the bench. PGlite runs with a
// smaller corpus (--pglite-n, 0 to skip): it is single-connection and in-process.
// Skips with a message when the shared data is missing.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedReferenceData } from '../src/org/reference-data.ts';
import { findSimilarMatters, fingerprintText, similarCandidates } from '../src/text/app/similar-matters.ts';
import { hasTextData, readTextData, textDataDir } from '../src/text/dataset.ts';
import type { BoardMessage } from '../src/text/dataset.ts';
import { createRng, shuffled, type Rng } from '../src/text/random.ts';
import { makeNearDuplicate, STANDARD_EDITS, type TextEdit } from '../tools/text-eval/duplicate-evaluation.ts';
import { nearDuplicateGroups } from '../src/text/similarity/groups.ts';
import { signature } from '../src/text/similarity/minhash.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    n: { type: 'string' },
    queries: { type: 'string', default: '1000' },
    fresh: { type: 'string', default: '300' },
    'pglite-n': { type: 'string', default: '50000' },
    batch: { type: 'string', default: '5000' },
    'skip-postgres': { type: 'boolean', default: false },
  },
});
const N = Number(args.n ?? positionals[0] ?? 1_000_000);
const QUERIES = Number(args.queries);
const FRESH = Number(args.fresh);
const PGLITE_N = Number(args['pglite-n']);
const BATCH = Number(args.batch);
const SERVER =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

if (!hasTextData('messages.jsonl')) {
  console.log(
    `SKIPPED bench:similar: the shared data folder ${textDataDir()} is missing (set MINSHENG_TEXT_DATA).`,
  );
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

const sentences = (t: string) => t.split(/(?<=[。！？!?；;])/).filter((s) => s.trim() !== '');
const SYNONYMS: [string, string][] = [
  ['请求', '恳请'],
  ['希望', '盼望'],
  ['领导', '同志'],
  ['问题', '情况'],
  ['严重', '非常'],
  ['解决', '处理'],
  ['部门', '单位'],
  ['居民', '住户'],
  ['反映', '投诉'],
  ['现在', '目前'],
  ['没有', '未'],
  ['已经', '早已'],
];
/** Edits on top of the re-submission edits: a letter rewritten with other places, numbers and words. */
const EDITS: readonly TextEdit[] = [
  ...STANDARD_EDITS,
  { name: 'shuffle', apply: (t, rng) => shuffled(sentences(t), rng).join('') },
  {
    name: 'places-numbers',
    apply: (t, rng) =>
      t
        .replace(/([A-Z])(\d+)(区|县|市)/g, (_m, a: string, _d, s: string) => `${a}${1 + rng.int(9)}${s}`)
        .replace(/\d/g, () => String(rng.int(10))),
  },
  {
    name: 'synonyms',
    apply: (t, rng) => SYNONYMS.reduce((s, [a, b]) => (rng.next() < 0.6 ? s.split(a).join(b) : s), t),
  },
];

const messages = readTextData<BoardMessage>('messages.jsonl').filter((m) => (m.body ?? '').trim().length > 0);
const order = shuffled(
  messages.map((_, i) => i),
  createRng(7),
);
const fresh = order.slice(0, FRESH).map((i) => messages[i]!);
const bases = order.slice(FRESH).map((i) => messages[i]!);
const baseText = bases.map((m) => ({
  subject: (m.subject ?? '').slice(0, 200),
  body: (m.body ?? '').slice(0, 19_000),
}));
// Real messages that are near-duplicates of each other (one user sending again) form one group.
const group = nearDuplicateGroups(baseText.map((b) => signature(b)));

/** Matter `i` of the corpus: base `i % bases`, as is for the first round, edited after. */
function matterText(i: number, rng: Rng): { base: number; subject: string; content: string } {
  const base = i % bases.length;
  const b = baseText[base]!;
  if (i < bases.length) return { base, subject: b.subject || '无标题', content: b.body };
  const edits = rng.int(4); // 0–3 edits; 0 = an identical copy (the same letter sent again)
  const content = edits === 0 ? b.body : makeNearDuplicate(b.body, rng, EDITS, edits).text;
  const subject = rng.next() < 0.3 ? makeNearDuplicate(b.subject, rng, EDITS.slice(2), 1).text : b.subject;
  return {
    base,
    subject: (subject || '无标题').slice(0, 200),
    content: (content.trim() || b.body).slice(0, 19_000),
  };
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

interface Batch {
  ids: number[];
  subjects: string[];
  contents: string[];
  sigIds: number[];
  sigs: Buffer[];
  bandKeys: number[];
  bandIds: number[];
}

function makeBatch(from: number, to: number, rng: Rng, baseOf: Int32Array): Batch {
  const b: Batch = { ids: [], subjects: [], contents: [], sigIds: [], sigs: [], bandKeys: [], bandIds: [] };
  for (let i = from; i < to; i++) {
    const id = i + 1;
    const t = matterText(i, rng);
    baseOf[i] = t.base;
    b.ids.push(id);
    b.subjects.push(t.subject);
    b.contents.push(t.content);
    const f = fingerprintText({ subject: t.subject, content: t.content });
    if (!f) continue;
    b.sigIds.push(id);
    b.sigs.push(Buffer.from(f.signature));
    for (const k of f.bandKeys) {
      b.bandKeys.push(k);
      b.bandIds.push(id);
    }
  }
  return b;
}

interface Loader {
  /** Inserts one batch (matters, signatures, band keys). */
  insert(b: Batch): Promise<void>;
  /** After the last batch: indexes, statistics. */
  finish(): Promise<void>;
}

const MATTERS_INSERT = (region: string, unit: number) => `
  INSERT INTO matters (id, case_number, query_code, channel, purpose, subject, content, region_code, lodged_level,
                       state, registering_unit_id, received_at, registered_at)
  SELECT t.id, 'B' || t.id, 'Q' || t.id, 'web', 'request', t.subject, t.content, '${region}', 'county',
         'registered', ${unit}, now(), now()
  FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, subject, content)`;
const SIGS_INSERT =
  'INSERT INTO matter_text_signatures (matter_id, signature) SELECT * FROM unnest($1::int[], $2::bytea[])';
const BANDS_INSERT =
  'INSERT INTO matter_lsh_bands (band_key, matter_id) SELECT * FROM unnest($1::bigint[], $2::int[])';

async function prepareCorpusDb(handle: DatabaseHandle): Promise<{ region: string; unit: number }> {
  await migrate(handle);
  await seedReferenceData(handle.db, new Date());
  const unit = await handle.db
    .insertInto('units')
    .values({ name: '基准测试信访局', kind: 'petition_bureau', level: 'county', region_code: '440305' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { region: '440305', unit: unit.id };
}

/** Loads `n` matters, generating the next batch while the database writes the last one. */
async function load(
  n: number,
  loader: Loader,
  label: string,
): Promise<{ baseOf: Int32Array; seconds: number }> {
  const rng = createRng(1);
  const baseOf = new Int32Array(n);
  const started = performance.now();
  let pending: Promise<void> = Promise.resolve();
  let lastReport = started;
  for (let from = 0; from < n; from += BATCH) {
    const batch = makeBatch(from, Math.min(n, from + BATCH), rng, baseOf);
    await pending;
    pending = loader.insert(batch);
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      const s = (lastReport - started) / 1000;
      console.log(`  ${label}: ${from + BATCH} matters loaded, ${s.toFixed(0)} s`);
    }
  }
  await pending;
  const loaded = (performance.now() - started) / 1000;
  const t = performance.now();
  await loader.finish();
  console.log(
    `  ${label}: ${n} matters loaded in ${loaded.toFixed(0)} s; indexes and statistics ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  return { baseOf, seconds: loaded + (performance.now() - t) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

interface QueryStats {
  kind: string;
  queries: number;
  p50: number;
  p95: number;
  p99: number;
  sqlP95: number;
  fingerprintP50: number;
  /** Mean results per query. */
  results: number;
  /** Queries with at least one result. */
  answered: number;
  /** Near-duplicate queries: returned matters from the query's own group / returned matters. */
  precision: number | null;
  /** Near-duplicate queries: the first result is from the query's own group. */
  top1: number | null;
  /** Near-duplicate queries: ten results returned. */
  full: number | null;
}

const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};

async function runQueries(
  handle: DatabaseHandle,
  kind: 'near-duplicate' | 'fresh',
  texts: { subject: string; content: string; base: number | null }[],
  baseOf: Int32Array,
): Promise<QueryStats> {
  const times: number[] = [];
  const sqlTimes: number[] = [];
  const fpTimes: number[] = [];
  let results = 0;
  let answered = 0;
  let relevant = 0;
  let returned = 0;
  let top1 = 0;
  let full = 0;
  for (const q of texts) {
    let t = performance.now();
    const fingerprint = fingerprintText(q);
    fpTimes.push(performance.now() - t);
    if (!fingerprint) continue;
    t = performance.now();
    await similarCandidates(handle.db, fingerprint, null);
    sqlTimes.push(performance.now() - t);
    t = performance.now();
    const found = await findSimilarMatters(handle.db, {
      matterId: null,
      subject: q.subject,
      content: q.content,
      petitionerIds: [1],
      limit: 10,
      fingerprint,
    });
    times.push(performance.now() - t);
    results += found.length;
    if (found.length > 0) answered++;
    if (q.base !== null) {
      const g = group[q.base];
      const same = found.filter((f) => group[baseOf[f.matterId - 1]!] === g).length;
      relevant += same;
      returned += found.length;
      if (found[0] && group[baseOf[found[0].matterId - 1]!] === g) top1++;
      if (found.length === 10) full++;
    }
  }
  const n = times.length;
  const near = kind === 'near-duplicate';
  return {
    kind,
    queries: n,
    p50: pct(times, 0.5),
    p95: pct(times, 0.95),
    p99: pct(times, 0.99),
    sqlP95: pct(sqlTimes, 0.95),
    fingerprintP50: pct(fpTimes, 0.5),
    results: results / n,
    answered: answered / n,
    precision: near ? relevant / Math.max(1, returned) : null,
    top1: near ? top1 / n : null,
    full: near ? full / n : null,
  };
}

function querySets(n: number): {
  near: { subject: string; content: string; base: number }[];
  freshTexts: { subject: string; content: string; base: null }[];
} {
  const rng = createRng(99);
  const stored = Math.min(n, bases.length);
  const near = Array.from({ length: QUERIES }, () => {
    const base = rng.int(stored);
    const b = baseText[base]!;
    return { subject: b.subject, content: makeNearDuplicate(b.body, rng, EDITS, 1 + rng.int(2)).text, base };
  });
  const freshTexts = fresh.map((m) => ({
    subject: (m.subject ?? '').slice(0, 200),
    content: (m.body ?? '').slice(0, 19_000),
    base: null,
  }));
  return { near, freshTexts };
}

async function measure(handle: DatabaseHandle, n: number, baseOf: Int32Array): Promise<QueryStats[]> {
  const { near, freshTexts } = querySets(n);
  // Warm-up: jieba, the IDF table, prepared plans, the cache.
  await runQueries(handle, 'near-duplicate', near.slice(0, 50), baseOf);
  return [
    await runQueries(handle, 'near-duplicate', near, baseOf),
    await runQueries(handle, 'fresh', freshTexts, baseOf),
  ];
}

function table(title: string, rows: QueryStats[]): void {
  const f = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
  console.log(`\n${title}`);
  console.log(
    '| queries              |   n  | p50 ms | p95 ms | p99 ms | SQL step 1 p95 | results | answered | precision@10 | top-1 right | 10 returned |',
  );
  console.log(
    '| -------------------- | ---- | ------ | ------ | ------ | -------------- | ------- | -------- | ------------ | ----------- | ----------- |',
  );
  for (const r of rows) {
    console.log(
      `| ${r.kind.padEnd(20)} | ${String(r.queries).padStart(4)} | ${f(r.p50).padStart(6)} | ${f(r.p95).padStart(6)} | ${f(r.p99).padStart(6)} | ${f(r.sqlP95).padStart(14)} | ${f(r.results).padStart(7)} | ${(f(r.answered * 100, 0) + ' %').padStart(8)} | ${(r.precision === null ? '—' : f(r.precision, 3)).padStart(12)} | ${(r.top1 === null ? '—' : f(r.top1 * 100, 1) + ' %').padStart(11)} | ${(r.full === null ? '—' : f(r.full * 100, 1) + ' %').padStart(11)} |`,
    );
  }
  const fp = rows[0]?.fingerprintP50;
  if (fp !== undefined)
    console.log(`(fingerprint of the query text, computed before: p50 ${fp.toFixed(2)} ms)`);
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

async function benchPostgres(n: number): Promise<void> {
  const name = `minsheng_bench_similar_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  let handle: DatabaseHandle | null = null;
  try {
    handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    const { region, unit } = await prepareCorpusDb(handle);
    const writer = new pg.Client({ connectionString: url.toString() });
    await writer.connect();
    // A throwaway database: no durability needed while loading. The band table's primary key is
    // built once after the load (what the migration defines), not row by row.
    await writer.query('SET synchronous_commit = off');
    await writer.query('ALTER TABLE matter_lsh_bands DROP CONSTRAINT matter_lsh_bands_pkey');
    const writerSql = MATTERS_INSERT(region, unit);
    const loader: Loader = {
      async insert(b) {
        await writer.query('BEGIN');
        await writer.query(writerSql, [b.ids, b.subjects, b.contents]);
        await writer.query(SIGS_INSERT, [b.sigIds, b.sigs]);
        await writer.query(BANDS_INSERT, [b.bandKeys, b.bandIds]);
        await writer.query('COMMIT');
      },
      async finish() {
        await writer.query("SET maintenance_work_mem = '1GB'");
        await writer.query('ALTER TABLE matter_lsh_bands ADD PRIMARY KEY (band_key, matter_id)');
        await writer.query(`SELECT setval('matters_id_seq', ${n})`);
        await writer.query('VACUUM ANALYZE matter_lsh_bands');
        await writer.query('VACUUM ANALYZE matter_text_signatures');
        await writer.query('VACUUM ANALYZE matters');
      },
    };
    console.log(`\nPostgreSQL (${url.host}, database ${name}): loading ${n.toLocaleString('en')} matters`);
    const { baseOf } = await load(n, loader, 'postgres');
    const size = await writer.query<{ bands: string; sigs: string; matters: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('matter_lsh_bands')) AS bands,
              pg_size_pretty(pg_total_relation_size('matter_text_signatures')) AS sigs,
              pg_size_pretty(pg_total_relation_size('matters')) AS matters`,
    );
    await writer.end();
    const s = size.rows[0]!;
    console.log(
      `  sizes: matter_lsh_bands ${s.bands}, matter_text_signatures ${s.sigs}, matters ${s.matters}`,
    );
    table(
      `PostgreSQL, ${n.toLocaleString('en')} matters, top-10 (findSimilarMatters, warm cache)`,
      await measure(handle, n, baseOf),
    );
  } finally {
    if (handle) await handle.close();
    process.removeListener('SIGINT', onSignal);
    await drop();
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite
// ---------------------------------------------------------------------------------------------

async function benchPglite(n: number): Promise<void> {
  const handle = await openDatabase({ dataDir: null });
  try {
    const { region, unit } = await prepareCorpusDb(handle);
    const insertMatters = MATTERS_INSERT(region, unit);
    const loader: Loader = {
      async insert(b) {
        await handle.prepared('m', insertMatters, [b.ids, b.subjects, b.contents]);
        await handle.prepared('s', SIGS_INSERT, [b.sigIds, b.sigs.map((x) => new Uint8Array(x))]);
        await handle.prepared('b', BANDS_INSERT, [b.bandKeys, b.bandIds]);
      },
      async finish() {
        await handle.prepared('v', 'ANALYZE', []);
      },
    };
    console.log(`\nPGlite (in memory): loading ${n.toLocaleString('en')} matters`);
    const { baseOf } = await load(n, loader, 'pglite');
    table(
      `PGlite, ${n.toLocaleString('en')} matters, top-10 (findSimilarMatters, warm cache)`,
      await measure(handle, n, baseOf),
    );
  } finally {
    await handle.close();
  }
}

console.log(
  `# bench:similar — ${bases.length} real messages as bases (${new Set(group).size} groups after merging near-duplicates), ${fresh.length} held out as fresh queries`,
);
console.log(
  `# ${QUERIES} near-duplicate queries (new variants of stored messages), ${fresh.length} fresh; batches of ${BATCH}`,
);
const started = performance.now();
if (!args['skip-postgres'] && N > 0) await benchPostgres(N);
if (PGLITE_N > 0) await benchPglite(PGLITE_N);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);

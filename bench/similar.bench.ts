// In-memory benchmark of near-duplicate lookup: MinHash signatures and LSH band keys over a
// corpus grown from the real messages by random edits, then top-10 queries. The database-backed
// version (a (band_key, matter_id) table in PostgreSQL/PGlite) comes with the DB layer.
// Run: npm run bench:similar [-- N]   (N = corpus size, default 50,000). Skips without the data.
import { hasTextData, readTextData, textDataDir } from '../src/text/dataset.ts';
import type { BoardMessage } from '../src/text/dataset.ts';
import { createRng } from '../src/text/random.ts';
import { makeNearDuplicate } from '../src/text/similarity/evaluate.ts';
import { LshIndex } from '../src/text/similarity/lsh-index.ts';
import { DUPLICATE_THRESHOLD, signature } from '../src/text/similarity/minhash.ts';
import type { Signature } from '../src/text/similarity/minhash.ts';

if (!hasTextData('messages.jsonl')) {
  console.log(
    `SKIPPED bench:similar: the shared data folder ${textDataDir()} is missing (set MINSHENG_TEXT_DATA).`,
  );
  process.exit(0);
}

const size = Number(process.argv[2] ?? 50_000);
const messages = readTextData<BoardMessage>('messages.jsonl').filter((m) => (m.body ?? '').length > 0);
const rng = createRng(1);
const texts = messages.map((m) => `${m.subject ?? ''}。${m.body ?? ''}`);

console.log(
  `# bench:similar — in-memory LSH over ${size} matters (${messages.length} real, the rest edited copies)\n`,
);
let t0 = performance.now();
const signatures: Signature[] = [];
for (let i = 0; i < size; i++) {
  const base = texts[i % texts.length] as string;
  // Past the real messages, each matter is a real one with one random edit: a corpus with many
  // near-duplicates, which is the hard case for candidate counts.
  signatures.push(signature(i < texts.length ? base : makeNearDuplicate(base, rng, undefined, 1).text));
}
const sigMs = performance.now() - t0;
t0 = performance.now();
const index = new LshIndex<number>();
signatures.forEach((s, i) => index.add(i, s));
console.log(
  `signatures: ${(sigMs / 1000).toFixed(1)} s (${((sigMs / size) * 1000).toFixed(0)} µs each); indexing: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const times: number[] = [];
const candidates: number[] = [];
let found = 0;
for (let q = 0; q < 1000; q++) {
  const probe = signature(makeNearDuplicate(texts[rng.int(texts.length)] as string, rng, undefined, 2).text);
  const start = performance.now();
  candidates.push(index.candidates(probe).size);
  const top = index.query(probe, 10, DUPLICATE_THRESHOLD);
  times.push(performance.now() - start);
  if (top.length > 0) found++;
}
times.sort((a, b) => a - b);
candidates.sort((a, b) => a - b);
const pick = (xs: number[], p: number): number =>
  xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
console.log(
  `top-10 query (candidates + ranking): p50 ${pick(times, 0.5).toFixed(3)} ms, p95 ${pick(times, 0.95).toFixed(3)} ms, p99 ${pick(times, 0.99).toFixed(3)} ms`,
);
console.log(
  `LSH candidates per query: p50 ${pick(candidates, 0.5)}, p95 ${pick(candidates, 0.95)}; queries with a match ≥ ${DUPLICATE_THRESHOLD}: ${found / 10} %`,
);
console.log(`memory: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB heap`);

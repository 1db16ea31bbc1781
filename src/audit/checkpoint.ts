import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Signed checkpoints of the event log, kept outside the database (the idea of Certificate
 * Transparency's signed tree heads, RFC 6962 §4.10). The hash chains prove an event was not edited
 * alone; someone who can write the database can still rewrite a chain to its end, cut it short, or
 * remove it with its head. A checkpoint signs the Merkle root over every chain's head with a key the
 * database never sees, and keeps the heads beside the log, so a later verification proves that every
 * event up to each checkpointed head is still there unchanged — without a copy of the old database.
 */

export interface ChainHead {
  stream: string;
  seq: number;
  hash: string;
}

/** One line of the checkpoint log (JSON). */
export interface Checkpoint {
  v: 1;
  /** When the heads were read. */
  at: string;
  streams: number;
  events: number;
  /** Merkle root (SHA-256, RFC 6962 tree) over the heads sorted by stream. */
  root: string;
  /**
   * The file beside the log that holds the heads (gzipped JSON `{ base, heads, removed }`), named by
   * the root it proves: all heads (`base` null), or only those changed since the checkpoint whose
   * file is `base` — the one before it in the log — so a large log's checkpoints stay small.
   */
  heads: string;
  keyId: string;
  /** The signer's public key (SPKI DER, base64); trust it only after comparing its id with a published one. */
  publicKey: string;
  /** Ed25519 over `signedMessage(...)`, base64. */
  signature: string;
}

const leafHash = (h: ChainHead) =>
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(`${h.stream}\n${h.seq}\n${h.hash}`, 'utf8')
    .digest();
const nodeHash = (l: Buffer, r: Buffer) =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(l)
    .update(r)
    .digest();

/** Heads in the one order every writer and verifier uses (code-unit order, independent of collation). */
export function sortHeads(heads: ChainHead[]): ChainHead[] {
  return [...heads].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
}

/** RFC 6962 Merkle tree hash over the sorted heads: split at the largest power of two below n. */
export function merkleRoot(heads: ChainHead[]): string {
  const sorted = sortHeads(heads);
  if (sorted.length === 0) return createHash('sha256').digest('hex');
  let level: Buffer[] = sorted.map(leafHash);
  // Bottom-up pairing, an odd node carried up unchanged: the same tree as RFC 6962's recursive split.
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!.toString('hex');
}

export const signedMessage = (c: Pick<Checkpoint, 'at' | 'streams' | 'events' | 'root' | 'keyId'>) =>
  Buffer.from(`minsheng-checkpoint/1\n${c.at}\n${c.streams}\n${c.events}\n${c.root}\n${c.keyId}`, 'utf8');

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Writes a new Ed25519 key pair: the private key (PKCS#8 PEM, mode 0600) and FILE.pub beside it. */
export function generateAuditKey(file: string): { keyId: string; publicKeyFile: string } {
  if (existsSync(file)) throw new Error(`${file} exists; a signing key is never overwritten`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  const publicKeyFile = `${file}.pub`;
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'w' });
  return { keyId: keyIdOf(publicKey), publicKeyFile };
}

/** Reads an Ed25519 private key file; throws with the reason when it is not one. */
export function loadSigningKey(file: string): KeyObject {
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}

/** Reads a public key file (PEM), or the public half of a private key file. */
export function loadPublicKey(file: string): KeyObject {
  const text = readFileSync(file);
  const key = text.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
  return key;
}

export async function readHeads(db: Db): Promise<ChainHead[]> {
  const rows = await db
    .selectFrom('audit_heads')
    .select(['stream', 'seq', 'hash'])
    .where('seq', '>', 0)
    .execute();
  return sortHeads(rows);
}

/** The heads of the previous checkpoint of this log, which the next one may be written against. */
export interface PreviousHeads {
  file: string;
  heads: ChainHead[];
}

interface HeadsFile {
  base: string | null;
  heads: [string, number, string][];
  removed: string[];
}

/** Signs the heads as they are now (a delta file against `previous` when given). */
export function makeCheckpoint(
  heads: ChainHead[],
  at: Date,
  privateKey: KeyObject,
  previous?: PreviousHeads,
): Checkpoint {
  const publicKey = createPublicKey(privateKey);
  const root = merkleRoot(heads);
  const body = {
    at: at.toISOString(),
    streams: heads.length,
    events: heads.reduce((n, h) => n + h.seq, 0),
    root,
    keyId: keyIdOf(publicKey),
  };
  return {
    v: 1,
    ...body,
    heads: previous ? `${root}.after.${previous.file.slice(0, 16)}.json.gz` : `${root}.json.gz`,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    signature: sign(null, signedMessage(body), privateKey).toString('base64'),
  };
}

/** The directory beside the log that keeps each checkpoint's heads. */
export const headsDir = (logFile: string) => join(dirname(logFile), `${basename(logFile)}.heads`);

/** Appends the checkpoint to the log and writes its heads beside it (once per distinct name). */
export function appendCheckpoint(
  logFile: string,
  c: Checkpoint,
  heads: ChainHead[],
  previous?: PreviousHeads,
): string {
  const dir = headsDir(logFile);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, c.heads);
  if (!existsSync(file)) {
    let content: HeadsFile = {
      base: null,
      heads: sortHeads(heads).map((h) => [h.stream, h.seq, h.hash]),
      removed: [],
    };
    if (previous) {
      const before = new Map(previous.heads.map((h) => [h.stream, `${h.seq}:${h.hash}`]));
      const now = new Set(heads.map((h) => h.stream));
      content = {
        base: previous.file,
        heads: content.heads.filter(([stream, seq, hash]) => before.get(stream) !== `${seq}:${hash}`),
        removed: previous.heads.filter((h) => !now.has(h.stream)).map((h) => h.stream),
      };
    }
    writeFileSync(file, gzipSync(JSON.stringify(content)));
  }
  const line = JSON.stringify(c);
  appendFileSync(logFile, `${line}\n`);
  return line;
}

/** Reads the heads, signs them and appends the checkpoint; returns the line to publish. */
export async function writeCheckpoint(
  db: Db,
  opts: { logFile: string; key: KeyObject; now: Date; previous?: PreviousHeads },
): Promise<{ checkpoint: Checkpoint; line: string; heads: ChainHead[] }> {
  const heads = await readHeads(db);
  const checkpoint = makeCheckpoint(heads, opts.now, opts.key, opts.previous);
  return { checkpoint, line: appendCheckpoint(opts.logFile, checkpoint, heads, opts.previous), heads };
}

export interface CheckpointProblem {
  /** 1-based line of the checkpoint log. */
  line: number;
  stream: string | null;
  seq: number | null;
  problem:
    | 'bad_line'
    | 'bad_signature'
    | 'untrusted_key'
    | 'heads_missing'
    | 'heads_mismatch'
    | 'stream_removed'
    | 'event_removed'
    | 'event_altered'
    | 'backdated';
  detail: string;
}

export interface CheckpointReport {
  checkpoints: number;
  /** The last checkpoint's time: what the report proves holds for every event before it. */
  lastAt: string | null;
  /** False when no public key was given: the signatures were checked against the key in each line. */
  trustedKey: boolean;
  problems: CheckpointProblem[];
}

/** The heads file of the log's last line: a delta is written only against it. */
function lastHeadsFile(logFile: string): string | null {
  if (!existsSync(logFile)) return null;
  const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
  try {
    return (JSON.parse(lines[lines.length - 1] ?? '') as Checkpoint).heads;
  } catch {
    return null;
  }
}

/** A server writes all heads in every this many checkpoints (a day at the default interval). */
const FULL_EVERY = 24;

/** An event dated this long before a checkpoint must be in it (transactions are short). */
const COMMIT_SLACK_MS = 5 * 60_000;
const CHUNK = 2000;

/**
 * Proves each checkpoint in the log against the database: the signature verifies (with the given
 * public key, or else the key in the line), the heads beside the log hash to the signed root, and
 * every checkpointed head is still an event of the current chain with the same hash — so no event
 * up to it was altered (the chain links it to every earlier one), removed or truncated. A head is
 * looked up once, at the first checkpoint that holds it. Events of the current log dated well before
 * the last checkpoint but not in it were appended later and backdated.
 */
export async function verifyCheckpoints(
  db: Db,
  logFile: string,
  opts: { publicKey?: KeyObject } = {},
): Promise<CheckpointReport> {
  const problems: CheckpointProblem[] = [];
  const trustedId = opts.publicKey ? keyIdOf(opts.publicKey) : null;
  const lines = readFileSync(logFile, 'utf8').split('\n');
  let checkpoints = 0;
  let last: { c: Checkpoint; heads: ChainHead[]; line: number } | null = null;
  // The heads of the last checkpoint read, by stream: the base of the next delta file.
  let known = new Map<string, ChainHead>();
  for (const [i, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const n = i + 1;
    const p = (
      problem: CheckpointProblem['problem'],
      detail: string,
      stream: string | null = null,
      seq: number | null = null,
    ) => problems.push({ line: n, stream, seq, problem, detail });
    let c: Checkpoint;
    try {
      c = JSON.parse(text) as Checkpoint;
      if (c.v !== 1 || typeof c.root !== 'string' || typeof c.signature !== 'string')
        throw new Error('not a checkpoint');
    } catch {
      p('bad_line', 'not a checkpoint line');
      continue;
    }
    checkpoints += 1;
    let key: KeyObject;
    try {
      key =
        opts.publicKey ??
        createPublicKey({ key: Buffer.from(c.publicKey, 'base64'), format: 'der', type: 'spki' });
    } catch {
      p('bad_signature', 'the public key in the line cannot be read');
      continue;
    }
    if (trustedId !== null && c.keyId !== trustedId)
      p('untrusted_key', `signed by key ${c.keyId}, not by the given key ${trustedId}`);
    if (!verify(null, signedMessage(c), key, Buffer.from(c.signature, 'base64'))) {
      p('bad_signature', 'the signature does not verify');
      continue;
    }
    let file: HeadsFile;
    try {
      file = JSON.parse(
        gunzipSync(readFileSync(join(headsDir(logFile), basename(c.heads)))).toString('utf8'),
      ) as HeadsFile;
    } catch {
      p('heads_missing', `the heads file ${c.heads} beside the log cannot be read`);
      continue;
    }
    if (file.base !== null && file.base !== last?.c.heads) {
      p(
        'heads_missing',
        `the heads file ${c.heads} is written against ${file.base}, not the checkpoint before`,
      );
      continue;
    }
    const current = new Map(file.base === null ? [] : known);
    for (const stream of file.removed ?? []) current.delete(stream);
    for (const [stream, seq, hash] of file.heads) current.set(stream, { stream, seq, hash });
    const heads = sortHeads([...current.values()]);
    if (merkleRoot(heads) !== c.root || heads.length !== c.streams) {
      p('heads_mismatch', `the heads file ${c.heads} does not hash to the signed root`);
      continue;
    }
    // A head already proved at an earlier checkpoint is the same event: look up only the new ones.
    const fresh = heads.filter((h) => {
      const k = known.get(h.stream);
      return !k || k.seq !== h.seq || k.hash !== h.hash;
    });
    known = current;
    for (let k = 0; k < fresh.length; k += CHUNK) {
      const chunk = fresh.slice(k, k + CHUNK);
      const found = await sql<{ stream: string; seq: number; hash: string | null; head: number | null }>`
        SELECT t.stream, t.seq, e.hash, h.seq AS head
        FROM unnest(${chunk.map((h) => h.stream)}::text[], ${chunk.map((h) => h.seq)}::int[]) AS t(stream, seq)
        LEFT JOIN events e ON e.stream = t.stream AND e.seq = t.seq
        LEFT JOIN audit_heads h ON h.stream = t.stream`.execute(db);
      const byStream = new Map(found.rows.map((r) => [r.stream, r]));
      for (const h of chunk) {
        const r = byStream.get(h.stream);
        if (!r || (r.hash === null && r.head === null))
          p('stream_removed', `stream checkpointed at seq ${h.seq} is gone`, h.stream, h.seq);
        else if (r.hash === null)
          p(
            'event_removed',
            `checkpointed event seq ${h.seq} is gone (head now ${r.head ?? 'missing'})`,
            h.stream,
            h.seq,
          );
        else if (r.hash !== h.hash)
          p(
            'event_altered',
            `checkpointed event seq ${h.seq} has another hash: history rewritten`,
            h.stream,
            h.seq,
          );
        else if (r.head === null || r.head < h.seq)
          p(
            'event_removed',
            `head rolled back to ${r.head ?? 'nothing'} below the checkpointed seq ${h.seq}`,
            h.stream,
            h.seq,
          );
      }
    }
    last = { c, heads, line: n };
  }
  if (last) {
    const cutoff = new Date(new Date(last.c.at).getTime() - COMMIT_SLACK_MS);
    const streams = last.heads.map((h) => h.stream);
    const seqs = last.heads.map((h) => h.seq);
    const late = await sql<{ stream: string; seq: number; at: Date }>`
      SELECT e.stream, e.seq, e.at FROM events e
      LEFT JOIN unnest(${streams}::text[], ${seqs}::int[]) AS t(stream, seq) ON t.stream = e.stream
      WHERE e.at < ${cutoff} AND (t.seq IS NULL OR e.seq > t.seq)
      ORDER BY e.stream, e.seq LIMIT 1000`.execute(db);
    for (const e of late.rows)
      problems.push({
        line: last.line,
        stream: e.stream,
        seq: e.seq,
        problem: 'backdated',
        detail: `dated ${new Date(e.at).toISOString()}, before the checkpoint of ${last.c.at}, but not in it`,
      });
  }
  return { checkpoints, lastAt: last?.c.at ?? null, trustedKey: opts.publicKey !== undefined, problems };
}

/**
 * Writes a checkpoint every `intervalMinutes` and a last one when stopped (a clean shutdown), each
 * logged as its JSON line for publication. The key is read at once, so a bad key file stops the
 * server at boot with the variable's name rather than at the first checkpoint.
 */
export function startCheckpoints(
  db: Db,
  opts: { keyFile: string; logFile: string; intervalMinutes: number; clock: () => Date },
  log: (msg: string, err?: unknown) => void,
): { first: Promise<void>; stop: () => Promise<void> } {
  let key: KeyObject;
  try {
    key = loadSigningKey(opts.keyFile);
  } catch (err) {
    throw new Error(
      `Invalid configuration:\n  MINSHENG_AUDIT_KEY_FILE: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  let running: Promise<void> = Promise.resolve();
  let previous: PreviousHeads | undefined;
  let written = 0;
  const tick = () => {
    running = running.then(async () => {
      try {
        // All heads at start and every FULL_EVERY checkpoints, only the changed ones in between.
        const r = await writeCheckpoint(db, {
          logFile: opts.logFile,
          key,
          now: opts.clock(),
          ...(previous && written % FULL_EVERY !== 0 && lastHeadsFile(opts.logFile) === previous.file
            ? { previous }
            : {}),
        });
        previous = { file: r.checkpoint.heads, heads: r.heads };
        written += 1;
        log(`audit checkpoint: ${r.line}`);
      } catch (err) {
        log('audit checkpoint failed', err);
      }
    });
    return running;
  };
  const timer = setInterval(() => void tick(), opts.intervalMinutes * 60_000);
  timer.unref();
  const first = tick();
  return {
    first,
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}

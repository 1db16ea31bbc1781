import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { GENESIS_HASH, storedEventHash } from './event-hash.ts';
import { RECORDED_MATTER_COLUMNS } from './event-record.ts';
import { replayMatter, type ReplayMatter, type RowDifference } from './replay.ts';

export interface AuditProblem {
  stream: string;
  seq: number | null;
  eventId: number | null;
  /** `row_mismatch`: a table row is not what its matter's events say (see `row`). */
  problem: 'altered' | 'missing' | 'head_mismatch' | 'no_head' | 'row_mismatch';
  detail: string;
  row?: RowDifference;
}

export interface AuditReport {
  streams: number;
  events: number;
  matters: number;
  problems: AuditProblem[];
}

/**
 * Recomputes every stream's chain. An edited row breaks its own hash; a removed row breaks the
 * sequence or the next row's link; a removed newest row no longer matches the stream's head.
 */
export async function verifyAuditLog(
  db: Db,
  opts: { batchSize?: number; matterBatchSize?: number; now?: Date } = {},
): Promise<AuditReport> {
  const batch = opts.batchSize ?? 5000;
  const heads = new Map(
    (await db.selectFrom('audit_heads').select(['stream', 'seq', 'hash']).execute()).map((h) => [
      h.stream,
      h,
    ]),
  );
  const problems: AuditProblem[] = [];
  const seen = new Map<string, { seq: number; hash: string }>();
  let events = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      lastId = r.id;
      events += 1;
      const prior = seen.get(r.stream) ?? { seq: 0, hash: GENESIS_HASH };
      if (r.seq !== prior.seq + 1) {
        problems.push({
          stream: r.stream,
          seq: prior.seq + 1,
          eventId: null,
          problem: 'missing',
          detail: `expected seq ${prior.seq + 1}, found ${r.seq}`,
        });
      } else if (r.prev_hash !== prior.hash) {
        problems.push({
          stream: r.stream,
          seq: r.seq,
          eventId: r.id,
          problem: 'missing',
          detail: 'link broken',
        });
      }
      const recomputed = storedEventHash(r.prev_hash, r);
      if (recomputed !== r.hash) {
        problems.push({
          stream: r.stream,
          seq: r.seq,
          eventId: r.id,
          problem: 'altered',
          detail: 'hash mismatch',
        });
      }
      seen.set(r.stream, { seq: r.seq, hash: r.hash });
    }
  }
  for (const [stream, last] of seen) {
    const head = heads.get(stream);
    if (!head) {
      problems.push({
        stream,
        seq: last.seq,
        eventId: null,
        problem: 'no_head',
        detail: 'stream has no head',
      });
    } else if (head.seq !== last.seq || head.hash !== last.hash) {
      problems.push({
        stream,
        seq: head.seq,
        eventId: null,
        problem: 'head_mismatch',
        detail: `head says seq ${head.seq}, log ends at ${last.seq}`,
      });
    }
  }
  for (const [stream, head] of heads) {
    if (!seen.has(stream) && head.seq > 0) {
      problems.push({
        stream,
        seq: head.seq,
        eventId: null,
        problem: 'missing',
        detail: 'all events removed',
      });
    }
  }
  const rows = await verifyMatterRows(db, opts.matterBatchSize ?? 1000, opts.now ?? new Date());
  problems.push(...rows.problems);
  return { streams: heads.size, events, matters: rows.matters, problems };
}

/**
 * Replays every matter's events against its rows, a batch of matters at a time: the matters, their
 * events, deadlines, decisions, ratings and numbered notices in six queries per batch, each served by an index on
 * the matter id. The long text is compared by digest, computed where it is stored.
 */
async function verifyMatterRows(
  db: Db,
  batch: number,
  now: Date,
): Promise<{ matters: number; problems: AuditProblem[] }> {
  const problems: AuditProblem[] = [];
  let matters = 0;
  let lastId = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('matters')
      .select(['id', 'registered_at', ...RECORDED_MATTER_COLUMNS])
      .select([
        sql<string>`encode(sha256(convert_to(subject, 'UTF8')), 'hex')`.as('subject_sha256'),
        sql<string>`encode(sha256(convert_to(content, 'UTF8')), 'hex')`.as('content_sha256'),
      ])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute()) as ReplayMatter[];
    if (rows.length === 0) break;
    const from = rows[0]!.id;
    const to = rows[rows.length - 1]!.id;
    lastId = to;
    matters += rows.length;
    const inRange = <T extends { matter_id: number | null }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const r of list) {
        if (r.matter_id === null) continue;
        const l = m.get(r.matter_id);
        if (l) l.push(r);
        else m.set(r.matter_id, [r]);
      }
      return m;
    };
    const [events, deadlines, decisions, ratings, issuedDocuments] = await Promise.all([
      db
        .selectFrom('events')
        .select(['matter_id', 'seq', 'kind', 'at', 'actor_id', 'payload'])
        .where('matter_id', '>=', from)
        .where('matter_id', '<=', to)
        .orderBy('matter_id')
        .orderBy('seq')
        .execute(),
      db
        .selectFrom('deadlines')
        .select(['id', 'matter_id', 'kind', 'main', 'status', 'due_at', 'due_date'])
        .where('matter_id', '>=', from)
        .where('matter_id', '<=', to)
        .execute(),
      db
        .selectFrom('decisions')
        .selectAll()
        .where('matter_id', '>=', from)
        .where('matter_id', '<=', to)
        .execute(),
      db
        .selectFrom('ratings')
        .selectAll()
        .where('matter_id', '>=', from)
        .where('matter_id', '<=', to)
        .execute(),
      db
        .selectFrom('issued_documents')
        .select(['id', 'matter_id', 'kind', 'doc_number'])
        .where('matter_id', '>=', from)
        .where('matter_id', '<=', to)
        .execute(),
    ]);
    const ev = inRange(events);
    const dl = inRange(deadlines);
    const dc = inRange(decisions);
    const rt = inRange(ratings);
    const idoc = inRange(issuedDocuments);
    for (const m of rows) {
      const diffs = replayMatter({
        matter: m,
        events: ev.get(m.id) ?? [],
        deadlines: dl.get(m.id) ?? [],
        decisions: dc.get(m.id) ?? [],
        ratings: rt.get(m.id) ?? [],
        issuedDocuments: idoc.get(m.id) ?? [],
        now,
      });
      for (const d of diffs) {
        problems.push({
          stream: `matter:${m.id}`,
          seq: null,
          eventId: null,
          problem: 'row_mismatch',
          detail: `${d.table} ${d.id ?? '-'}${d.column ? ` ${d.column}` : ''}: events say ${fmt(d.expected)}, found ${fmt(d.found)}`,
          row: d,
        });
      }
    }
  }
  return { matters, problems };
}

const fmt = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

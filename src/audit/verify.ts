import type { Db } from '../db/database.ts';
import { eventHash, GENESIS_HASH } from './event-hash.ts';

export interface AuditProblem {
  stream: string;
  seq: number | null;
  eventId: number | null;
  problem: 'altered' | 'missing' | 'head_mismatch' | 'no_head';
  detail: string;
}

export interface AuditReport {
  streams: number;
  events: number;
  problems: AuditProblem[];
}

/**
 * Recomputes every stream's chain. An edited row breaks its own hash; a removed row breaks the
 * sequence or the next row's link; a removed newest row no longer matches the stream's head.
 */
export async function verifyAuditLog(db: Db, opts: { batchSize?: number } = {}): Promise<AuditReport> {
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
      const recomputed = eventHash(r.prev_hash, {
        stream: r.stream,
        seq: r.seq,
        matterId: r.matter_id,
        kind: r.kind,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        unitId: r.unit_id,
        at: r.at,
        public: r.public,
        payload: r.payload,
      });
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
  return { streams: heads.size, events, problems };
}

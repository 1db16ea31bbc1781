import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { eventHash, GENESIS_HASH, normalizePayload } from './event-hash.ts';

export type Trx = Transaction<Database>;

export interface Actor {
  kind: 'staff' | 'petitioner' | 'system';
  userId: number | null;
  unitId: number | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, unitId: null };

export interface NewEvent {
  kind: string;
  at: Date;
  /** Part of what the law says the petitioner must be told (shown on the portal timeline). */
  public?: boolean;
  payload?: Record<string, unknown>;
}

export const matterStream = (matterId: number) => `matter:${matterId}`;
/** The stream of a case of the workflow kernel (instruction, card, ownership, follow-up …). */
export const caseStream = (caseId: number) => `case:${caseId}`;

/**
 * Appends events to a stream's hash chain inside the caller's transaction. For a matter stream the
 * caller already holds the matter's row lock, so the head row is never contended. Returns the
 * sequence numbers given to the events (a notification names the event that caused it).
 */
export async function appendEvents(
  trx: Trx,
  target: { stream: string; matterId: number | null; isNewStream?: boolean },
  actor: Actor,
  events: NewEvent[],
): Promise<number[]> {
  if (events.length === 0) return [];
  let seq = 0;
  let prev = GENESIS_HASH;
  if (!target.isNewStream) {
    await trx
      .insertInto('audit_heads')
      .values({ stream: target.stream, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('stream').doNothing())
      .execute();
    const head = await trx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('stream', '=', target.stream)
      .forUpdate()
      .executeTakeFirstOrThrow();
    seq = head.seq;
    prev = head.hash;
  }
  const rows = events.map((e) => {
    seq += 1;
    const payload = normalizePayload(e.payload ?? {});
    const fields = {
      stream: target.stream,
      seq,
      matterId: target.matterId,
      kind: e.kind,
      actorKind: actor.kind,
      actorId: actor.userId,
      unitId: actor.unitId,
      at: e.at,
      public: e.public ?? false,
      payload,
    };
    const hash = eventHash(prev, fields);
    const row = {
      stream: fields.stream,
      seq,
      matter_id: fields.matterId,
      kind: fields.kind,
      actor_kind: fields.actorKind,
      actor_id: fields.actorId,
      unit_id: fields.unitId,
      at: fields.at,
      public: fields.public,
      payload: JSON.stringify(payload),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  await trx.insertInto('events').values(rows).execute();
  if (target.isNewStream) {
    await trx.insertInto('audit_heads').values({ stream: target.stream, seq, hash: prev }).execute();
  } else {
    await trx
      .updateTable('audit_heads')
      .set({ seq, hash: prev })
      .where('stream', '=', target.stream)
      .execute();
  }
  return rows.map((r) => r.seq);
}

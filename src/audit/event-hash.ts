import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  stream: string;
  seq: number;
  matterId: number | null;
  kind: string;
  actorKind: string;
  actorId: number | null;
  unitId: number | null;
  at: Date;
  public: boolean;
  payload: Record<string, unknown>;
}

/** The chain link: SHA-256 over the previous hash and every field of the event, keys in stable order. */
export function eventHash(prevHash: string, e: HashedFields): string {
  const body = stringify([
    e.stream,
    e.seq,
    e.matterId,
    e.kind,
    e.actorKind,
    e.actorId,
    e.unitId,
    e.at.toISOString(),
    e.public,
    e.payload,
  ]);
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(body ?? '')
    .digest('hex');
}

/** The columns of a stored event that its hash covers. */
export interface StoredEventFields {
  stream: string;
  seq: number;
  matter_id: number | null;
  kind: string;
  actor_kind: string;
  actor_id: number | null;
  unit_id: number | null;
  at: Date;
  public: boolean;
  payload: Record<string, unknown>;
}

/** The hash a stored event row should carry after `prevHash`: what verification recomputes. */
export function storedEventHash(prevHash: string, r: StoredEventFields): string {
  return eventHash(prevHash, {
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
}

/** Payloads are stored as jsonb; hashing the JSON round-trip keeps write-time and verify-time input equal. */
export function normalizePayload(payload: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
}

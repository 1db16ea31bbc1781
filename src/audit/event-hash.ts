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

/** Payloads are stored as jsonb; hashing the JSON round-trip keeps write-time and verify-time input equal. */
export function normalizePayload(payload: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
}

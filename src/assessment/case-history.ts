import { caseStream } from '../audit/event-log.ts';
import type { Db } from '../db/database.ts';

/** A case's own stream as its page lists it: each event with who wrote it, oldest first. */
export async function caseHistory(db: Db, caseId: number) {
  const rows = await db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.seq', 'e.kind', 'e.at', 'e.payload', 'u.display_name'])
    .where('e.stream', '=', caseStream(caseId))
    .orderBy('e.seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    kind: r.kind,
    at: r.at,
    actorName: r.display_name,
    payload: r.payload,
  }));
}

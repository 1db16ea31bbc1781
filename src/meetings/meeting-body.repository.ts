import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MeetingBodyFacts } from '../workflow/case-policy.ts';

export type BodyRow = {
  id: number;
  name: string;
  region_code: string;
  convener_unit_id: number;
  convener_leader_id: number | null;
  version: number;
};

/** The stream of a joint meeting body's changes: configuration, audited like a case. */
export const bodyStream = (bodyId: number) => `meeting-body:${bodyId}`;

/** A body's row and the facts the rules read (its member units now). */
export async function loadBody(
  db: Kysely<Database>,
  bodyId: number,
  opts: { lock?: boolean } = {},
): Promise<{ row: BodyRow; facts: MeetingBodyFacts } | null> {
  let q = db
    .selectFrom('meeting_bodies')
    .select(['id', 'name', 'region_code', 'convener_unit_id', 'convener_leader_id', 'version'])
    .where('id', '=', bodyId);
  if (opts.lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const members = await db
    .selectFrom('meeting_body_members')
    .select('unit_id')
    .where('body_id', '=', bodyId)
    .where('left_at', 'is', null)
    .orderBy('unit_id')
    .execute();
  return {
    row,
    facts: {
      regionCode: row.region_code,
      convenerUnitId: row.convener_unit_id,
      convenerLeaderId: row.convener_leader_id,
      memberUnitIds: members.map((m) => m.unit_id),
    },
  };
}

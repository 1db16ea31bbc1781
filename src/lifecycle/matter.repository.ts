import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Trx } from '../audit/event-log.ts';
import type { MattersTable } from '../db/schema.ts';
import type { UnitLevel } from '../shared/enums.ts';
import type { MatterAccessFacts } from './access-rule.ts';

export type MatterRow = Selectable<MattersTable>;

export interface LockedMatter {
  row: MatterRow;
  facts: MatterAccessFacts;
  lead: { id: number; unitId: number; assignedAt: Date; signedAt: Date | null } | null;
}

/** Reads a matter with its row lock: every state change re-checks the state it is about to change. */
export async function lockMatter(trx: Trx, matterId: number): Promise<LockedMatter | null> {
  const row = await trx
    .selectFrom('matters')
    .selectAll()
    .where('id', '=', matterId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return null;
  return { row, ...(await matterFacts(trx, row)) };
}

/** A matter's access facts by id, or null when it does not exist. */
export async function matterFactsOf(
  db: Kysely<Database>,
  matterId: number,
): Promise<MatterAccessFacts | null> {
  const row = await db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
  return row ? (await matterFacts(db, row)).facts : null;
}

export async function matterFacts(
  trx: Kysely<Database>,
  row: MatterRow,
): Promise<{ facts: MatterAccessFacts; lead: LockedMatter['lead'] }> {
  const units = await trx
    .selectFrom('matter_units as mu')
    .innerJoin('units as u', 'u.id', 'mu.unit_id')
    .select(['mu.id', 'mu.unit_id', 'mu.role', 'mu.assigned_at', 'mu.signed_at', 'u.level', 'u.kind'])
    .where('mu.matter_id', '=', row.id)
    .where('mu.released_at', 'is', null)
    .execute();
  const lead = units.find((u) => u.role === 'lead') ?? null;
  const decisions = await trx
    .selectFrom('decisions as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .select(['d.kind', 'd.unit_id', 'u.level', 'u.kind as unitKind'])
    .where('d.matter_id', '=', row.id)
    .where('d.kind', 'in', ['review', 'recheck'])
    .orderBy('d.id', 'desc')
    .execute();
  const review = decisions.find((d) => d.kind === 'review');
  const recheck = decisions.find((d) => d.kind === 'recheck');
  return {
    facts: {
      regionCode: row.region_code,
      registeringUnitId: row.registering_unit_id,
      leadUnitId: lead?.unit_id ?? null,
      leadUnitLevel: (lead?.level as UnitLevel | undefined) ?? null,
      leadUnitKind: lead?.kind ?? null,
      coUnitIds: units.filter((u) => u.role === 'co').map((u) => u.unit_id),
      isMisconductReport: row.is_misconduct_report,
      reportedUnitId: row.reported_unit_id,
      reviewUnitLevel: (review?.level as UnitLevel | undefined) ?? null,
      reviewUnitKind: review?.unitKind ?? null,
      recheckUnitId: recheck?.unit_id ?? null,
    },
    lead: lead
      ? { id: lead.id, unitId: lead.unit_id, assignedAt: lead.assigned_at, signedAt: lead.signed_at }
      : null,
  };
}

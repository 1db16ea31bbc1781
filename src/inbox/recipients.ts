import { sql, type Kysely } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Database } from '../db/schema.ts';
import { REGION_SCOPE_KINDS } from '../lifecycle/access-rule.ts';
import type { Role, UnitLevel } from '../shared/enums.ts';

type Db = Kysely<Database>;

/** Active users of the given units holding any of the roles. */
export async function unitStaff(
  db: Db,
  unitIds: readonly number[],
  roles: readonly Role[],
): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', 'in', [...unitIds])
    .where('active', '=', true)
    .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The supervisors of a place's scope (procedure.md §4: warnings and overdue marks reach "the
 * supervisor"): those of the nearest unit answering for a region around it that has supervisors —
 * the county bureau for a county matter, not every bureau up to the province, so a notice reaches
 * the people who follow it up rather than everyone above.
 */
export async function scopeSupervisors(db: Db, regionCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'n.region_code'])
    .where('u.active', '=', true)
    .where(sql<boolean>`'supervisor' = ANY(u.roles)`)
    .where('n.kind', 'in', [...REGION_SCOPE_KINDS])
    .where(sql<boolean>`${regionCode} LIKE n.region_code || '%'`)
    .execute();
  const nearest = Math.max(-1, ...rows.map((r) => r.region_code.length));
  return rows
    .filter((r) => r.region_code.length === nearest)
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

/** The staff users behind ids, as the permission policy sees them (inactive users are left out). */
export async function staffUsers(db: Db, ids: readonly number[]): Promise<StaffUser[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'n.id as unitId',
      'n.name',
      'n.kind',
      'n.level',
      'n.region_code',
    ])
    .where('u.id', 'in', [...ids])
    .where('u.active', '=', true)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    unit: {
      id: r.unitId,
      name: r.name,
      kind: r.kind,
      level: r.level as UnitLevel,
      regionCode: r.region_code,
    },
  }));
}

/**
 * The leaders of a unit's level (a red card "reaches the leader of the unit's level"): the unit's
 * own leaders and those of the people's government and the petition bureau of the same region.
 */
export async function levelLeaders(db: Db, unitId: number): Promise<number[]> {
  const unit = await db
    .selectFrom('units')
    .select(['region_code'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) return [];
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select('u.id')
    .where('u.active', '=', true)
    .where(sql<boolean>`'leader' = ANY(u.roles)`)
    .where((eb) =>
      eb.or([
        eb('n.id', '=', unitId),
        eb.and([eb('n.region_code', '=', unit.region_code), eb('n.kind', 'in', [...REGION_SCOPE_KINDS])]),
      ]),
    )
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The leader owning the matter now (包案 in force), with the case: a reply to the matter reaches them. */
export async function owningLeader(
  db: Db,
  matterId: number,
): Promise<{ caseId: number; leaderId: number } | null> {
  const row = await db
    .selectFrom('case_ownerships')
    .select(['case_id', 'leader_id'])
    .where('matter_id', '=', matterId)
    .where('in_force', '=', true)
    .executeTakeFirst();
  return row ? { caseId: row.case_id, leaderId: row.leader_id } : null;
}

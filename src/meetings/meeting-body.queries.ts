import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { forbidden, notFound } from '../errors/app-error.ts';
import { hasRegionScope, REGION_SCOPE_KINDS } from '../lifecycle/access-rule.ts';
import type { MeetingBodySchema } from '../shared/meeting.schema.ts';
import { canSeeMeetingBody, mayManageMeetingBody, onConvenerSide } from '../workflow/case-policy.ts';
import { loadBody } from './meeting-body.repository.ts';

type Body = z.output<typeof MeetingBodySchema>;

/** A body as its page shows it: convener, members with representatives, working groups in force. */
export async function bodyView(ctx: AppContext, user: StaffUser, bodyId: number): Promise<Body | null> {
  const db = ctx.db;
  const loaded = await loadBody(db, bodyId);
  if (!loaded || !canSeeMeetingBody(user, loaded.facts)) return null;
  const b = await db
    .selectFrom('meeting_bodies as b')
    .innerJoin('units as n', 'n.id', 'b.convener_unit_id')
    .leftJoin('users as l', 'l.id', 'b.convener_leader_id')
    .select(['b.duties', 'n.name as convenerName', 'l.display_name as leaderName'])
    .where('b.id', '=', bodyId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('meeting_body_members as m')
    .innerJoin('units as n', 'n.id', 'm.unit_id')
    .select(['m.unit_id', 'n.name', 'm.joined_at'])
    .where('m.body_id', '=', bodyId)
    .where('m.left_at', 'is', null)
    .orderBy('m.joined_at')
    .orderBy('m.unit_id')
    .execute();
  const reps = await db
    .selectFrom('meeting_body_representatives as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.unit_id', 'u.id', 'u.display_name'])
    .where('r.body_id', '=', bodyId)
    .orderBy('u.id')
    .execute();
  const groups = await db
    .selectFrom('meeting_working_groups as g')
    .innerJoin('units as n', 'n.id', 'g.lead_unit_id')
    .select(['g.id', 'g.name', 'g.lead_unit_id', 'n.name as leadName'])
    .where('g.body_id', '=', bodyId)
    .where('g.dissolved_at', 'is', null)
    .orderBy('g.id')
    .execute();
  const groupIds = groups.map((g) => g.id);
  const groupUnits = groupIds.length
    ? await db
        .selectFrom('meeting_working_group_units as gu')
        .innerJoin('units as n', 'n.id', 'gu.unit_id')
        .select(['gu.group_id', 'n.id', 'n.name'])
        .where('gu.group_id', 'in', groupIds)
        .orderBy('n.id')
        .execute()
    : [];
  const groupCats = groupIds.length
    ? await db
        .selectFrom('meeting_working_group_categories as gc')
        .innerJoin('categories as c', 'c.code', 'gc.category_code')
        .select(['gc.group_id', 'c.code', 'c.name_zh', 'c.name_en'])
        .where('gc.group_id', 'in', groupIds)
        .orderBy('c.sort')
        .orderBy('c.code')
        .execute()
    : [];
  const { row, facts } = loaded;
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    convenerUnitId: row.convener_unit_id,
    convenerUnitName: b.convenerName,
    convenerLeaderId: row.convener_leader_id,
    convenerLeaderName: b.leaderName,
    duties: b.duties,
    version: row.version,
    members: members.map((m) => ({
      unitId: m.unit_id,
      unitName: m.name,
      joinedAt: m.joined_at,
      representatives: reps
        .filter((r) => r.unit_id === m.unit_id)
        .map((r) => ({ id: r.id, name: r.display_name })),
    })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      leadUnitId: g.lead_unit_id,
      leadUnitName: g.leadName,
      units: groupUnits.filter((u) => u.group_id === g.id).map((u) => ({ id: u.id, name: u.name })),
      categories: groupCats
        .filter((c) => c.group_id === g.id)
        .map((c) => ({ code: c.code, nameZh: c.name_zh, nameEn: c.name_en })),
    })),
    canManage: mayManageMeetingBody(user, facts),
    canSchedule: onConvenerSide(user, facts),
  };
}

export async function getMeetingBody(ctx: AppContext, user: StaffUser, bodyId: number): Promise<Body> {
  const v = await bodyView(ctx, user, bodyId);
  if (!v) throw notFound('联席会议', 'Joint meeting body');
  return v;
}

/** Bodies listed at most. */
const BODIES_MAX = 50;

/** The joint meeting bodies the user may see: their region's, and those their unit is a member of. */
export async function listMeetingBodies(ctx: AppContext, user: StaffUser) {
  const rows = await ctx.db
    .selectFrom('meeting_bodies')
    .select('id')
    .orderBy('id')
    .limit(BODIES_MAX * 4)
    .execute();
  const items: Body[] = [];
  for (const r of rows) {
    const v = await bodyView(ctx, user, r.id);
    if (v) items.push(v);
    if (items.length >= BODIES_MAX) break;
  }
  return { items, canCreate: hasRole(user, 'supervisor', 'admin') && hasRegionScope(user.unit) };
}

/**
 * Whom a body of the user's region may name: the active units of the region with their active
 * users, and the leaders of the units answering for it. Only for those who set up and keep bodies.
 */
export async function meetingBodyCandidates(ctx: AppContext, user: StaffUser) {
  if (!hasRole(user, 'supervisor', 'admin') || !hasRegionScope(user.unit))
    throw forbidden('无权调整联席会议', 'You may not set up or change a joint meeting body');
  const region = user.unit.regionCode;
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where('region_code', 'like', `${region}%`)
    .orderBy('id')
    .limit(500)
    .execute();
  const users = units.length
    ? await ctx.db
        .selectFrom('users')
        .select(['id', 'display_name', 'unit_id'])
        .where('active', '=', true)
        .where(
          'unit_id',
          'in',
          units.map((u) => u.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const leaders = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'n.name as unitName', 'u.roles'])
    .where('u.active', '=', true)
    .where('n.region_code', '=', region)
    .where('n.kind', 'in', [...REGION_SCOPE_KINDS])
    .orderBy('u.id')
    .execute();
  return {
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      users: users.filter((x) => x.unit_id === u.id).map((x) => ({ id: x.id, name: x.display_name })),
    })),
    leaders: leaders
      .filter((l) => l.roles.includes('leader'))
      .map((l) => ({ id: l.id, name: l.display_name, unitName: l.unitName })),
  };
}

import type { z } from 'zod';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents } from '../audit/event-log.ts';
import { hasRole } from '../auth/staff-user.ts';
import { AppError, fieldError, forbidden, notFound } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import { caseEvent } from '../shared/case-events.ts';
import {
  CreateBodyInput,
  UpdateBodyInput,
  WorkingGroupInput,
  type BodyMemberInput,
} from '../shared/meeting.schema.ts';
import { toEventActor, type CaseActor } from '../workflow/actor.ts';
import { canSeeMeetingBody, mayCreateMeetingBody, mayManageMeetingBody } from '../workflow/case-policy.ts';
import { unitOf } from '../workflow/case.repository.ts';
import { bodyStream, loadBody } from './meeting-body.repository.ts';

type Staff = CaseActor & { kind: 'staff' };
type Members = z.output<typeof BodyMemberInput>[];

async function appendBodyEvent(
  tx: TxContext,
  bodyId: number,
  actor: Staff,
  event: { kind: string; payload: Record<string, unknown> },
  isNewStream = false,
) {
  await appendEvents(
    tx.db,
    { stream: bodyStream(bodyId), matterId: null, isNewStream },
    toEventActor(actor),
    [{ ...event, at: tx.clock() }],
  );
}

/**
 * Member units come from the body's region; each is named once; its representatives are active
 * users of that unit. A wrong one is a field error naming its place, and nothing is stored.
 */
async function checkMembers(tx: TxContext, regionCode: string, members: Members) {
  const seen = new Set<number>();
  for (const [i, m] of members.entries()) {
    const unit = await tx.db.selectFrom('units').selectAll().where('id', '=', m.unitId).executeTakeFirst();
    if (!unit || !unit.active || !unit.region_code.startsWith(regionCode))
      throw fieldError(
        `members.${i}.unitId`,
        `单位 ${m.unitId} 不存在、已停用或不在本联席会议的地区`,
        `unit ${m.unitId} does not exist, is inactive or lies outside the body's region`,
      );
    if (seen.has(m.unitId))
      throw fieldError(`members.${i}.unitId`, `「${unit.name}」重复列出`, `${unit.name} is listed twice`);
    seen.add(m.unitId);
    for (const [j, userId] of m.representativeIds.entries()) {
      const user = await tx.db
        .selectFrom('users')
        .select(['unit_id', 'active'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user || !user.active || user.unit_id !== m.unitId)
        throw fieldError(
          `members.${i}.representativeIds.${j}`,
          `代表须为「${unit.name}」的在职人员`,
          `a representative must be an active user of ${unit.name}`,
        );
    }
  }
}

/** The convener leader is a leader of a unit answering for the body's region. */
async function checkLeader(tx: TxContext, regionCode: string, leaderId: number | null) {
  if (leaderId === null) return;
  const u = await tx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.roles', 'u.active', 'n.kind', 'n.region_code'])
    .where('u.id', '=', leaderId)
    .executeTakeFirst();
  if (!u || !u.active || !u.roles.includes('leader') || !hasRegionScope(u) || u.region_code !== regionCode)
    throw fieldError(
      'convenerLeaderId',
      '召集人须为本地区党委政府或信访部门的领导',
      'the convener leader must be a leader of the region’s government or petition bureau',
    );
}

async function checkName(tx: TxContext, regionCode: string, name: string, exceptId: number | null) {
  let q = tx.db
    .selectFrom('meeting_bodies')
    .select('id')
    .where('region_code', '=', regionCode)
    .where('name', '=', name);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst())
    throw fieldError('name', '本地区已有同名的联席会议', 'the region already has a body of that name');
}

async function writeMembers(tx: TxContext, bodyId: number, members: Members, joined: readonly number[]) {
  const now = tx.clock();
  for (const unitId of joined)
    await tx.db
      .insertInto('meeting_body_members')
      .values({ body_id: bodyId, unit_id: unitId, joined_at: now })
      .onConflict((oc) => oc.columns(['body_id', 'unit_id']).doUpdateSet({ joined_at: now, left_at: null }))
      .execute();
  await tx.db.deleteFrom('meeting_body_representatives').where('body_id', '=', bodyId).execute();
  const reps = members.flatMap((m) =>
    [...new Set(m.representativeIds)].map((user_id) => ({ body_id: bodyId, unit_id: m.unitId, user_id })),
  );
  if (reps.length > 0) await tx.db.insertInto('meeting_body_representatives').values(reps).execute();
}

/**
 * Sets up the joint meeting body of a region (联席会议): its convener (the petition bureau or the
 * people's government there), the convener leader, the member units and their representatives.
 */
export async function createMeetingBody(ctx: AppContext, actor: Staff, body: unknown) {
  const input = parseOrThrow(CreateBodyInput, body);
  return withTransaction(ctx, async (tx) => {
    const user = actor.user;
    if (!hasRole(user, 'supervisor', 'admin') || !hasRegionScope(user.unit))
      throw forbidden(
        '只有信访部门或党委政府的督查人员、管理员可以设立联席会议',
        'Only supervisors or administrators of a petition bureau or a government may set up a joint meeting',
      );
    const convenerId = input.convenerUnitId ?? user.unit.id;
    const convener = await tx.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', convenerId)
      .executeTakeFirst();
    if (!convener || !convener.active || !mayCreateMeetingBody(user, unitOf(convener)))
      throw fieldError(
        'convenerUnitId',
        '召集单位须为本地区的信访部门或人民政府',
        'the convener must be the petition bureau or the people’s government of your region',
      );
    const regionCode = convener.region_code;
    await checkName(tx, regionCode, input.name, null);
    await checkLeader(tx, regionCode, input.convenerLeaderId);
    await checkMembers(tx, regionCode, input.members);
    const row = await tx.db
      .insertInto('meeting_bodies')
      .values({
        name: input.name,
        region_code: regionCode,
        convener_unit_id: convenerId,
        convener_leader_id: input.convenerLeaderId,
        duties: input.duties ?? null,
        created_by: user.id,
        created_at: tx.clock(),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await writeMembers(
      tx,
      row.id,
      input.members,
      input.members.map((m) => m.unitId),
    );
    await appendBodyEvent(
      tx,
      row.id,
      actor,
      caseEvent('meeting_body_created', {
        name: input.name,
        convenerUnitId: convenerId,
        convenerLeaderId: input.convenerLeaderId,
        members: input.members,
      }),
      true,
    );
    return { id: row.id, version: row.version };
  });
}

/** Locks a body the user may manage: "not found" outside what they may see, 403 inside it. */
async function lockManaged(tx: TxContext, actor: Staff, bodyId: number) {
  const body = await loadBody(tx.db, bodyId, { lock: true });
  if (!body || !canSeeMeetingBody(actor.user, body.facts)) throw notFound('联席会议', 'Joint meeting body');
  if (!mayManageMeetingBody(actor.user, body.facts))
    throw forbidden(
      '只有本地区信访部门的督查人员、管理员可以调整联席会议',
      'Only the supervisors or administrators of the region’s petition bureau may change the body',
    );
  return body;
}

async function bumpVersion(tx: TxContext, bodyId: number, version: number) {
  await tx.db
    .updateTable('meeting_bodies')
    .set({ version: version + 1 })
    .where('id', '=', bodyId)
    .execute();
  return version + 1;
}

/**
 * Changes the body: its name, convener leader, duties, member units and representatives. A unit
 * leaves by being left out (its row stays, marked, so what it was handed stays explained); a unit
 * leading a working group cannot leave until the group has another lead.
 */
export async function updateMeetingBody(ctx: AppContext, actor: Staff, bodyId: number, body: unknown) {
  const input = parseOrThrow(UpdateBodyInput, body);
  return withTransaction(ctx, async (tx) => {
    const { row, facts } = await lockManaged(tx, actor, bodyId);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version)
      throw new AppError(
        'conflict',
        '联席会议已被他人调整，请刷新后重试',
        'The body changed meanwhile; reload and retry',
      );
    await checkName(tx, row.region_code, input.name, bodyId);
    await checkLeader(tx, row.region_code, input.convenerLeaderId);
    await checkMembers(tx, row.region_code, input.members);
    const next = input.members.map((m) => m.unitId);
    const joined = next.filter((u) => !facts.memberUnitIds.includes(u));
    const left = facts.memberUnitIds.filter((u) => !next.includes(u));
    if (left.length > 0) {
      const leading = await tx.db
        .selectFrom('meeting_working_groups as g')
        .innerJoin('units as n', 'n.id', 'g.lead_unit_id')
        .select(['g.name', 'n.name as unitName'])
        .where('g.body_id', '=', bodyId)
        .where('g.dissolved_at', 'is', null)
        .where('g.lead_unit_id', 'in', left)
        .executeTakeFirst();
      if (leading)
        throw fieldError(
          'members',
          `「${leading.unitName}」牵头专项小组「${leading.name}」，请先调整该小组`,
          `${leading.unitName} leads the working group ${leading.name}: change the group first`,
        );
      await tx.db
        .updateTable('meeting_body_members')
        .set({ left_at: tx.clock() })
        .where('body_id', '=', bodyId)
        .where('unit_id', 'in', left)
        .execute();
    }
    await tx.db
      .updateTable('meeting_bodies')
      .set({ name: input.name, convener_leader_id: input.convenerLeaderId, duties: input.duties ?? null })
      .where('id', '=', bodyId)
      .execute();
    await writeMembers(tx, bodyId, input.members, joined);
    const version = await bumpVersion(tx, bodyId, row.version);
    await appendBodyEvent(
      tx,
      bodyId,
      actor,
      caseEvent('meeting_body_updated', {
        name: input.name,
        convenerLeaderId: input.convenerLeaderId,
        joined,
        left,
        members: input.members,
      }),
    );
    return { id: bodyId, version };
  });
}

/**
 * Sets up a special working group (专项小组) of the body, or changes one: its lead unit and other
 * units (members of the body) and the petition categories it covers (codes of the category tree).
 */
export async function setWorkingGroup(
  ctx: AppContext,
  actor: Staff,
  bodyId: number,
  groupId: number | null,
  body: unknown,
) {
  const input = parseOrThrow(WorkingGroupInput, body);
  return withTransaction(ctx, async (tx) => {
    const { row, facts } = await lockManaged(tx, actor, bodyId);
    if (groupId !== null) {
      const g = await tx.db
        .selectFrom('meeting_working_groups')
        .select('id')
        .where('id', '=', groupId)
        .where('body_id', '=', bodyId)
        .where('dissolved_at', 'is', null)
        .executeTakeFirst();
      if (!g) throw notFound('专项小组', 'Working group');
    }
    const notMember = (path: string, unitId: number) =>
      fieldError(
        path,
        `单位 ${unitId} 不是本联席会议的成员单位`,
        `unit ${unitId} is not a member of the body`,
      );
    if (!facts.memberUnitIds.includes(input.leadUnitId)) throw notMember('leadUnitId', input.leadUnitId);
    for (const [i, u] of input.unitIds.entries())
      if (!facts.memberUnitIds.includes(u)) throw notMember(`unitIds.${i}`, u);
    for (const [i, code] of input.categoryCodes.entries()) {
      const c = await tx.db
        .selectFrom('categories')
        .select('active')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!c || !c.active)
        throw fieldError(`categoryCodes.${i}`, `问题分类「${code}」不存在`, `no such category: ${code}`);
    }
    const dup = await tx.db
      .selectFrom('meeting_working_groups')
      .select('id')
      .where('body_id', '=', bodyId)
      .where('name', '=', input.name)
      .where('dissolved_at', 'is', null)
      .executeTakeFirst();
    if (dup && dup.id !== groupId)
      throw fieldError('name', '已有同名的专项小组', 'a working group of that name exists');
    let id = groupId;
    if (id === null) {
      id = (
        await tx.db
          .insertInto('meeting_working_groups')
          .values({
            body_id: bodyId,
            name: input.name,
            lead_unit_id: input.leadUnitId,
            created_at: tx.clock(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      await tx.db
        .updateTable('meeting_working_groups')
        .set({ name: input.name, lead_unit_id: input.leadUnitId })
        .where('id', '=', id)
        .execute();
      await tx.db.deleteFrom('meeting_working_group_units').where('group_id', '=', id).execute();
      await tx.db.deleteFrom('meeting_working_group_categories').where('group_id', '=', id).execute();
    }
    const unitIds = [...new Set([input.leadUnitId, ...input.unitIds])];
    const groupRow = id;
    await tx.db
      .insertInto('meeting_working_group_units')
      .values(unitIds.map((unit_id) => ({ group_id: groupRow, unit_id })))
      .execute();
    const categoryCodes = [...new Set(input.categoryCodes)];
    await tx.db
      .insertInto('meeting_working_group_categories')
      .values(categoryCodes.map((category_code) => ({ group_id: groupRow, category_code })))
      .execute();
    const version = await bumpVersion(tx, bodyId, row.version);
    await appendBodyEvent(
      tx,
      bodyId,
      actor,
      caseEvent('meeting_group_set', {
        groupId: id,
        name: input.name,
        leadUnitId: input.leadUnitId,
        unitIds,
        categoryCodes,
      }),
    );
    return { id, version };
  });
}

/** Dissolves a working group (its row stays, marked, for the record). */
export async function dissolveWorkingGroup(ctx: AppContext, actor: Staff, bodyId: number, groupId: number) {
  return withTransaction(ctx, async (tx) => {
    const { row } = await lockManaged(tx, actor, bodyId);
    const g = await tx.db
      .selectFrom('meeting_working_groups')
      .select(['id', 'name'])
      .where('id', '=', groupId)
      .where('body_id', '=', bodyId)
      .where('dissolved_at', 'is', null)
      .executeTakeFirst();
    if (!g) throw notFound('专项小组', 'Working group');
    await tx.db
      .updateTable('meeting_working_groups')
      .set({ dissolved_at: tx.clock() })
      .where('id', '=', groupId)
      .execute();
    const version = await bumpVersion(tx, bodyId, row.version);
    await appendBodyEvent(tx, bodyId, actor, caseEvent('meeting_group_dissolved', { groupId, name: g.name }));
    return { id: groupId, version };
  });
}

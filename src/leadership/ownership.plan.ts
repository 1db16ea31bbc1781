import type { z } from 'zod';
import type { TxContext } from '../app/context.ts';
import type { Trx } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { endOfLocalDay, localDateOf } from '../calendar/zoned.ts';
import { insertCaseDeadline } from '../deadlines/case-deadline.repository.ts';
import { planFixedDeadline } from '../deadlines/plan.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { staffUsers } from '../inbox/recipients.ts';
import type { MatterAccessFacts } from '../lifecycle/access-rule.ts';
import { MEMBER_ROLE_LABELS } from '../shared/case-labels.ts';
import type { MemberInput, MemberRole, StepInput } from '../shared/ownership.schema.ts';
import { mayTakePartInOwnership, unitMayJoinOwnership } from '../workflow/case-policy.ts';
import { unitOf } from '../workflow/case.repository.ts';
import { TERMINAL_STATES } from '../lifecycle/state-machine.ts';

/**
 * The team and the plan of an owned case: who may be named on it and how a step is stored with its
 * time limit. Used when the case is opened and when the plan or the team grows.
 */

/** A step still to be carried out: it keeps the written reply waiting and may be reported on. */
export const isOpenStep = (status: string) => status === 'planned' || status === 'in_progress';

/** A matter that has ended (closed, concluded, not accepted, merged) is not owned any more. */
export const matterHasEnded = (state: string) => (TERMINAL_STATES as readonly string[]).includes(state);

/** Roles held by a unit as a whole; the others are held by a named person. */
const UNIT_ROLES: readonly MemberRole[] = ['lead_unit', 'cooperating_unit'];

export interface OwnershipScope {
  caseId: number;
  matter: MatterAccessFacts;
  leaderRegionCode: string;
}

async function person(trx: Trx, id: number, path: string): Promise<StaffUser> {
  const [user] = await staffUsers(trx, [id]);
  if (!user) throw fieldError(path, '人员不存在或已停用', 'no such active user');
  return user;
}

/** Checks a step's owner and date, stores it with its deadline; returns what the event records. */
export async function addPlanStep(
  tx: TxContext,
  scope: OwnershipScope,
  step: z.output<typeof StepInput>,
  /** Where the fields sit in the request body: "" or "steps.0." */
  prefix: string,
) {
  const trx = tx.db;
  const owner = await person(trx, step.ownerId, `${prefix}ownerId`);
  if (!mayTakePartInOwnership(owner, scope.leaderRegionCode, scope.matter))
    throw fieldError(
      `${prefix}ownerId`,
      `「${owner.displayName}（${owner.unit.name}）」不在包案领导的辖区内或无权查看此事项，不能负责步骤`,
      `${owner.displayName} (${owner.unit.name}) is outside the lead leader's region or may not see this matter`,
    );
  if (step.dueDate < localDateOf(tx.clock()))
    throw fieldError(`${prefix}dueDate`, '完成期限不能早于今天', 'the due date may not be in the past');
  const last = await trx
    .selectFrom('ownership_steps')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('case_id', '=', scope.caseId)
    .executeTakeFirst();
  const deadlineId = await insertCaseDeadline(
    trx,
    scope.caseId,
    planFixedDeadline(
      tx.calendar.calendar,
      tx.calendar.limit('ownership_step'),
      'ownership_step',
      tx.clock(),
      step.dueDate,
      endOfLocalDay(step.dueDate),
    ),
    owner.unit.id,
  );
  const row = await trx
    .insertInto('ownership_steps')
    .values({
      case_id: scope.caseId,
      position: Number(last?.max ?? 0) + 1,
      title: step.title,
      owner_id: owner.id,
      due_date: step.dueDate,
      deadline_id: deadlineId,
      created_at: tx.clock(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { stepId: row.id, title: step.title, ownerId: owner.id, dueDate: step.dueDate };
}

/**
 * Checks a team member and stores them: a lead or cooperating unit as a whole, or a named deputy
 * leader or liaison (of their own unit), all from within the leader's region and able to read the
 * matter.
 */
export async function addTeamMember(
  tx: TxContext,
  scope: OwnershipScope,
  m: z.output<typeof MemberInput>,
  /** Where the fields sit in the request body: "" or "steps.0." */
  prefix: string,
) {
  const trx = tx.db;
  const role = MEMBER_ROLE_LABELS[m.role];
  const unitRole = UNIT_ROLES.includes(m.role);
  if (unitRole && (m.unitId === undefined || m.userId !== undefined))
    throw fieldError(
      `${prefix}unitId`,
      `「${role.zh}」是单位，请只指定单位`,
      `a ${role.en.toLowerCase()} is a unit: give the unit only`,
    );
  if (!unitRole && m.userId === undefined)
    throw fieldError(
      `${prefix}userId`,
      `「${role.zh}」是具体人员，请指定人员`,
      `a ${role.en.toLowerCase()} is a person: give the user`,
    );
  let unitId: number;
  let userId: number | null = null;
  if (m.userId !== undefined) {
    const p = await person(trx, m.userId, `${prefix}userId`);
    if (m.unitId !== undefined && m.unitId !== p.unit.id)
      throw fieldError(`${prefix}unitId`, '人员不属于所填单位', 'the user is not of that unit');
    if (!mayTakePartInOwnership(p, scope.leaderRegionCode, scope.matter))
      throw fieldError(
        `${prefix}userId`,
        `「${p.displayName}（${p.unit.name}）」不在包案领导的辖区内或无权查看此事项`,
        `${p.displayName} (${p.unit.name}) is outside the lead leader's region or may not see this matter`,
      );
    unitId = p.unit.id;
    userId = p.id;
  } else {
    const unit = await trx.selectFrom('units').selectAll().where('id', '=', m.unitId!).executeTakeFirst();
    if (!unit || !unit.active)
      throw fieldError(`${prefix}unitId`, '单位不存在或已停用', 'no such active unit');
    if (!unitMayJoinOwnership(unitOf(unit), scope.leaderRegionCode, scope.matter))
      throw fieldError(
        `${prefix}unitId`,
        `「${unit.name}」不在包案领导的辖区内或无权查看此事项`,
        `${unit.name} is outside the lead leader's region or may not see this matter`,
      );
    unitId = unit.id;
  }
  const existing = await trx
    .selectFrom('ownership_members')
    .select('id')
    .where('case_id', '=', scope.caseId)
    .where('unit_id', '=', unitId)
    .where((eb) => (userId === null ? eb('user_id', 'is', null) : eb('user_id', '=', userId)))
    .executeTakeFirst();
  if (existing) throw new AppError('conflict', '该成员已在包案专班中', 'This member is already on the team');
  await trx
    .insertInto('ownership_members')
    .values({ case_id: scope.caseId, unit_id: unitId, user_id: userId, role: m.role, added_at: tx.clock() })
    .execute();
  return { role: m.role, unitId, userId };
}

/** A card to bind must be one issued on the same matter and not withdrawn. */
export async function checkCardToBind(trx: Trx, cardId: number, matterId: number, path: string) {
  const card = await trx
    .selectFrom('cases')
    .select(['id', 'state'])
    .where('id', '=', cardId)
    .where('type', '=', 'supervision_card')
    .where('matter_id', '=', matterId)
    .executeTakeFirst();
  if (!card || card.state === 'withdrawn')
    throw fieldError(
      path,
      '督办单不存在、不属于此事项或已撤销',
      'no such supervision card on this matter, or it was withdrawn',
    );
  return card.id;
}

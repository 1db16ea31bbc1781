import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { Trx } from '../audit/event-log.ts';
import { closeCaseDeadlines } from '../deadlines/case-deadline.repository.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { staffUsers, unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import {
  AddMemberInput,
  AddStepInput,
  BindCardInput,
  OpenOwnershipInput,
  OwnershipCommentInput,
  OwnershipReplyInput,
  ReleaseOwnershipInput,
  ReportStepInput,
} from '../shared/ownership.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canOwnMatter, canReportOnStep, mayLeadOwnership } from '../workflow/case-policy.ts';
import { matterInScope, openCase } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { OWNERSHIP_BINDING, type LockedOwnership } from './ownership.binding.ts';
import {
  addPlanStep,
  addTeamMember,
  checkCardToBind,
  isOpenStep,
  matterHasEnded,
  type OwnershipScope,
} from './ownership.plan.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Those of a member unit who are told they are on the team. */
const MEMBER_UNIT_ROLES = ['officer', 'unit_head', 'leader'] as const;

const scopeOf = (caseId: number, o: LockedOwnership): OwnershipScope => ({
  caseId,
  matter: o.extra.facts.matter,
  leaderRegionCode: o.extra.facts.leaderRegionCode,
});

async function teamPeople(trx: Trx, members: readonly { unitId: number; userId: number | null }[]) {
  const units = members.filter((m) => m.userId === null).map((m) => m.unitId);
  const people = members.flatMap((m) => (m.userId === null ? [] : [m.userId]));
  return [...people, ...(await unitStaff(trx, units, MEMBER_UNIT_ROLES))];
}

/**
 * 领导包案: a leader of the matter's region takes ownership of it, or the petition bureau of the
 * region opens it on a named leader's behalf, with the problem, the goal, the team, the first
 * steps of the plan and, optionally, the supervision card already issued on the matter.
 */
export async function openOwnership(ctx: AppContext, actor: Staff, matterId: number, body: unknown) {
  const input = parseOrThrow(OpenOwnershipInput, body);
  return withTransaction(ctx, async (tx) => {
    const trx = tx.db;
    const { row, facts } = await matterInScope(trx, actor.user, matterId);
    if (!canOwnMatter(actor.user, facts))
      throw forbidden(
        '只有事项属地的领导或信访部门负责人、督查人员可以确定包案',
        'Only a leader of the matter’s region, or its petition bureau, may assign case ownership',
      );
    if (matterHasEnded(row.state))
      throw new AppError(
        'conflict',
        '事项已终结，不能再确定包案',
        'The matter has ended: it can no longer be owned',
      );
    const leaderId = input.leaderId ?? actor.user.id;
    const [leader] = await staffUsers(trx, [leaderId]);
    if (!leader || !mayLeadOwnership(leader, facts))
      throw fieldError(
        'leaderId',
        input.leaderId === undefined
          ? '请指定包案领导（事项属地的领导）'
          : '所指定的人员不是事项属地的领导，不能包案',
        input.leaderId === undefined
          ? 'name the lead leader (a leader of the matter’s region)'
          : 'that user is not a leader of the matter’s region',
      );
    const current = await trx
      .selectFrom('case_ownerships as o')
      .innerJoin('users as u', 'u.id', 'o.leader_id')
      .select('u.display_name')
      .where('o.matter_id', '=', matterId)
      .where('o.in_force', '=', true)
      .executeTakeFirst();
    if (current)
      throw new AppError(
        'conflict',
        `此事项已由「${current.display_name}」包案，一个问题只由一位领导包案`,
        `${current.display_name} already owns this matter: one problem has one lead leader`,
      );
    return openCase(
      tx,
      actor,
      { type: 'ownership', state: 'owned', matterId, regionCode: row.region_code },
      async (caseId) => {
        const cardId =
          input.cardId === undefined ? null : await checkCardToBind(trx, input.cardId, matterId, 'cardId');
        await trx
          .insertInto('case_ownerships')
          .values({
            case_id: caseId,
            matter_id: matterId,
            leader_id: leader.id,
            problem: input.problem,
            goal: input.goal ?? null,
            card_case_id: cardId,
          })
          .execute();
        const scope = { caseId, matter: facts, leaderRegionCode: leader.unit.regionCode };
        const members = [];
        for (const [i, m] of input.members.entries())
          members.push(await addTeamMember(tx, scope, m, `members.${i}.`));
        const steps = [];
        for (const [i, s] of input.steps.entries())
          steps.push(await addPlanStep(tx, scope, s, `steps.${i}.`));
        const base = { matterId, caseId };
        const told = leader.id === actor.user.id ? [] : [leader.id];
        return {
          events: [
            caseEvent('ownership_opened', {
              leaderId: leader.id,
              problem: input.problem,
              goal: input.goal ?? null,
              steps: steps.length,
              members: members.length,
              cardId,
            }),
            ...steps.map((s) => caseEvent('ownership_step_added', s)),
          ],
          notify: [
            {
              ...base,
              kind: 'ownership_assigned',
              userIds: [...told, ...(await teamPeople(trx, members))],
              payload: { leaderName: leader.displayName, excerpt: input.problem.slice(0, 80) },
            },
            ...steps.map((s): NotificationDraft => ({
              ...base,
              kind: 'ownership_step_assigned',
              userIds: [s.ownerId],
              payload: { title: s.title, dueDate: s.dueDate },
            })),
          ],
        };
      },
    );
  });
}

export async function addStep(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AddStepInput, body);
  return runWorkflowCommand(
    ctx,
    OWNERSHIP_BINDING,
    actor,
    caseId,
    'add_step',
    async ({ ctx: tx, locked }) => {
      const step = await addPlanStep(tx, scopeOf(caseId, locked), input, '');
      return {
        events: [caseEvent('ownership_step_added', step)],
        notify: [
          {
            kind: 'ownership_step_assigned',
            userIds: [step.ownerId],
            matterId: locked.row.matter_id,
            caseId,
            payload: { title: step.title, dueDate: step.dueDate },
          },
        ],
      };
    },
  );
}

/**
 * Progress on one step of the plan, by its owner or the owner side: a figure, a status and what was
 * done. A step reported done or cancelled ends its time limit; the leader is told.
 */
export async function reportProgress(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ReportStepInput, body);
  return runWorkflowCommand(ctx, OWNERSHIP_BINDING, actor, caseId, 'report', async ({ trx, now, locked }) => {
    const step = locked.extra.steps.find((s) => s.id === input.stepId);
    if (!step) throw fieldError('stepId', '方案中没有这个步骤', 'no such step in this plan');
    if (!canReportOnStep(actor.user, locked.extra.facts, step.ownerId))
      throw forbidden(
        '只有步骤负责人或包案领导可以报告此步骤的进展',
        'Only the step’s owner or the lead leader may report on this step',
      );
    if (!isOpenStep(step.status))
      throw new AppError(
        'conflict',
        '该步骤已完成或已取消，不能再报告进展',
        'This step is done or cancelled: no more progress can be reported on it',
      );
    // Done means done: a step reported done counts fully in the plan's progress.
    const progress = input.status === 'done' ? 100 : input.progress;
    await trx
      .updateTable('ownership_steps')
      .set({ progress, status: input.status, last_report: input.note, last_reported_at: now })
      .where('id', '=', step.id)
      .execute();
    if ((input.status === 'done' || input.status === 'cancelled') && step.deadlineId !== null)
      await trx
        .updateTable('case_deadlines')
        .set({ status: input.status === 'done' ? 'met' : 'cancelled', closed_at: now })
        .where('id', '=', step.deadlineId)
        .where('status', '=', 'open')
        .execute();
    const leaderId = locked.extra.facts.leaderId;
    return {
      events: [
        caseEvent('ownership_progress', {
          stepId: step.id,
          title: step.title,
          progress,
          status: input.status,
          note: input.note,
        }),
      ],
      notify: [
        {
          kind: 'ownership_progress',
          userIds: leaderId === actor.user.id ? [] : [leaderId],
          matterId: locked.row.matter_id,
          caseId,
          payload: { title: step.title, progress, status: input.status },
        },
      ],
    };
  });
}

export async function addMember(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AddMemberInput, body);
  return runWorkflowCommand(
    ctx,
    OWNERSHIP_BINDING,
    actor,
    caseId,
    'add_member',
    async ({ trx, ctx: tx, locked }) => {
      const member = await addTeamMember(tx, scopeOf(caseId, locked), input, '');
      return {
        events: [caseEvent('ownership_member_added', member)],
        notify: [
          {
            kind: 'ownership_assigned',
            userIds: await teamPeople(trx, [member]),
            matterId: locked.row.matter_id,
            caseId,
            payload: {},
          },
        ],
      };
    },
  );
}

/** "One supervision card": the card issued on the matter is bound to the case, once. */
export async function bindCard(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(BindCardInput, body);
  return runWorkflowCommand(ctx, OWNERSHIP_BINDING, actor, caseId, 'bind_card', async ({ trx, locked }) => {
    if (locked.extra.cardCaseId !== null)
      throw new AppError(
        'conflict',
        '此包案已关联督办单（一案一督办单）',
        'A supervision card is already bound to this case (one card per case)',
      );
    const cardId = await checkCardToBind(trx, input.cardId, locked.row.matter_id!, 'cardId');
    await trx
      .updateTable('case_ownerships')
      .set({ card_case_id: cardId })
      .where('case_id', '=', caseId)
      .execute();
    return { events: [caseEvent('ownership_card_bound', { cardId })] };
  });
}

/**
 * "One written reply": the leader's written account of how the problem was dealt with, given when
 * the plan has steps and every one of them is done or cancelled. Whether the problem counts as
 * resolved is still read from the matter.
 */
export async function replyToOwnership(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(OwnershipReplyInput, body);
  return runWorkflowCommand(ctx, OWNERSHIP_BINDING, actor, caseId, 'reply', async ({ trx, now, locked }) => {
    const steps = locked.extra.steps;
    const open = steps.filter((s) => isOpenStep(s.status));
    if (steps.length === 0)
      throw new AppError(
        'conflict',
        '化解方案还没有步骤，不能书面答复',
        'The plan has no steps yet: the written reply comes at its end',
      );
    if (open.length > 0)
      throw new AppError(
        'conflict',
        `化解方案还有 ${open.length} 个步骤未完成：${open.map((s) => s.title).join('；')}`,
        `${open.length} step(s) of the plan are not done: ${open.map((s) => s.title).join('; ')}`,
      );
    await trx
      .updateTable('case_ownerships')
      .set({ written_reply: input.reply, replied_by: actor.user.id, replied_at: now, in_force: false })
      .where('case_id', '=', caseId)
      .execute();
    await closeCaseDeadlines(trx, caseId, 'cancelled', now);
    return { events: [caseEvent('ownership_replied', { reply: input.reply })] };
  });
}

export async function releaseOwnership(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ReleaseOwnershipInput, body);
  return runWorkflowCommand(ctx, OWNERSHIP_BINDING, actor, caseId, 'release', async ({ trx, now }) => {
    await trx.updateTable('case_ownerships').set({ in_force: false }).where('case_id', '=', caseId).execute();
    await closeCaseDeadlines(trx, caseId, 'cancelled', now);
    return { events: [caseEvent('ownership_released', { reason: input.reason })] };
  });
}

export async function commentOnOwnership(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(OwnershipCommentInput, body);
  return runWorkflowCommand(ctx, OWNERSHIP_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('ownership_comment', { comment: input.comment })],
  }));
}

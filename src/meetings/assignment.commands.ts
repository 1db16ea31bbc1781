import type { AppContext } from '../app/context.ts';
import type { Trx } from '../audit/event-log.ts';
import { closeCaseDeadlines, insertCaseDeadline } from '../deadlines/case-deadline.repository.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import {
  AssignmentCommentInput,
  AssignmentNoteInput,
  ReportAssignmentInput,
  ReturnAssignmentInput,
  WithdrawAssignmentInput,
} from '../shared/meeting.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { staffOpenerOf } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { ASSIGNEE_ROLES, futureDueDate, planAssignmentDue } from './assignment.open.ts';
import { ASSIGNMENT_BINDING, type LockedAssignment } from './meeting.binding.ts';

type Staff = CaseActor & { kind: 'staff' };

/** The convener side told of a report or a mark: who handed it down, their unit's supervisors, the convener leader. */
export async function convenerRecipients(trx: Trx, a: LockedAssignment): Promise<number[]> {
  const supervisors = await unitStaff(trx, [a.row.unit_id], ['supervisor']);
  const leader = a.extra.facts.body.convenerLeaderId;
  return [staffOpenerOf(a.row), ...supervisors, ...(leader === null ? [] : [leader])];
}

const notice = (
  kind: NotificationDraft['kind'],
  userIds: number[],
  a: LockedAssignment,
  payload: Record<string, unknown>,
): NotificationDraft => ({
  kind,
  userIds,
  matterId: a.row.matter_id,
  caseId: a.row.id,
  payload: { meetingId: a.extra.meetingId, ...payload },
});

/** The unit reports back what it did; the convener side is told and accepts or returns it. */
export async function reportAssignment(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ReportAssignmentInput, body);
  return runWorkflowCommand(
    ctx,
    ASSIGNMENT_BINDING,
    actor,
    caseId,
    'report',
    async ({ trx, now, locked }) => {
      await trx
        .updateTable('meeting_assignments')
        .set({ report: input.report, reported_by: actor.user.id, reported_at: now })
        .where('case_id', '=', caseId)
        .execute();
      await closeCaseDeadlines(trx, caseId, 'met', now);
      return {
        events: [
          caseEvent('meeting_assignment_reported', { report: input.report, unitId: actor.user.unit.id }),
        ],
        notify: [
          notice('meeting_assignment_reported', await convenerRecipients(trx, locked), locked, {
            unitName: actor.user.unit.name,
            excerpt: input.report.slice(0, 80),
          }),
        ],
      };
    },
  );
}

export async function acceptAssignment(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AssignmentNoteInput, body ?? {});
  return runWorkflowCommand(ctx, ASSIGNMENT_BINDING, actor, caseId, 'accept', async ({ trx, locked }) => ({
    events: [caseEvent('meeting_assignment_accepted', { note: input.note ?? null })],
    notify: [
      notice(
        'meeting_assignment_accepted',
        await unitStaff(trx, [locked.extra.facts.unitId], ASSIGNEE_ROLES),
        locked,
        { excerpt: locked.extra.task.slice(0, 80) },
      ),
    ],
  }));
}

/** The convener side returns the report with a reason and a new date: the unit must report again. */
export async function returnAssignment(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ReturnAssignmentInput, body);
  return runWorkflowCommand(
    ctx,
    ASSIGNMENT_BINDING,
    actor,
    caseId,
    'return',
    async ({ trx, ctx: tx, locked }) => {
      futureDueDate(tx, input.dueDate, 'dueDate');
      await trx
        .updateTable('meeting_assignments')
        .set({
          report: null,
          reported_by: null,
          reported_at: null,
          due_date: input.dueDate,
          returns: locked.extra.returns + 1,
        })
        .where('case_id', '=', caseId)
        .execute();
      await insertCaseDeadline(trx, caseId, planAssignmentDue(tx, input.dueDate), locked.extra.facts.unitId);
      return {
        events: [caseEvent('meeting_assignment_returned', { reason: input.reason, dueDate: input.dueDate })],
        notify: [
          notice(
            'meeting_assignment_returned',
            await unitStaff(trx, [locked.extra.facts.unitId], ASSIGNEE_ROLES),
            locked,
            { dueDate: input.dueDate, excerpt: input.reason.slice(0, 80) },
          ),
        ],
      };
    },
  );
}

export async function withdrawAssignment(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(WithdrawAssignmentInput, body);
  return runWorkflowCommand(ctx, ASSIGNMENT_BINDING, actor, caseId, 'withdraw', async ({ trx, now }) => {
    await closeCaseDeadlines(trx, caseId, 'cancelled', now);
    return { events: [caseEvent('meeting_assignment_withdrawn', { reason: input.reason })] };
  });
}

export async function commentOnAssignment(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AssignmentCommentInput, body);
  return runWorkflowCommand(ctx, ASSIGNMENT_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('meeting_assignment_comment', { comment: input.comment })],
  }));
}

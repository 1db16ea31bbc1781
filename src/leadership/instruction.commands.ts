import { caseEvent } from '../shared/case-events.ts';
import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { endOfLocalDay, localDateOf } from '../calendar/zoned.ts';
import { closeCaseDeadlines, insertCaseDeadline } from '../deadlines/case-deadline.repository.ts';
import { planFixedDeadline } from '../deadlines/plan.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { unitStaff } from '../inbox/recipients.ts';
import {
  AnswerInstructionInput,
  CloseInstructionInput,
  CommentInstructionInput,
  IssueInstructionInput,
} from '../shared/leadership.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canIssueInstruction, instructionAnswerPending, unitMaySeeMatter } from '../workflow/case-policy.ts';
import { matterInScope, openCase, staffOpenerOf, unitOf } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { INSTRUCTION_BINDING } from './instruction.binding.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Who in an addressed unit is told of an instruction: those who answer for the unit. */
const ANSWERING_ROLES = ['officer', 'unit_head', 'leader'] as const;

/**
 * 阅批: a leader writes an instruction on a matter to the units that must answer it, optionally by
 * a date (then each unit's answer is a time limit the scanner warns about and marks overdue).
 */
export async function issueInstruction(ctx: AppContext, actor: Staff, matterId: number, body: unknown) {
  const input = parseOrThrow(IssueInstructionInput, body);
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length !== input.unitIds.length)
    throw fieldError('unitIds', '同一单位只能列一次', 'each unit may be listed once');
  return withTransaction(ctx, async (tx) => {
    const trx = tx.db;
    const { row, facts } = await matterInScope(trx, actor.user, matterId);
    if (!canIssueInstruction(actor.user, facts))
      throw forbidden(
        '只有事项所属范围的领导可以批示',
        'Only a leader of the matter’s scope may instruct on it',
      );
    const units = await trx
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'level', 'region_code', 'active'])
      .where('id', 'in', unitIds)
      .execute();
    for (const [i, id] of unitIds.entries()) {
      const u = units.find((x) => x.id === id);
      if (!u || !u.active) throw fieldError(`unitIds.${i}`, '单位不存在或已停用', 'no such active unit');
      // The addressed unit must be able to read what it answers; a report of misconduct is never
      // sent to the unit it reports (the access rule hides it from that unit).
      if (!unitMaySeeMatter(unitOf(u), facts))
        throw fieldError(
          `unitIds.${i}`,
          `「${u.name}」无权查看此事项，不能作为批示对象（请先交办或转送给该单位）`,
          `${u.name} may not see this matter and cannot be addressed (assign the matter to it first)`,
        );
    }
    const now = tx.clock();
    let deadline = null;
    if (input.answerBy) {
      if (input.answerBy < localDateOf(now))
        throw fieldError('answerBy', '答复日期不能早于今天', 'the answer-by date may not be in the past');
      const limit = tx.calendar.limit('instruction_answer');
      deadline = planFixedDeadline(
        tx.calendar.calendar,
        limit,
        'instruction_answer',
        now,
        input.answerBy,
        endOfLocalDay(input.answerBy),
      );
    }
    const recipients = await unitStaff(trx, unitIds, ANSWERING_ROLES);
    const excerpt = input.body.slice(0, 80);
    return openCase(
      tx,
      actor,
      { type: 'instruction', state: 'open', matterId, regionCode: row.region_code },
      async (caseId) => {
        await trx
          .insertInto('instructions')
          .values({ case_id: caseId, body: input.body, answer_by: input.answerBy ?? null })
          .execute();
        await trx
          .insertInto('instruction_addressees')
          .values(unitIds.map((unit_id) => ({ case_id: caseId, unit_id })))
          .execute();
        if (deadline) for (const u of unitIds) await insertCaseDeadline(trx, caseId, deadline, u);
        return {
          events: [
            caseEvent('instruction_issued', { body: input.body, unitIds, answerBy: input.answerBy ?? null }),
          ],
          notify: [
            {
              kind: 'instruction_received',
              userIds: recipients,
              matterId,
              caseId,
              payload: { excerpt, answerBy: input.answerBy ?? null, caseNumber: row.case_number },
            },
          ],
        };
      },
    );
  });
}

/** An addressed unit answers; the last unit's answer completes the instruction. The leader is told. */
export async function answerInstruction(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AnswerInstructionInput, body);
  return runWorkflowCommand(
    ctx,
    INSTRUCTION_BINDING,
    actor,
    caseId,
    'answer',
    async ({ trx, now, locked }) => {
      const unitId = actor.user.unit.id;
      if (!instructionAnswerPending(actor.user, locked.extra.facts))
        throw new AppError(
          'conflict',
          '贵单位已答复此批示，不能重复答复',
          'Your unit has already answered this instruction',
        );
      await trx
        .updateTable('instruction_addressees')
        .set({ answer: input.answer, answered_by: actor.user.id, answered_at: now })
        .where('case_id', '=', caseId)
        .where('unit_id', '=', unitId)
        .where('answered_at', 'is', null)
        .execute();
      await closeCaseDeadlines(trx, caseId, 'met', now, unitId);
      const remaining = locked.extra.facts.addressees.filter(
        (a) => !a.answered && a.unitId !== unitId,
      ).length;
      return {
        to: remaining === 0 ? 'answered' : 'open',
        events: [caseEvent('instruction_answered', { unitId, answer: input.answer, remaining })],
        notify: [
          {
            kind: 'instruction_answered',
            userIds: [staffOpenerOf(locked.row)],
            matterId: locked.row.matter_id,
            caseId,
            payload: { unitName: actor.user.unit.name, excerpt: input.answer.slice(0, 80), remaining },
          },
        ],
      };
    },
  );
}

/** The leader closes an answered instruction (satisfied with the answers). */
export async function closeInstruction(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CloseInstructionInput, body ?? {});
  return runWorkflowCommand(ctx, INSTRUCTION_BINDING, actor, caseId, 'close', async () => ({
    events: [caseEvent('instruction_closed', { note: input.note ?? null })],
  }));
}

/** The leader withdraws an instruction still open; the units' time limits end with it. */
export async function withdrawInstruction(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CloseInstructionInput, body ?? {});
  return runWorkflowCommand(ctx, INSTRUCTION_BINDING, actor, caseId, 'withdraw', async ({ trx, now }) => {
    await closeCaseDeadlines(trx, caseId, 'cancelled', now);
    return { events: [caseEvent('instruction_withdrawn', { note: input.note ?? null })] };
  });
}

/** A comment on the record of an instruction by its leader or an addressed unit. */
export async function commentOnInstruction(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CommentInstructionInput, body);
  return runWorkflowCommand(ctx, INSTRUCTION_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('instruction_comment', { comment: input.comment })],
  }));
}

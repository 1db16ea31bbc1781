import type { z } from 'zod';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { endOfLocalDay, localDateOf } from '../calendar/zoned.ts';
import { closeCaseDeadlines, insertCaseDeadline } from '../deadlines/case-deadline.repository.ts';
import { planDeadline, planFixedDeadline } from '../deadlines/plan.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { levelLeaders, unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import {
  AnswerCardInput,
  CardCommentInput,
  CardNoteInput,
  IssueCardInput,
  IssueUnitCardInput,
  ReturnCardInput,
} from '../shared/supervision.schema.ts';
import { hasRole } from '../auth/staff-user.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canIssueCard, unitMaySeeMatter } from '../workflow/case-policy.ts';
import { matterInScope, openCase, staffOpenerOf, unitOf } from '../workflow/case.repository.ts';
import { executeWorkflowCommand, runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { CARD_BINDING } from './card.binding.ts';
import { NEXT_LEVEL } from './card.workflow.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Who in the unit a card is addressed to is told of it: those who answer for the unit. */
const ANSWERING_ROLES = ['officer', 'unit_head', 'leader'] as const;

function futureDate(tx: TxContext, date: string, path: string) {
  if (date < localDateOf(tx.clock()))
    throw fieldError(path, '答复期限不能早于今天', 'the answer-by date may not be in the past');
}

/** The card's answer-by date as a deadline the scanner warns about and escalates at. */
function planAnswerBy(tx: TxContext, date: string) {
  return planFixedDeadline(
    tx.calendar.calendar,
    tx.calendar.limit('card_answer'),
    'card_answer',
    tx.clock(),
    date,
    endOfLocalDay(date),
  );
}

type IssueInput = z.output<typeof IssueCardInput>;
type ScopedMatter = Awaited<ReturnType<typeof matterInScope>>;

/**
 * 督查督办: a supervisor issues a card on a matter of their region to the unit that must answer it
 * (by default the unit leading the matter), with a reason, a demand, a level and an answer-by date.
 */
export async function issueCard(ctx: AppContext, actor: Staff, matterId: number, body: unknown) {
  const input = parseOrThrow(IssueCardInput, body);
  return withTransaction(ctx, async (tx) => {
    const scoped = await matterInScope(tx.db, actor.user, matterId);
    if (!canIssueCard(actor.user, scoped.facts))
      throw forbidden(
        '只有事项属地的督查人员可以发出督办单',
        'Only a supervisor of the matter’s region may issue a supervision card',
      );
    const unitId = input.unitId ?? scoped.facts.leadUnitId;
    if (unitId === null)
      throw fieldError(
        'unitId',
        '事项尚无牵头单位，请指定被督办单位',
        'the matter has no lead unit: name the unit',
      );
    return openCard(tx, actor, input, { unitId, matters: [scoped], onMatter: scoped.row });
  });
}

/**
 * A card on a unit's set of matters (对单位督办): one demand, one answer, for several matters of the
 * supervisor's region that the unit handles — its backlog, say. Each matter must be one the
 * supervisor may issue a card on and the unit may see; otherwise nothing is stored.
 */
export async function issueUnitCard(ctx: AppContext, actor: Staff, body: unknown) {
  const input = parseOrThrow(IssueUnitCardInput, body);
  return withTransaction(ctx, async (tx) => {
    if (!hasRole(actor.user, 'supervisor') || !hasRegionScope(actor.user.unit))
      throw forbidden(
        '只有信访部门或党委政府的督查人员可以对单位督办',
        'Only a supervisor of a petition bureau or a government may issue a card on a unit',
      );
    const matters: ScopedMatter[] = [];
    for (const [i, id] of input.matterIds.entries()) {
      if (matters.some((m) => m.row.id === id)) continue;
      // Not found and not visible read alike, so the error names no matter the user may not see.
      const scoped = await matterInScope(tx.db, actor.user, id).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') return null;
        throw e;
      });
      if (!scoped || !canIssueCard(actor.user, scoped.facts))
        throw fieldError(
          `matterIds.${i}`,
          `事项 ${id} 不存在或不在您可督办的范围内`,
          `matter ${id} does not exist or is outside the region you may supervise`,
        );
      matters.push(scoped);
    }
    return openCard(tx, actor, input, { unitId: input.unitId, matters, onMatter: null });
  });
}

/**
 * Opens the card to the unit on its matters. A card on one matter (`onMatter`) lies in that
 * matter's region and joins its timeline; a card on a unit's set lies in the supervisor's region.
 */
async function openCard(
  tx: TxContext,
  actor: Staff,
  input: IssueInput,
  target: {
    unitId: number;
    matters: readonly ScopedMatter[];
    onMatter: { id: number; region_code: string } | null;
  },
) {
  const { unitId, matters } = target;
  const trx = tx.db;
  const unit = await trx.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
  if (!unit || !unit.active) throw fieldError('unitId', '单位不存在或已停用', 'no such active unit');
  // The unit must be able to read each matter it answers for; a report of misconduct is never
  // supervised through the unit it reports (the access rule hides it from that unit).
  for (const { row, facts } of matters)
    if (!unitMaySeeMatter(unitOf(unit), facts))
      throw fieldError(
        'unitId',
        `「${unit.name}」无权查看事项 ${row.case_number}，不能作为被督办单位`,
        `${unit.name} may not see matter ${row.case_number} and cannot be supervised on it`,
      );
  futureDate(tx, input.answerBy, 'answerBy');
  const deadline = planAnswerBy(tx, input.answerBy);
  const recipients = await unitStaff(trx, [unitId], ANSWERING_ROLES);
  const red = input.level === 'red' ? await levelLeaders(trx, unitId) : [];
  const matterIds = matters.map((m) => m.row.id);
  const single = target.onMatter?.id ?? null;
  const regionCode = target.onMatter?.region_code ?? actor.user.unit.regionCode;
  return openCase(
    tx,
    actor,
    { type: 'supervision_card', state: 'issued', matterId: single, regionCode },
    async (caseId) => {
      await trx
        .insertInto('supervision_cards')
        .values({
          case_id: caseId,
          target_unit_id: unitId,
          level: input.level,
          reason: input.reason,
          demand: input.demand,
          answer_by: input.answerBy,
        })
        .execute();
      await trx
        .insertInto('supervision_card_matters')
        .values(matterIds.map((matter_id) => ({ case_id: caseId, matter_id })))
        .execute();
      await insertCaseDeadline(trx, caseId, deadline, unitId);
      return {
        events: [
          caseEvent('card_issued', {
            reason: input.reason,
            demand: input.demand,
            level: input.level,
            answerBy: input.answerBy,
            unitId,
            ...(single === null ? { matterIds } : {}),
          }),
        ],
        notify: [
          {
            kind: 'card_received',
            userIds: [...recipients, ...red],
            matterId: single,
            caseId,
            payload: {
              level: input.level,
              answerBy: input.answerBy,
              excerpt: input.demand.slice(0, 80),
              ...(single === null ? { matters: matterIds.length } : {}),
            },
          },
        ],
      };
    },
  );
}

/** The unit answers: what it did. The supervisor is told and accepts or returns it. */
export async function answerCard(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AnswerCardInput, body);
  return runWorkflowCommand(ctx, CARD_BINDING, actor, caseId, 'answer', async ({ trx, now, locked }) => {
    const ids = [...new Set(input.attachmentIds)];
    if (ids.length > 0) {
      const found = await trx
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', ids)
        .where(
          'matter_id',
          'in',
          locked.extra.matters.map((m) => m.id),
        )
        .execute();
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0)
        throw fieldError(
          'attachmentIds',
          `附件 ${missing.join('、')} 不是督办事项的附件；请先在事项的附件中上传`,
          `attachment(s) ${missing.join(', ')} are not attached to the card's matters: upload them to the matter first`,
        );
      await trx
        .insertInto('card_answer_attachments')
        .values(ids.map((attachment_id) => ({ case_id: caseId, attachment_id })))
        .execute();
    }
    await trx
      .updateTable('supervision_cards')
      .set({ answer: input.answer, answered_by: actor.user.id, answered_at: now })
      .where('case_id', '=', caseId)
      .execute();
    await closeCaseDeadlines(trx, caseId, 'met', now);
    const supervisors = await unitStaff(trx, [locked.row.unit_id], ['supervisor']);
    return {
      events: [
        caseEvent('card_answered', { answer: input.answer, unitId: actor.user.unit.id, attachmentIds: ids }),
      ],
      notify: [
        {
          kind: 'card_answered',
          userIds: [staffOpenerOf(locked.row), ...supervisors],
          matterId: locked.row.matter_id,
          caseId,
          payload: {
            unitName: actor.user.unit.name,
            excerpt: input.answer.slice(0, 80),
            level: locked.extra.level,
          },
        },
      ],
    };
  });
}

const toTarget = (
  kind: NotificationDraft['kind'],
  userIds: number[],
  c: { row: { matter_id: number | null }; id: number },
  payload: Record<string, unknown>,
): NotificationDraft => ({ kind, userIds, matterId: c.row.matter_id, caseId: c.id, payload });

/** The supervisor accepts the answer: the card is done. */
export async function acceptCard(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CardNoteInput, body ?? {});
  return runWorkflowCommand(ctx, CARD_BINDING, actor, caseId, 'accept', async ({ trx, locked }) => ({
    events: [caseEvent('card_accepted', { note: input.note ?? null })],
    notify: [
      toTarget(
        'card_accepted',
        await unitStaff(trx, [locked.extra.facts.targetUnitId], ANSWERING_ROLES),
        { row: locked.row, id: caseId },
        {},
      ),
    ],
  }));
}

/** The supervisor returns the answer with a reason and a new date: the unit must answer again. */
export async function returnCard(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ReturnCardInput, body);
  return runWorkflowCommand(ctx, CARD_BINDING, actor, caseId, 'return', async ({ trx, ctx: tx, locked }) => {
    futureDate(tx, input.answerBy, 'answerBy');
    await trx
      .updateTable('supervision_cards')
      .set({ answer: null, answered_by: null, answered_at: null, answer_by: input.answerBy })
      .where('case_id', '=', caseId)
      .execute();
    await trx.deleteFrom('card_answer_attachments').where('case_id', '=', caseId).execute();
    await insertCaseDeadline(trx, caseId, planAnswerBy(tx, input.answerBy), locked.extra.facts.targetUnitId);
    return {
      events: [caseEvent('card_returned', { reason: input.reason, answerBy: input.answerBy })],
      notify: [
        toTarget(
          'card_returned',
          await unitStaff(trx, [locked.extra.facts.targetUnitId], ANSWERING_ROLES),
          { row: locked.row, id: caseId },
          { answerBy: input.answerBy, excerpt: input.reason.slice(0, 80) },
        ),
      ],
    };
  });
}

export async function withdrawCard(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CardNoteInput, body ?? {});
  return runWorkflowCommand(ctx, CARD_BINDING, actor, caseId, 'withdraw', async ({ trx, now }) => {
    await closeCaseDeadlines(trx, caseId, 'cancelled', now);
    return { events: [caseEvent('card_withdrawn', { note: input.note ?? null })] };
  });
}

export async function commentOnCard(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CardCommentInput, body);
  return runWorkflowCommand(ctx, CARD_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('card_comment', { comment: input.comment })],
  }));
}

/**
 * An unanswered card whose time ran out goes up one level (normal → yellow → red) with a new time
 * to answer from the configuration of that level. Called by the deadline scanner inside the
 * transaction that claimed the overdue mark, so each escalation happens exactly once.
 */
export async function escalateCard(tx: TxContext, caseId: number, deadlineId: number) {
  return executeWorkflowCommand(
    tx,
    CARD_BINDING,
    { kind: 'system' },
    caseId,
    'escalate',
    async ({ trx, now, locked }) => {
      const next = NEXT_LEVEL[locked.extra.level];
      if (!next) throw new Error('a red card does not escalate');
      await trx
        .updateTable('case_deadlines')
        .set({ status: 'lapsed', closed_at: now })
        .where('id', '=', deadlineId)
        .execute();
      const plan = planDeadline(tx.calendar.calendar, tx.calendar.limit(next.limit), now);
      const newDeadline = await insertCaseDeadline(
        trx,
        caseId,
        { ...plan, kind: next.limit },
        locked.extra.facts.targetUnitId,
      );
      await trx
        .updateTable('supervision_cards')
        .set({ level: next.level, answer_by: plan.dueDate, escalations: locked.extra.escalations + 1 })
        .where('case_id', '=', caseId)
        .execute();
      const unitPeople = await unitStaff(trx, [locked.extra.facts.targetUnitId], ANSWERING_ROLES);
      const leaders = next.level === 'red' ? await levelLeaders(trx, locked.extra.facts.targetUnitId) : [];
      return {
        events: [
          caseEvent('card_escalated', {
            fromLevel: locked.extra.level,
            level: next.level,
            answerBy: plan.dueDate,
            deadlineId: newDeadline,
          }),
        ],
        notify: [
          toTarget(
            'card_escalated',
            [...unitPeople, staffOpenerOf(locked.row), ...leaders],
            { row: locked.row, id: caseId },
            {
              level: next.level,
              answerBy: plan.dueDate,
            },
          ),
        ],
      };
    },
  );
}

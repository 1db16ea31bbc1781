import type { z } from 'zod';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { parsePeriod } from '../analytics/period.ts';
import { endOfLocalDay, localDateOf } from '../calendar/zoned.ts';
import { closeCaseDeadlines, insertCaseDeadline } from '../deadlines/case-deadline.repository.ts';
import { planDeadline, planFixedDeadline } from '../deadlines/plan.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import { unitStaff } from '../inbox/recipients.ts';
import {
  AccountabilityCommentInput,
  AccountabilityReasonInput,
  CITABLE_INDICATORS,
  ConcludeAccountabilityInput,
  OpenAccountabilityInput,
  RespondAccountabilityInput,
  ReturnAccountabilityInput,
} from '../shared/assessment.schema.ts';
import { caseEvent } from '../shared/case-events.ts';
import { INDICATOR_DEFINITIONS } from '../shared/stats-definitions.ts';
import { INDICATORS, type Indicator } from '../shared/stats.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canOpenAccountability, mayReceiveLetter, unitMaySeeMatter } from '../workflow/case-policy.ts';
import { matterInScope, openCase, staffOpenerOf, unitOf } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { ACCOUNTABILITY_BINDING } from './accountability.binding.ts';
import type { FrozenSnapshot } from './frozen-scorecard.ts';
import { unitFigures } from './live-figures.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Who in the unit is told and answers: its head and leaders (and its officers may draft the response). */
const HEADS = ['unit_head', 'leader'] as const;

function dueDate(tx: TxContext, date: string | undefined, path: string) {
  const limit = tx.calendar.limit('accountability_response');
  if (date === undefined)
    return { ...planDeadline(tx.calendar.calendar, limit, tx.clock()), kind: 'accountability_response' };
  if (date < localDateOf(tx.clock()))
    throw fieldError(path, '答复期限不能早于今天', 'the response date may not be in the past');
  return planFixedDeadline(
    tx.calendar.calendar,
    limit,
    'accountability_response',
    tx.clock(),
    date,
    endOfLocalDay(date),
  );
}

type OpenInput = z.output<typeof OpenAccountabilityInput>;

/**
 * The matters a record cites: each one the opener may see and the unit may see, so a report of
 * misconduct is never cited to the unit it reports (nothing says which one is hidden: the same
 * message for "no such matter" and "not yours to cite").
 */
async function citedMatters(tx: TxContext, actor: Staff, unit: Parameters<typeof unitOf>[0], ids: number[]) {
  const out: number[] = [];
  for (const [i, id] of ids.entries()) {
    if (out.includes(id)) continue;
    const scoped = await matterInScope(tx.db, actor.user, id).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found') return null;
      throw e;
    });
    if (!scoped)
      throw fieldError(
        `matterIds.${i}`,
        `事项 ${id} 不存在或无权查看`,
        `matter ${id} does not exist or is not yours to see`,
      );
    if (!unitMaySeeMatter(unitOf(unit), scoped.facts))
      throw fieldError(
        `matterIds.${i}`,
        `「${unit.name}」无权查看事项 ${scoped.row.case_number}，不能向其引用该事项`,
        `${unit.name} may not see matter ${scoped.row.case_number}, so it cannot be cited to it`,
      );
    out.push(id);
  }
  return out;
}

/** The figures a record cites, each as the statistics count it now, and as a frozen scorecard had it. */
async function citedFigures(tx: TxContext, actor: Staff, unitId: number, figures: OpenInput['figures']) {
  const now = tx.clock();
  const out = [];
  for (const [i, f] of figures.entries()) {
    const at = `figures.${i}`;
    if (!(INDICATORS as readonly string[]).includes(f.indicator))
      throw fieldError(
        `${at}.indicator`,
        `未知的统计指标「${f.indicator}」`,
        `unknown indicator "${f.indicator}"`,
      );
    const indicator = f.indicator as Indicator;
    if (!CITABLE_INDICATORS.includes(indicator))
      throw fieldError(
        `${at}.indicator`,
        `「${INDICATOR_DEFINITIONS[indicator].label.zh}」反映事项未在本级化解的情况，不作为追究责任的依据`,
        `${INDICATOR_DEFINITIONS[indicator].label.en} shows where matters were not resolved; it is no ground for accountability`,
      );
    const period = parsePeriod(f, at);
    if (period.to > localDateOf(now))
      throw fieldError(`${at}.to`, '统计期间不能晚于今天', 'the period may not end after today');
    const live = (await unitFigures(tx.db, actor.user, actor.user.unit.regionCode, unitId, period, now)).find(
      (x) => x.indicator === indicator,
    )!;
    let frozen: { value: number | null; rank: number } | null = null;
    if (f.frozenScorecardId !== undefined) {
      const row = await tx.db
        .selectFrom('frozen_scorecards')
        .select(['region_code', 'snapshot'])
        .where('id', '=', f.frozenScorecardId)
        .executeTakeFirst();
      const unitRow =
        row && hasRegionScope(actor.user.unit) && row.region_code.startsWith(actor.user.unit.regionCode)
          ? (row.snapshot as FrozenSnapshot).rows.find((r) => r.unitId === unitId)
          : undefined;
      if (!unitRow)
        throw fieldError(
          `${at}.frozenScorecardId`,
          '封存的考核结果不存在，或其中没有该单位',
          'no such frozen scorecard, or the unit is not in it',
        );
      const fig = unitRow.figures.find((x) => x.indicator === indicator);
      frozen = {
        value: fig ? (fig.denominator === null ? fig.numerator : fig.value) : null,
        rank: unitRow.rank,
      };
    }
    out.push({ indicator, period, live, frozenId: f.frozenScorecardId ?? null, frozen });
  }
  return out;
}

/**
 * 责任追究: a supervisor or leader of a bureau opens a record against a unit of its region for a
 * failure — a notice of criticism, an admonishment talk (with its date, place and participants) or a
 * written self-examination — citing matters and figures, with a date by which the unit responds.
 */
export async function openAccountability(ctx: AppContext, actor: Staff, body: unknown) {
  const input = parseOrThrow(OpenAccountabilityInput, body);
  if (!canOpenAccountability(actor.user))
    throw forbidden(
      '只有信访部门（或党委政府）的督查人员或领导可以启动责任追究',
      'Only a supervisor or leader of a petition bureau or a government may open an accountability record',
    );
  if (input.kind === 'talk' && !input.talk)
    throw fieldError(
      'talk',
      '约谈须写明时间、地点和参加人员',
      'a talk needs its date, place and participants',
    );
  if (input.kind !== 'talk' && input.talk)
    throw fieldError('talk', '只有约谈填写约谈安排', 'only a talk has a date, place and participants');
  if (input.matterIds.length === 0 && input.figures.length === 0)
    throw fieldError('matterIds', '请引用至少一件事项或一项数据', 'cite at least one matter or one figure');
  return withTransaction(ctx, async (tx) => {
    const unit = await tx.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit || !mayReceiveLetter(actor.user.unit, { ...unit, regionCode: unit.region_code }))
      throw fieldError(
        'unitId',
        '被追究单位应为本地区内的其他在用单位',
        'the unit must be another active unit of your region',
      );
    const matterIds = await citedMatters(tx, actor, unit, input.matterIds);
    const figures = await citedFigures(tx, actor, unit.id, input.figures);
    const deadline = dueDate(tx, input.respondBy, 'respondBy');
    const now = tx.clock();
    return openCase(
      tx,
      actor,
      { type: 'accountability', state: 'opened', matterId: null, regionCode: actor.user.unit.regionCode },
      async (caseId) => {
        await tx.db
          .insertInto('accountability_records')
          .values({
            case_id: caseId,
            target_unit_id: unit.id,
            kind: input.kind,
            failure: input.failure,
            demand: input.demand,
            talk_on: input.talk?.on ?? null,
            talk_place: input.talk?.place ?? null,
            talk_participants: input.talk?.participants ?? null,
            respond_by: deadline.dueDate,
          })
          .execute();
        if (matterIds.length > 0)
          await tx.db
            .insertInto('accountability_matters')
            .values(matterIds.map((matter_id) => ({ case_id: caseId, matter_id })))
            .execute();
        if (figures.length > 0)
          await tx.db
            .insertInto('accountability_figures')
            .values(
              figures.map((f, position) => ({
                case_id: caseId,
                position,
                indicator: f.indicator,
                period_from: f.period.from,
                period_to: f.period.to,
                numerator: f.live.numerator,
                denominator: f.live.denominator,
                value: f.live.value,
                frozen_scorecard_id: f.frozenId,
                frozen_value: f.frozen?.value ?? null,
                frozen_rank: f.frozen?.rank ?? null,
                captured_at: now,
              })),
            )
            .execute();
        await insertCaseDeadline(tx.db, caseId, deadline, unit.id);
        return {
          events: [
            caseEvent('accountability_opened', {
              unitId: unit.id,
              kind: input.kind,
              failure: input.failure,
              demand: input.demand,
              respondBy: deadline.dueDate,
              matterIds,
              figures: figures.map((f) => ({
                indicator: f.indicator,
                from: f.period.from,
                to: f.period.to,
                numerator: f.live.numerator,
                value: f.live.value,
              })),
            }),
          ],
          notify: [
            {
              kind: 'accountability_opened',
              userIds: await unitStaff(tx.db, [unit.id], HEADS),
              matterId: null,
              caseId,
              payload: { kind: input.kind, respondBy: deadline.dueDate },
            },
          ],
        };
      },
    );
  });
}

/** The unit responds (its written self-examination, its rectification); the opener is told. */
export async function respondToAccountability(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(RespondAccountabilityInput, body);
  return runWorkflowCommand(
    ctx,
    ACCOUNTABILITY_BINDING,
    actor,
    caseId,
    'respond',
    async ({ trx, now, locked }) => {
      await trx
        .updateTable('accountability_records')
        .set({ response: input.response, responded_by: actor.user.id, responded_at: now })
        .where('case_id', '=', caseId)
        .execute();
      await closeCaseDeadlines(trx, caseId, 'met', now);
      return {
        events: [
          caseEvent('accountability_responded', { response: input.response, unitId: actor.user.unit.id }),
        ],
        notify: [
          {
            kind: 'accountability_responded',
            userIds: [staffOpenerOf(locked.row)],
            matterId: null,
            caseId,
            payload: { unitName: actor.user.unit.name, excerpt: input.response.slice(0, 80) },
          },
        ],
      };
    },
  );
}

export async function concludeAccountability(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ConcludeAccountabilityInput, body);
  return runWorkflowCommand(
    ctx,
    ACCOUNTABILITY_BINDING,
    actor,
    caseId,
    'conclude',
    async ({ trx, locked }) => {
      await trx
        .updateTable('accountability_records')
        .set({ finding: input.finding })
        .where('case_id', '=', caseId)
        .execute();
      return {
        events: [caseEvent('accountability_concluded', { finding: input.finding })],
        notify: [
          {
            kind: 'accountability_concluded',
            userIds: await unitStaff(trx, [locked.extra.record.target_unit_id], HEADS),
            matterId: null,
            caseId,
            payload: {},
          },
        ],
      };
    },
  );
}

/** The response is returned with a reason and a new date: the unit must respond again. */
export async function returnAccountability(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ReturnAccountabilityInput, body);
  return runWorkflowCommand(
    ctx,
    ACCOUNTABILITY_BINDING,
    actor,
    caseId,
    'return',
    async ({ trx, ctx: tx, locked }) => {
      const deadline = dueDate(tx, input.respondBy, 'respondBy');
      const unitId = locked.extra.record.target_unit_id;
      await trx
        .updateTable('accountability_records')
        .set({ response: null, responded_by: null, responded_at: null, respond_by: deadline.dueDate })
        .where('case_id', '=', caseId)
        .execute();
      await insertCaseDeadline(trx, caseId, deadline, unitId);
      return {
        events: [caseEvent('accountability_returned', { reason: input.reason, respondBy: deadline.dueDate })],
        notify: [
          {
            kind: 'accountability_returned',
            userIds: await unitStaff(trx, [unitId], HEADS),
            matterId: null,
            caseId,
            payload: { respondBy: deadline.dueDate, excerpt: input.reason.slice(0, 80) },
          },
        ],
      };
    },
  );
}

export async function withdrawAccountability(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AccountabilityReasonInput, body);
  return runWorkflowCommand(ctx, ACCOUNTABILITY_BINDING, actor, caseId, 'withdraw', async ({ trx, now }) => {
    await closeCaseDeadlines(trx, caseId, 'cancelled', now);
    return { events: [caseEvent('accountability_withdrawn', { reason: input.reason })] };
  });
}

export async function commentOnAccountability(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AccountabilityCommentInput, body);
  return runWorkflowCommand(ctx, ACCOUNTABILITY_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('accountability_comment', { comment: input.comment })],
  }));
}

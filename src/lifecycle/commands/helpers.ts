import type { Trx } from '../../audit/event-log.ts';
import type { TxContext } from '../../app/context.ts';
import { closeDeadlines, insertDeadline } from '../../deadlines/deadline.repository.ts';
import { planDeadline } from '../../deadlines/plan.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { sha256Hex, type DecisionRecord } from '../../audit/event-record.ts';
import type { TimeLimitKind } from '../../shared/enums.ts';
import type { CommandActor } from '../run-command.ts';

/** 条例 §34 sets 60 days for requests and complaints; other purposes have their own configurable limit. */
export function handlingLimitKind(purpose: string): TimeLimitKind {
  if (purpose === 'suggestion') return 'handling_suggestion';
  if (purpose === 'accusation') return 'handling_accusation';
  return 'handling';
}

/** Closes the open main deadline and opens a new one from `now` under the given limit. */
export async function restartMainDeadline(
  trx: Trx,
  ctx: TxContext,
  matterId: number,
  limitKind: string,
  now: Date,
  unitId: number | null,
): Promise<{ dueDate: string; dueAt: Date }> {
  await closeDeadlines(trx, matterId, 'met', now, undefined);
  const plan = planDeadline(ctx.calendar.calendar, ctx.calendar.limit(limitKind), now);
  await insertDeadline(trx, matterId, plan, { main: true, unitId });
  return { dueDate: plan.dueDate, dueAt: plan.dueAt };
}

/** Opens the 5-working-day objection window of 条例 §23 beside the main deadline. */
export async function openObjectionWindow(
  trx: Trx,
  ctx: TxContext,
  matterId: number,
  now: Date,
  unitId: number,
) {
  const plan = planDeadline(ctx.calendar.calendar, ctx.calendar.limit('objection'), now);
  await insertDeadline(trx, matterId, plan, { main: false, unitId });
  return plan;
}

export async function requireUnit(trx: Trx, unitId: number, field: string) {
  const unit = await trx
    .selectFrom('units')
    .select(['id', 'name', 'level', 'region_code', 'kind'])
    .where('id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!unit) throw fieldError(field, '单位不存在或已停用', 'unknown or inactive unit');
  return unit;
}

/** Checks that a petitioner-side window (review request, second review request) is still open. */
export async function requireOpenWindow(
  trx: Trx,
  matterId: number,
  kind: string,
  now: Date,
  zh: string,
  en: string,
) {
  const w = await trx
    .selectFrom('deadlines')
    .select(['id', 'due_at', 'due_date'])
    .where('matter_id', '=', matterId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (!w || now > w.due_at) {
    throw new AppError('window_closed', `${zh}期限已过`, `The ${en} window has closed`, [], {
      dueDate: w?.due_date ?? null,
    });
  }
  return w;
}

/** A decision as its event records it: the written text by digest, so the log proves it unchanged. */
export function decisionRecord(
  id: number,
  kind: DecisionRecord['kind'],
  unitId: number,
  actor: CommandActor,
  input: { outcome: string; facts: string; legalBasis: string; body?: string | undefined },
): DecisionRecord {
  return {
    id,
    kind,
    outcome: input.outcome,
    unitId,
    decidedBy: actor.kind === 'staff' ? actor.user.id : null,
    factsSha256: sha256Hex(input.facts),
    legalBasisSha256: sha256Hex(input.legalBasis),
    bodySha256: sha256Hex(input.body ?? ''),
  };
}

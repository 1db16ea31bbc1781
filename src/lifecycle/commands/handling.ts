import type { z } from 'zod';
import { closeDeadlines, insertDeadline, openMainDeadline } from '../../deadlines/deadline.repository.ts';
import { planDeadline, planFixedDeadline } from '../../deadlines/plan.ts';
import { daysBetween, endOfLocalDay, localDateOf } from '../../calendar/index.ts';
import { AppError, fieldError } from '../../errors/app-error.ts';
import type { ExtendInput, ObjectInput, ReplyInput, SuspendInput } from '../../shared/schemas.ts';
import type { CommandHandlerArgs, CommandOutcome } from '../run-command.ts';
import { decisionRecord, handlingLimitKind, restartMainDeadline } from './helpers.ts';
import type { EventRecord } from '../../audit/event-record.ts';
import { owningLeader } from '../../inbox/recipients.ts';

const leadUnitId = (args: CommandHandlerArgs) => args.matter.lead?.unitId ?? null;

/** 签收: the assigned unit takes the matter; a forwarded matter is thereby accepted by the competent body. */
export async function signFor(args: CommandHandlerArgs): Promise<CommandOutcome> {
  const { trx, ctx, matter, now } = args;
  if (!matter.lead) throw new AppError('conflict', '事项尚无承办单位', 'The matter has no handling unit');
  await trx.updateTable('matter_units').set({ signed_at: now }).where('id', '=', matter.lead.id).execute();
  await closeDeadlines(trx, matter.row.id, 'met', now, ['objection']);
  const events: CommandOutcome['events'] = [{ kind: 'signed_for', payload: { unitId: matter.lead.unitId } }];
  const set: Record<string, unknown> = {};
  if (matter.row.state === 'forwarded') {
    const due = await restartMainDeadline(
      trx,
      ctx,
      matter.row.id,
      handlingLimitKind(matter.row.purpose),
      now,
      matter.lead.unitId,
    );
    set.accepted_at = now;
    events.push({
      kind: 'accepted',
      public: true,
      payload: { leadUnitId: matter.lead.unitId, handlingDueDate: due.dueDate },
    });
  }
  return { set, events };
}

/** 条例 §23: a unit that is not competent objects within 5 working days; the matter returns to the sender. */
export async function objectToAssignment(
  args: CommandHandlerArgs,
  input: z.output<typeof ObjectInput>,
): Promise<CommandOutcome> {
  const { trx, ctx, matter, now } = args;
  const window = await trx
    .selectFrom('deadlines')
    .select(['id', 'due_at', 'due_date'])
    .where('matter_id', '=', matter.row.id)
    .where('kind', '=', 'objection')
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (!window || now > window.due_at) {
    throw new AppError(
      'window_closed',
      '异议期限（5个工作日）已过，须按期办理',
      'The 5-working-day objection window has closed',
      [],
      {
        dueDate: window?.due_date ?? null,
      },
    );
  }
  await trx
    .updateTable('matter_units')
    .set({ released_at: now, release_reason: input.reason })
    .where('matter_id', '=', matter.row.id)
    .where('released_at', 'is', null)
    .execute();
  await closeDeadlines(trx, matter.row.id, 'cancelled', now);
  const plan = planDeadline(ctx.calendar.calendar, ctx.calendar.limit('acceptance'), now);
  await insertDeadline(trx, matter.row.id, plan, { main: true, unitId: matter.row.registering_unit_id });
  return {
    set: { accepted_at: null },
    events: [
      {
        kind: 'objected',
        payload: { unitId: leadUnitId(args), reason: input.reason, redecideBy: plan.dueDate },
      },
    ],
  };
}

/** One extension, by the unit head, of at most the configured days (30); the petitioner is told why. */
export async function extend(
  args: CommandHandlerArgs,
  input: z.output<typeof ExtendInput>,
): Promise<CommandOutcome> {
  const { trx, ctx, matter, now } = args;
  if (matter.row.extension_days !== null) {
    throw new AppError(
      'limit_exceeded',
      '办理期限只能延长一次',
      'The handling limit can be extended only once',
    );
  }
  const max = ctx.calendar.limit('extension_max');
  if (input.days > max.amount) {
    // A bad value of the form, not a state of the matter: 400 on the field, like the schema's own maximum.
    throw fieldError(
      'days',
      `延长期限不得超过${max.amount}日（条例第三十四条）`,
      `an extension is at most ${max.amount} days (Regulations art. 34)`,
    );
  }
  const current = await openMainDeadline(trx, matter.row.id);
  if (!current || !current.kind.startsWith('handling')) {
    throw new AppError('conflict', '当前没有可延长的办理期限', 'There is no handling limit to extend');
  }
  const limit = ctx.calendar.limit(current.kind);
  const plan = planDeadline(ctx.calendar.calendar, limit, current.starts_at, limit.amount + input.days);
  await closeDeadlines(trx, matter.row.id, 'cancelled', now, [current.kind]);
  await insertDeadline(
    trx,
    matter.row.id,
    { ...plan, kind: current.kind },
    { main: true, unitId: current.unit_id },
  );
  return {
    set: { extension_days: input.days },
    events: [
      {
        kind: 'extended',
        public: true,
        payload: {
          days: input.days,
          reason: input.reason,
          previousDueDate: current.due_date,
          newDueDate: plan.dueDate,
        },
      },
    ],
    result: { newDueDate: plan.dueDate },
  };
}

/** The written reply (处理意见书); it opens the petitioner's 30-day window to ask for review. */
export async function reply(
  args: CommandHandlerArgs,
  input: z.output<typeof ReplyInput>,
): Promise<CommandOutcome> {
  const { trx, ctx, matter, now, actor } = args;
  const unitId = leadUnitId(args);
  if (unitId === null) throw new AppError('conflict', '事项尚无承办单位', 'The matter has no handling unit');
  const decision = await trx
    .insertInto('decisions')
    .values({
      matter_id: matter.row.id,
      kind: 'reply',
      outcome: input.outcome,
      facts: input.facts,
      legal_basis: input.legalBasis,
      body: input.body ?? '',
      unit_id: unitId,
      decided_by: actor.kind === 'staff' ? actor.user.id : null,
      decided_at: now,
      delivered_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const window = await restartMainDeadline(trx, ctx, matter.row.id, 'review_request', now, null);
  // A reply to an owned case reaches its leader (issue 13): the resolution they answer for moves.
  const owner = await owningLeader(trx, matter.row.id);
  return {
    notify: owner
      ? [
          {
            kind: 'ownership_matter_replied',
            userIds: [owner.leaderId],
            matterId: matter.row.id,
            caseId: owner.caseId,
            payload: { outcome: input.outcome },
          },
        ]
      : [],
    set: { replied_at: now },
    events: [
      {
        kind: 'replied',
        public: true,
        payload: {
          decisionId: decision.id,
          outcome: input.outcome,
          reviewRequestDueDate: window.dueDate,
          record: {
            decision: decisionRecord(decision.id, 'reply', unitId, actor, input),
          } satisfies EventRecord,
        },
      },
    ],
    result: { decisionId: decision.id, reviewRequestDueDate: window.dueDate },
  };
}

export async function addNote(args: CommandHandlerArgs, note: string): Promise<CommandOutcome> {
  return { events: [{ kind: 'note', payload: { note } }] };
}

/**
 * Suspends the handling clock (e.g. waiting for a court ruling or an expert appraisal). The clock
 * never stops silently: the reason is an event the petitioner sees, and the time left is kept.
 */
export async function suspend(
  args: CommandHandlerArgs,
  input: z.output<typeof SuspendInput>,
): Promise<CommandOutcome> {
  const { trx, matter, now } = args;
  const current = await openMainDeadline(trx, matter.row.id);
  if (!current)
    throw new AppError('conflict', '当前没有运行中的办理期限', 'There is no running limit to suspend');
  await closeDeadlines(trx, matter.row.id, 'cancelled', now, [current.kind]);
  return {
    set: { suspended_at: now },
    events: [
      {
        kind: 'suspended',
        public: true,
        payload: {
          reason: input.reason,
          expectedResumeDate: input.expectedResumeDate ?? null,
          dueDateAtSuspension: current.due_date,
          deadlineKind: current.kind,
          remainingMs: current.due_at.getTime() - now.getTime(),
        },
      },
    ],
  };
}

/** Resumes the clock: the limit is moved on by the time the matter was suspended. */
export async function resume(args: CommandHandlerArgs, note: string | undefined): Promise<CommandOutcome> {
  const { trx, ctx, matter, now } = args;
  const last = await trx
    .selectFrom('deadlines')
    .selectAll()
    .where('matter_id', '=', matter.row.id)
    .where('main', '=', true)
    .where('status', '=', 'cancelled')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!last || !matter.row.suspended_at)
    throw new AppError('conflict', '没有被中止的期限', 'No suspended limit to resume');
  const calendar = ctx.calendar.calendar;
  // Whole days between the suspension and the resumption, on Beijing dates.
  const suspendedDays = Math.max(0, daysBetween(localDateOf(matter.row.suspended_at), localDateOf(now)));
  const dueDate = calendar.nextWorkingDayOnOrAfter(calendar.addDays(last.due_date, suspendedDays));
  const dueAt = endOfLocalDay(dueDate);
  const limit = ctx.calendar.limit(last.kind.startsWith('handling') ? last.kind : 'handling');
  const plan = planFixedDeadline(calendar, limit, last.kind, now, dueDate, dueAt);
  await insertDeadline(trx, matter.row.id, plan, { main: true, unitId: last.unit_id });
  return {
    set: { suspended_at: null },
    events: [
      {
        kind: 'resumed',
        public: true,
        payload: { suspendedDays, previousDueDate: last.due_date, newDueDate: dueDate, note: note ?? null },
      },
    ],
    result: { newDueDate: dueDate },
  };
}

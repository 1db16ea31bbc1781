import type { z } from 'zod';
import type { CloseReason } from '../../shared/enums.ts';
import { closeDeadlines } from '../../deadlines/deadline.repository.ts';
import { AppError } from '../../errors/app-error.ts';
import type { RateInput, RequestReviewInput, ReviewDecisionInput } from '../../shared/schemas.ts';
import type { CommandHandlerArgs, CommandOutcome } from '../run-command.ts';
import { decisionRecord, requireOpenWindow, restartMainDeadline } from './helpers.ts';
import type { EventRecord } from '../../audit/event-record.ts';

async function latestDecision(args: CommandHandlerArgs, kind: 'reply' | 'review' | 'recheck') {
  return args.trx
    .selectFrom('decisions')
    .select(['id', 'unit_id'])
    .where('matter_id', '=', args.matter.row.id)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The petitioner rates the written reply: 满意 / 基本满意 / 不满意. */
export async function rate(
  args: CommandHandlerArgs,
  input: z.output<typeof RateInput>,
): Promise<CommandOutcome> {
  const reply = await latestDecision(args, 'reply');
  if (!reply) throw new AppError('conflict', '尚无处理意见可评价', 'There is no reply to rate');
  const row = await args.trx
    .insertInto('ratings')
    .values({
      matter_id: args.matter.row.id,
      decision_id: reply.id,
      rating: input.rating,
      comment: input.comment ?? null,
      rated_at: args.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const record: EventRecord = {
    rating: { id: row.id, decisionId: reply.id, rating: input.rating, comment: input.comment ?? null },
  };
  return {
    events: [
      {
        kind: 'rated',
        public: true,
        payload: { rating: input.rating, comment: input.comment ?? null, record },
      },
    ],
  };
}

/** 条例 §35: review may be asked within 30 days of receiving the reply, decided within 30 days. */
export async function requestReview(
  args: CommandHandlerArgs,
  input: z.output<typeof RequestReviewInput>,
): Promise<CommandOutcome> {
  await requireOpenWindow(
    args.trx,
    args.matter.row.id,
    'review_request',
    args.now,
    '申请复查',
    'review request',
  );
  const due = await restartMainDeadline(
    args.trx,
    args.ctx,
    args.matter.row.id,
    'review_decision',
    args.now,
    null,
  );
  return {
    events: [
      {
        kind: 'review_requested',
        public: true,
        payload: { reason: input.reason, decisionDueDate: due.dueDate },
      },
    ],
    result: { decisionDueDate: due.dueDate },
  };
}

/** 条例 §36: second review may be asked within 30 days of the review decision. */
export async function requestRecheck(
  args: CommandHandlerArgs,
  input: z.output<typeof RequestReviewInput>,
): Promise<CommandOutcome> {
  await requireOpenWindow(
    args.trx,
    args.matter.row.id,
    'recheck_request',
    args.now,
    '申请复核',
    'second review request',
  );
  const due = await restartMainDeadline(
    args.trx,
    args.ctx,
    args.matter.row.id,
    'recheck_decision',
    args.now,
    null,
  );
  return {
    events: [
      {
        kind: 'recheck_requested',
        public: true,
        payload: { reason: input.reason, decisionDueDate: due.dueDate },
      },
    ],
    result: { decisionDueDate: due.dueDate },
  };
}

export async function decideReview(
  args: CommandHandlerArgs,
  kind: 'review' | 'recheck',
  input: z.output<typeof ReviewDecisionInput>,
): Promise<CommandOutcome> {
  const { trx, matter, now, actor } = args;
  if (actor.kind !== 'staff')
    throw new AppError('forbidden', '须由上级机关作出', 'Decided by the higher body');
  const decision = await trx
    .insertInto('decisions')
    .values({
      matter_id: matter.row.id,
      kind,
      outcome: input.outcome,
      facts: input.facts,
      legal_basis: input.legalBasis,
      body: input.body ?? '',
      unit_id: actor.user.unit.id,
      decided_by: actor.user.id,
      decided_at: now,
      delivered_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events: CommandOutcome['events'] = [
    {
      kind: kind === 'review' ? 'reviewed' : 'rechecked',
      public: true,
      payload: {
        decisionId: decision.id,
        outcome: input.outcome,
        unitName: actor.user.unit.name,
        record: {
          decision: decisionRecord(decision.id, kind, actor.user.unit.id, actor, input),
        } satisfies EventRecord,
      },
    },
  ];
  if (kind === 'review') {
    const window = await restartMainDeadline(trx, args.ctx, matter.row.id, 'recheck_request', now, null);
    events[0]!.payload = { ...events[0]!.payload, recheckRequestDueDate: window.dueDate };
  } else {
    await closeDeadlines(trx, matter.row.id, 'met', now);
  }
  return { events, result: { decisionId: decision.id } };
}

/** Closing is lawful once the petitioner's window to ask for (second) review has run out. */
export async function close(
  args: CommandHandlerArgs,
  note: string | undefined,
  reason: CloseReason,
): Promise<CommandOutcome> {
  const { trx, matter, now } = args;
  const window = await trx
    .selectFrom('deadlines')
    .select(['due_at', 'due_date'])
    .where('matter_id', '=', matter.row.id)
    .where('kind', 'in', ['review_request', 'recheck_request'])
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (window && now <= window.due_at) {
    throw new AppError(
      'window_closed',
      `信访人可在${window.due_date}前申请复查（复核），期满后方可办结`,
      `The petitioner may ask for review until ${window.due_date}; close after that`,
      [],
      { dueDate: window.due_date },
    );
  }
  await closeDeadlines(trx, matter.row.id, 'lapsed', now);
  return {
    set: { closed_at: now },
    events: [{ kind: 'closed', public: true, payload: { reason, note: note ?? null } }],
  };
}

/** 终结: after the second review the same facts and reasons are not accepted again. */
export async function conclude(args: CommandHandlerArgs, note: string | undefined): Promise<CommandOutcome> {
  await closeDeadlines(args.trx, args.matter.row.id, 'met', args.now);
  return {
    set: { closed_at: args.now },
    events: [{ kind: 'concluded', public: true, payload: { note: note ?? null } }],
  };
}

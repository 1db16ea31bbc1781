import { timingSafeEqual } from 'node:crypto';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { localDateOf } from '../calendar/index.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { unitStaff } from '../inbox/recipients.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { runIdempotent, type IdempotencyRequest } from '../intake/idempotency.ts';
import { newQueryCode } from '../intake/query-code.ts';
import { authenticate } from '../portal/portal.service.ts';
import { caseEvent } from '../shared/case-events.ts';
import {
  AppointmentAuth,
  AppointmentPetitionerInput,
  ConfirmRequestInput,
  DeclineRequestInput,
  ProposeRequestInput,
  RequestAppointmentInput,
  RequestCommentInput,
  type RequestState,
} from '../shared/reception.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { openCase } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { REQUEST_BINDING, type LockedRequest } from './reception.binding.ts';
import { capacityLeft, queryCodeDigest, requestNumber } from './reception.rules.ts';
import { bookedOn } from './session.commands.ts';

type Staff = CaseActor & { kind: 'staff' };
type Trx = TxContext['db'];

/** Who at the bureau hears of a request and of the petitioner's answers. */
const BUREAU_ROLES = ['registrar', 'supervisor'] as const;

const notBookable = (path: string, zh: string, en: string) => fieldError(path, zh, en);

/**
 * Locks a session and checks a place may be booked on it: a reception or outreach session still
 * scheduled, not yet begun, with a place left, and (for the portal and for proposals) published.
 */
async function lockBookable(
  trx: Trx,
  sessionId: number,
  now: Date,
  opts: { published: boolean; regionCode?: string },
) {
  const s = await trx
    .selectFrom('cases as c')
    .innerJoin('reception_sessions as s', 's.case_id', 'c.id')
    .select([
      'c.id',
      'c.state',
      'c.region_code',
      'c.unit_id',
      's.kind',
      's.published',
      's.starts_at',
      's.capacity',
    ])
    .where('c.id', '=', sessionId)
    .where('c.type', '=', 'reception_session')
    .forUpdate()
    .executeTakeFirst();
  const inScope = s && (opts.regionCode === undefined || s.region_code.startsWith(opts.regionCode));
  if (
    !s ||
    !inScope ||
    s.kind === 'appointment' ||
    (opts.published && !s.published) ||
    s.state !== 'scheduled' ||
    s.starts_at <= now
  )
    throw notBookable(
      'sessionId',
      '只能预约已公布、尚未开始且未取消的领导接访场次',
      'appointments are made only on published sessions that are scheduled and still to come',
    );
  if (capacityLeft(s.capacity, await bookedOn(trx, s.id)) === 0)
    throw notBookable(
      'sessionId',
      '该场次预约已满，请选择其他场次',
      'this session is fully booked: choose another',
    );
  return s;
}

/**
 * 预约接访 from the portal: a place on a published session, with the reason and, if the petitioner
 * has one, their matter's case number and query code (checked like the portal's other commands).
 * The request gets its own number and query code; only the code's digest is stored. With an
 * Idempotency-Key a repeat returns the same request and stores nothing more.
 */
export async function requestAppointment(ctx: AppContext, body: unknown, idem: IdempotencyRequest | null) {
  const input = parseOrThrow(RequestAppointmentInput, body);
  if ((input.caseNumber === undefined) !== (input.queryCode === undefined))
    throw fieldError(
      'queryCode',
      '填写信访件编号时须同时填写查询码',
      'give the case number and the query code together',
    );
  const matterId =
    input.caseNumber !== undefined ? await authenticate(ctx, input.caseNumber, input.queryCode) : null;
  return withTransaction(ctx, async (tx) => {
    const { result } = await runIdempotent(tx.db, idem, async () => {
      const now = tx.clock();
      const session = await lockBookable(tx.db, input.sessionId, now, { published: true });
      const queryCode = newQueryCode();
      let number = '';
      await openCase(
        tx,
        { kind: 'petitioner', unitId: session.unit_id },
        { type: 'appointment_request', state: 'requested', matterId, regionCode: session.region_code },
        async (caseId) => {
          number = requestNumber(localDateOf(now), caseId);
          await tx.db
            .insertInto('appointment_requests')
            .values({
              case_id: caseId,
              number,
              query_code_hash: queryCodeDigest(queryCode),
              session_id: session.id,
              name: input.name,
              phone: input.phone,
              reason: input.reason,
              matter_id: matterId,
            })
            .execute();
          return {
            events: [caseEvent('appointment_requested', { number, sessionId: session.id, matterId })],
            notify: [
              {
                kind: 'appointment_requested',
                userIds: await unitStaff(tx.db, [session.unit_id], BUREAU_ROLES),
                matterId,
                caseId,
                payload: { number, startsAt: session.starts_at.toISOString() },
              },
            ],
          };
        },
      );
      return { number, queryCode, state: 'requested' as RequestState };
    });
    return result;
  });
}

const sameDigest = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Finds a request by its number and query code; a wrong code and an unknown number look the same. */
export async function authenticateRequest(ctx: AppContext, body: unknown): Promise<number> {
  const input = parseOrThrow(AppointmentAuth.loose(), body);
  const row = await ctx.db
    .selectFrom('appointment_requests')
    .select(['case_id', 'query_code_hash'])
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (!row || !sameDigest(row.query_code_hash, queryCodeDigest(input.queryCode)))
    throw new AppError('not_found', '预约编号或查询码不正确', 'Wrong request number or query code', [
      {
        path: 'queryCode',
        message_zh: '预约编号或查询码不正确',
        message_en: 'wrong request number or query code',
      },
    ]);
  return row.case_id;
}

const answered = (
  trx: Trx,
  locked: LockedRequest,
  caseId: number,
  state: string,
): Promise<NotificationDraft[]> =>
  unitStaff(trx, [locked.row.unit_id], BUREAU_ROLES).then((userIds) => [
    {
      kind: 'appointment_answered',
      userIds,
      matterId: locked.row.matter_id,
      caseId,
      payload: { number: locked.extra.request.number, state },
    },
  ]);

const PETITIONER = { kind: 'petitioner' as const };

/** The petitioner accepts the slot the bureau proposed: it is booked if a place is still left. */
export async function acceptProposal(ctx: AppContext, body: unknown) {
  const input = parseOrThrow(AppointmentPetitionerInput, body);
  const caseId = await authenticateRequest(ctx, input);
  return runWorkflowCommand(
    ctx,
    REQUEST_BINDING,
    PETITIONER,
    caseId,
    'accept',
    async ({ trx, now, locked }) => {
      const sessionId = locked.extra.request.proposed_session_id!;
      await lockBookable(trx, sessionId, now, { published: false });
      await trx
        .updateTable('appointment_requests')
        .set({ confirmed_session_id: sessionId, proposed_session_id: null })
        .where('case_id', '=', caseId)
        .execute();
      return {
        events: [caseEvent('appointment_accepted', { sessionId })],
        notify: await answered(trx, locked, caseId, 'confirmed'),
      };
    },
  );
}

/** The petitioner declines the slot the bureau proposed (on a request awaiting the bureau: cancel). */
export async function declineProposal(ctx: AppContext, body: unknown) {
  const input = parseOrThrow(AppointmentPetitionerInput, body);
  const caseId = await authenticateRequest(ctx, input);
  return runWorkflowCommand(ctx, REQUEST_BINDING, PETITIONER, caseId, 'decline', async ({ trx, locked }) => {
    if (locked.row.state !== 'proposed')
      throw new AppError(
        'illegal_transition',
        '信访局尚未建议改期；如不再需要，请撤回预约',
        'The bureau has proposed no other slot; cancel the request if you no longer need it',
      );
    return {
      events: [caseEvent('appointment_declined', { by: 'petitioner', message: input.note ?? null })],
      notify: await answered(trx, locked, caseId, 'declined'),
    };
  });
}

/** The petitioner withdraws the request, a confirmed one too: the place is free for another. */
export async function cancelRequest(ctx: AppContext, body: unknown) {
  const input = parseOrThrow(AppointmentPetitionerInput, body);
  const caseId = await authenticateRequest(ctx, input);
  return runWorkflowCommand(ctx, REQUEST_BINDING, PETITIONER, caseId, 'cancel', async ({ trx, locked }) => ({
    events: [caseEvent('appointment_cancelled', { note: input.note ?? null })],
    notify: await answered(trx, locked, caseId, 'cancelled'),
  }));
}

/** The bureau confirms the request: the session requested, or another it names, with a message. */
export async function confirmRequest(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ConfirmRequestInput, body ?? {});
  return runWorkflowCommand(ctx, REQUEST_BINDING, actor, caseId, 'confirm', async ({ trx, now, locked }) => {
    const sessionId = input.sessionId ?? locked.extra.request.session_id;
    await lockBookable(trx, sessionId, now, { published: false, regionCode: actor.user.unit.regionCode });
    await trx
      .updateTable('appointment_requests')
      .set({
        confirmed_session_id: sessionId,
        proposed_session_id: null,
        message: input.message ?? null,
        answered_by: actor.user.id,
        answered_at: now,
      })
      .where('case_id', '=', caseId)
      .execute();
    return { events: [caseEvent('appointment_confirmed', { sessionId, message: input.message ?? null })] };
  });
}

/**
 * The bureau proposes another published session (the one requested is full, or the topic belongs
 * to another leader's day); a confirmed appointment whose session must move is offered one the same
 * way, which frees its place. The petitioner accepts or declines on the portal.
 */
export async function proposeSlot(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(ProposeRequestInput, body);
  return runWorkflowCommand(ctx, REQUEST_BINDING, actor, caseId, 'propose', async ({ trx, now, locked }) => {
    const current = locked.extra.request.confirmed_session_id ?? locked.extra.request.session_id;
    if (input.sessionId === current)
      throw fieldError('sessionId', '请建议另一个场次', 'propose another session than the one requested');
    await lockBookable(trx, input.sessionId, now, {
      published: true,
      regionCode: actor.user.unit.regionCode,
    });
    await trx
      .updateTable('appointment_requests')
      .set({
        proposed_session_id: input.sessionId,
        confirmed_session_id: null,
        message: input.message,
        answered_by: actor.user.id,
        answered_at: now,
      })
      .where('case_id', '=', caseId)
      .execute();
    return {
      events: [caseEvent('appointment_proposed', { sessionId: input.sessionId, message: input.message })],
    };
  });
}

/** The bureau declines with the reason the petitioner reads (e.g. the matter belongs to a court). */
export async function declineRequest(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(DeclineRequestInput, body);
  return runWorkflowCommand(ctx, REQUEST_BINDING, actor, caseId, 'decline', async ({ trx, now }) => {
    await trx
      .updateTable('appointment_requests')
      .set({ message: input.message, answered_by: actor.user.id, answered_at: now })
      .where('case_id', '=', caseId)
      .execute();
    return { events: [caseEvent('appointment_declined', { by: 'bureau', message: input.message })] };
  });
}

export async function commentOnRequest(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(RequestCommentInput, body);
  return runWorkflowCommand(ctx, REQUEST_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('appointment_comment', { comment: input.comment })],
  }));
}

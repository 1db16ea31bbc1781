import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { localDateOf } from '../calendar/index.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { staffUsers } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import {
  CancelSessionInput,
  RecordSessionInput,
  ScheduleSessionInput,
  SessionCommentInput,
} from '../shared/reception.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canScheduleReception, mayReceiveFor } from '../workflow/case-policy.ts';
import { matterInScope, openCase } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { SESSION_BINDING } from './reception.binding.ts';
import { checkKindFields, checkSessionTimes, overlaps } from './reception.rules.ts';

type Staff = CaseActor & { kind: 'staff' };

const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * The bureau schedules a leader's reception session, outreach visit (下访) or appointment with a
 * petitioner (约访). One leader's sessions never overlap: the leader's row is locked, so two
 * schedules sent at once are checked one after the other and only one of two overlapping is stored.
 */
export async function scheduleSession(ctx: AppContext, actor: Staff, body: unknown) {
  const parsed = parseOrThrow(ScheduleSessionInput, body);
  const input = { ...parsed, startsAt: new Date(parsed.startsAt), endsAt: new Date(parsed.endsAt) };
  if (!canScheduleReception(actor.user))
    throw forbidden(
      '只有信访部门或党委政府的登记、督查人员可以安排领导接访',
      'Only a registrar or supervisor of a petition bureau or a government may schedule reception days',
    );
  checkKindFields(input);
  return withTransaction(ctx, async (tx) => {
    checkSessionTimes(input, tx.clock());
    const trx = tx.db;
    const locked = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', input.leaderId)
      .forUpdate()
      .executeTakeFirst();
    const [leader] = locked ? await staffUsers(trx, [locked.id]) : [];
    if (!leader || !mayReceiveFor(actor.user, leader))
      throw fieldError(
        'leaderId',
        '接访领导须为本地区的领导',
        'the leader must be a leader of a unit within your region',
      );
    if (input.placeRegionCode !== undefined) await checkPlace(tx, actor, input.placeRegionCode);
    if (input.matterId !== undefined) await checkMatter(tx, actor, input.matterId);
    const clash = await trx
      .selectFrom('reception_sessions as s')
      .innerJoin('cases as c', 'c.id', 's.case_id')
      .select(['s.starts_at', 's.ends_at'])
      .where('s.leader_id', '=', leader.id)
      .where('c.state', '!=', 'cancelled')
      .where('s.starts_at', '<', input.endsAt)
      .where('s.ends_at', '>', input.startsAt)
      .orderBy('s.starts_at')
      .executeTakeFirst();
    if (clash && overlaps(input, { startsAt: clash.starts_at, endsAt: clash.ends_at })) {
      // The clashing session may be a 约访 the scheduler may not see: its time only, never its matter.
      const when = `${localDateOf(clash.starts_at)} ${hhmm(clash.starts_at)}–${hhmm(clash.ends_at)}`;
      throw fieldError(
        'startsAt',
        `${leader.displayName}在 ${when} 已有接访安排，同一领导的接访时间不能重叠`,
        `${leader.displayName} already has a session at ${when}; one leader’s sessions may not overlap`,
      );
    }
    return openCase(
      tx,
      actor,
      {
        type: 'reception_session',
        state: 'scheduled',
        matterId: input.matterId ?? null,
        regionCode: actor.user.unit.regionCode,
      },
      async (caseId) => {
        await trx
          .insertInto('reception_sessions')
          .values({
            case_id: caseId,
            kind: input.kind,
            leader_id: leader.id,
            starts_at: input.startsAt,
            ends_at: input.endsAt,
            place: input.place,
            place_region_code: input.placeRegionCode ?? null,
            topics: input.topics,
            capacity: input.capacity,
            published: input.published,
            matter_id: input.matterId ?? null,
          })
          .execute();
        return {
          events: [
            caseEvent('reception_scheduled', {
              kind: input.kind,
              leaderId: leader.id,
              startsAt: input.startsAt.toISOString(),
              endsAt: input.endsAt.toISOString(),
              place: input.place,
              capacity: input.capacity,
              published: input.published,
            }),
          ],
          notify: [
            {
              kind: 'reception_scheduled',
              userIds: [leader.id],
              matterId: input.matterId ?? null,
              caseId,
              payload: { kind: input.kind, startsAt: input.startsAt.toISOString(), place: input.place },
            },
          ],
        };
      },
    );
  });
}

/** A 下访 goes to a village, community or grid of the scheduler's region. */
async function checkPlace(tx: TxContext, actor: Staff, code: string) {
  const region = await tx.db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
  if (!region || !code.startsWith(actor.user.unit.regionCode))
    throw fieldError(
      'placeRegionCode',
      '下访地点须为本地区的村（社区）或网格',
      'an outreach visit goes to a village or grid of your region',
    );
}

/** 约访 is about a matter the bureau may see; not found and not visible read alike. */
async function checkMatter(tx: TxContext, actor: Staff, matterId: number) {
  await matterInScope(tx.db, actor.user, matterId).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found')
      throw fieldError(
        'matterId',
        '信访事项不存在或不在您的查看范围内',
        'no such matter, or it is outside what you may see',
      );
    throw e;
  });
}

/**
 * The session is recorded once held (on or after its start): how many people were received and
 * the outcome. Matters registered there name the session themselves (registration's
 * `receptionSessionId`); what the leader took on is read from the ownership cases.
 */
export async function recordSession(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(RecordSessionInput, body);
  return runWorkflowCommand(ctx, SESSION_BINDING, actor, caseId, 'record', async ({ trx, now, locked }) => {
    if (now < locked.extra.session.starts_at)
      throw fieldError(
        'peopleReceived',
        '接访开始后才能登记接访情况',
        'a session is recorded once it has started',
      );
    await trx
      .updateTable('reception_sessions')
      .set({
        people_received: input.peopleReceived,
        outcome: input.outcome,
        recorded_by: actor.user.id,
        recorded_at: now,
      })
      .where('case_id', '=', caseId)
      .execute();
    return {
      events: [
        caseEvent('reception_recorded', { peopleReceived: input.peopleReceived, outcome: input.outcome }),
      ],
    };
  });
}

/**
 * The bureau cancels a session it scheduled, with the reason. Petitioners confirmed on it are first
 * offered another slot (`propose` on their request): a confirmed appointment is never dropped silently.
 */
export async function cancelSession(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CancelSessionInput, body);
  return runWorkflowCommand(ctx, SESSION_BINDING, actor, caseId, 'cancel', async ({ trx }) => {
    const booked = await bookedOn(trx, caseId);
    if (booked > 0)
      throw new AppError(
        'conflict',
        `该场接访已确认${booked}个预约，请先为其建议改期`,
        `${booked} appointment(s) are confirmed on this session: propose another slot to them first`,
      );
    await trx
      .updateTable('reception_sessions')
      .set({ cancel_reason: input.reason })
      .where('case_id', '=', caseId)
      .execute();
    return { events: [caseEvent('reception_cancelled', { reason: input.reason })] };
  });
}

export async function commentOnSession(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(SessionCommentInput, body);
  return runWorkflowCommand(ctx, SESSION_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('reception_comment', { comment: input.comment })],
  }));
}

/** Appointments confirmed on a session, counted under its lock by whoever books a place. */
export async function bookedOn(trx: Kysely<Database>, sessionId: number): Promise<number> {
  const r = await trx
    .selectFrom('appointment_requests as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('a.confirmed_session_id', '=', sessionId)
    .where('c.state', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return r.n;
}

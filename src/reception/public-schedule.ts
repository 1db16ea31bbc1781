import { createEvents, type EventAttributes } from 'ics';
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { Database } from '../db/schema.ts';
import type {
  PublicAppointmentSchema,
  PublicSessionSchema,
  RequestState,
} from '../shared/reception.schema.ts';
import { RECEPTION_KIND_LABELS } from '../shared/reception-labels.ts';
import { loadRequest } from './reception.binding.ts';
import { authenticateRequest } from './request.commands.ts';
import { capacityLeft } from './reception.rules.ts';

type Db = Kysely<Database>;
type PublicSession = z.output<typeof PublicSessionSchema>;

/** How far ahead the portal lists the schedule. */
const DAYS_AHEAD = 92;

/**
 * The published schedule (领导接访日, procedure.md §5: who, when, where, which topics): sessions
 * published, not cancelled and not yet over, with the places left. Built key by key from public
 * columns only — never a user id, a matter or a petitioner — and a 约访 (never published, the
 * schema's CHECK) is excluded here once more by its kind.
 */
export async function publicSchedule(ctx: AppContext): Promise<{ items: PublicSession[] }> {
  const now = ctx.clock();
  const rows = await ctx.db
    .selectFrom('reception_sessions as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .innerJoin('users as l', 'l.id', 's.leader_id')
    .innerJoin('units as n', 'n.id', 'l.unit_id')
    .select([
      's.case_id',
      's.kind',
      's.starts_at',
      's.ends_at',
      's.place',
      's.topics',
      's.capacity',
      'l.display_name',
      'n.name as unit',
      (eb) =>
        eb
          .selectFrom('appointment_requests as a')
          .innerJoin('cases as ac', 'ac.id', 'a.case_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.confirmed_session_id', '=', 's.case_id')
          .where('ac.state', '=', 'confirmed')
          .as('booked'),
    ])
    .where('s.published', '=', true)
    .where('s.kind', 'in', ['reception', 'outreach'])
    .where('c.state', '=', 'scheduled')
    .where('s.ends_at', '>', now)
    .where('s.starts_at', '<', new Date(now.getTime() + DAYS_AHEAD * 86_400_000))
    .orderBy('s.starts_at')
    .limit(300)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.case_id,
      kind: r.kind as 'reception' | 'outreach',
      leaderName: r.display_name,
      leaderTitle: r.unit,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      topics: r.topics,
      capacityLeft: capacityLeft(r.capacity, r.booked ?? 0),
    })),
  };
}

/** The same schedule as an iCalendar feed (RFC 5545), so citizens can put a day in their calendar. */
export async function scheduleIcs(ctx: AppContext): Promise<string> {
  const { items } = await publicSchedule(ctx);
  const utc = (d: Date): [number, number, number, number, number] => [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  ];
  const events: EventAttributes[] = items.map((s) => ({
    uid: `reception-${s.id}@minsheng`,
    start: utc(new Date(s.startsAt)),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(new Date(s.endsAt)),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${RECEPTION_KIND_LABELS[s.kind].zh}：${s.leaderName}（${s.leaderTitle}）`,
    description: s.topics ? `接访内容：${s.topics}` : RECEPTION_KIND_LABELS[s.kind].zh,
    location: s.place,
    status: 'CONFIRMED',
    productId: 'minsheng/reception-schedule',
    calName: '领导接访安排',
  }));
  if (events.length === 0)
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:minsheng/reception-schedule',
      'X-WR-CALNAME:领导接访安排',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('the schedule could not be written as iCalendar');
  return value;
}

async function publicSlot(db: Db, sessionId: number | null) {
  if (sessionId === null) return null;
  return db
    .selectFrom('reception_sessions as s')
    .innerJoin('users as l', 'l.id', 's.leader_id')
    .innerJoin('units as n', 'n.id', 'l.unit_id')
    .select([
      'l.display_name as leaderName',
      'n.name as leaderTitle',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      's.place',
    ])
    .where('s.case_id', '=', sessionId)
    .executeTakeFirstOrThrow();
}

/** The petitioner's view of their request: its state, the slot confirmed or proposed, the message. */
export async function publicAppointment(
  ctx: AppContext,
  body: unknown,
): Promise<z.output<typeof PublicAppointmentSchema>> {
  const caseId = await authenticateRequest(ctx, body);
  const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const { request: a } = await loadRequest(ctx.db, row);
  const state = row.state as RequestState;
  return {
    number: a.number,
    state,
    requestedAt: row.opened_at,
    requested: (await publicSlot(ctx.db, a.session_id))!,
    confirmed: state === 'confirmed' ? await publicSlot(ctx.db, a.confirmed_session_id) : null,
    proposed: state === 'proposed' ? await publicSlot(ctx.db, a.proposed_session_id) : null,
    message: a.message,
    canAccept: state === 'proposed',
    canDecline: state === 'proposed',
    canCancel: state === 'requested' || state === 'proposed' || state === 'confirmed',
  };
}

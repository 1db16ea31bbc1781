import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { hasRole, type StaffUser } from '../auth/staff-user.ts';
import { daysBetween, endOfLocalDay, startOfLocalDay } from '../calendar/index.ts';
import type { Database } from '../db/schema.ts';
import { fieldError, notFound } from '../errors/app-error.ts';
import { maskPhone } from '../intake/id-number.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type {
  RequestListQuery,
  RequestState,
  SessionDetailSchema,
  SessionListQuery,
  SessionSchema,
  SessionState,
  StaffRequestSchema,
} from '../shared/reception.schema.ts';
import {
  canRunRequest,
  canRunSession,
  canScheduleReception,
  canSeeRequest,
  canSeeSession,
  mayReceiveFor,
} from '../workflow/case-policy.ts';
import type { CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { staffUsers } from '../inbox/recipients.ts';
import { loadRequest, loadSession } from './reception.binding.ts';
import { REQUEST_WORKFLOW, SESSION_WORKFLOW } from './reception.workflow.ts';
import { bookedOn } from './session.commands.ts';

type Db = Kysely<Database>;
type Session = z.output<typeof SessionSchema>;

/** Sessions shown at most in one list (a year of a county's days fits). */
const LIST_MAX = 500;

async function sessionView(db: Db, user: StaffUser, row: CaseRow): Promise<Session | null> {
  const extra = await loadSession(db, row);
  if (!canSeeSession(user, extra.facts)) return null;
  const s = extra.session;
  const names = await db
    .selectFrom('users as l')
    .innerJoin('units as lu', 'lu.id', 'l.unit_id')
    .innerJoin('users as o', (j) => j.on('o.id', '=', row.opened_by ?? 0))
    .innerJoin('units as ou', 'ou.id', 'o.unit_id')
    .leftJoin('users as r', (j) => j.on('r.id', '=', s.recorded_by ?? 0))
    .leftJoin('regions as g', (j) => j.on('g.code', '=', s.place_region_code ?? ''))
    .select([
      'l.display_name as leader',
      'lu.name as leaderUnit',
      'o.display_name as opener',
      'ou.name as openerUnit',
      'r.display_name as recorder',
      'g.name as placeRegion',
    ])
    .where('l.id', '=', s.leader_id)
    .executeTakeFirstOrThrow();
  const matter = s.matter_id
    ? await db
        .selectFrom('matters')
        .select(['id', 'case_number as caseNumber', 'subject'])
        .where('id', '=', s.matter_id)
        .executeTakeFirstOrThrow()
    : null;
  const state = row.state as SessionState;
  return {
    id: row.id,
    kind: s.kind,
    state,
    version: row.version,
    leaderId: s.leader_id,
    leaderName: names.leader,
    leaderUnitName: names.leaderUnit,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    place: s.place,
    placeRegionCode: s.place_region_code,
    placeRegionName: names.placeRegion,
    topics: s.topics,
    capacity: s.capacity,
    booked: await bookedOn(db, row.id),
    published: s.published,
    matter,
    peopleReceived: s.people_received,
    outcome: s.outcome,
    recordedByName: names.recorder,
    recordedAt: s.recorded_at,
    cancelReason: s.cancel_reason,
    scheduledByName: names.opener,
    unitName: names.openerUnit,
    allowedActions: allowedCommands(SESSION_WORKFLOW, state).filter((c) =>
      canRunSession(user, c, extra.facts),
    ),
  };
}

/** The sessions between two local dates that the user may see, in time order. */
export async function listSessions(
  ctx: AppContext,
  user: StaffUser,
  query: z.output<typeof SessionListQuery>,
) {
  if (query.to < query.from || daysBetween(query.from, query.to) > 366)
    throw fieldError(
      'to',
      '查询区间须在一年以内，且结束不早于开始',
      'the range is at most a year, ending after it starts',
    );
  const rows = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('reception_sessions as s', 's.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'reception_session')
    .where('s.starts_at', '>=', startOfLocalDay(query.from))
    .where('s.starts_at', '<=', endOfLocalDay(query.to))
    // Visible ones only (the policy decides below); the prefix keeps the read to the user's region.
    .where((eb) =>
      eb.or([
        eb('s.leader_id', '=', user.id),
        eb(sql<string>`c.region_code`, 'like', `${user.unit.regionCode}%`),
      ]),
    )
    .orderBy('s.starts_at')
    .limit(LIST_MAX)
    .execute();
  const items = (await Promise.all(rows.map((r) => sessionView(ctx.db, user, r)))).filter(
    (s): s is Session => s !== null,
  );
  return { items, canSchedule: canScheduleReception(user) };
}

/** One session with the matters registered at it and what the leader took on of them (包案). */
export async function getSession(
  ctx: AppContext,
  user: StaffUser,
  id: number,
): Promise<z.output<typeof SessionDetailSchema>> {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'reception_session')
    .executeTakeFirst();
  const view = row ? await sessionView(ctx.db, user, row) : null;
  if (!view) throw notFound('接访场次', 'Reception session');
  const matters = await ctx.db
    .selectFrom('matters as m')
    .leftJoin('case_ownerships as o', (j) =>
      j.onRef('o.matter_id', '=', 'm.id').on('o.leader_id', '=', view.leaderId),
    )
    .select(['m.id', 'm.case_number', 'm.subject', 'm.channel', 'm.state', 'o.case_id as ownership'])
    .where('m.reception_session_id', '=', id)
    .orderBy('m.id')
    .execute();
  const visible = [];
  for (const m of matters) {
    const facts = await matterFactsOf(ctx.db, m.id);
    if (facts && canSeeMatter(user, facts)) visible.push(m);
  }
  const appointments = await ctx.db
    .selectFrom('appointment_requests as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.case_id as id', 'a.number', 'a.name', 'a.reason', 'a.matter_id'])
    .where('a.confirmed_session_id', '=', id)
    .where('c.state', '=', 'confirmed')
    .orderBy('a.case_id')
    .execute();
  const shown = [];
  for (const a of appointments) {
    const c = await ctx.db.selectFrom('cases').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    if (canSeeRequest(user, (await loadRequest(ctx.db, c)).facts))
      shown.push({ id: a.id, number: a.number, name: a.name, reason: a.reason });
  }
  return {
    ...view,
    matters: visible.map((m) => ({
      id: m.id,
      caseNumber: m.case_number,
      subject: m.subject,
      channel: m.channel,
      state: m.state,
      ownedByLeader: m.ownership !== null,
      ownershipId: m.ownership,
    })),
    appointments: shown,
  };
}

/** The leaders the user may schedule: those of units within their region. */
export async function leaderOptions(ctx: AppContext, user: StaffUser) {
  if (!canScheduleReception(user)) return { items: [] };
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select('u.id')
    .where('u.active', '=', true)
    .where(sql<boolean>`'leader' = ANY(u.roles)`)
    .where('n.region_code', 'like', `${user.unit.regionCode}%`)
    .orderBy('n.region_code')
    .orderBy('u.id')
    .limit(200)
    .execute();
  const leaders = await staffUsers(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: leaders
      .filter((l) => mayReceiveFor(user, l))
      .map((l) => ({ id: l.id, name: l.displayName, unitName: l.unit.name })),
  };
}

/**
 * Sessions a matter may be registered at: those of the channel's kind, begun in the last week and
 * not cancelled, that the registrar may see.
 */
export async function sessionOptions(ctx: AppContext, user: StaffUser, channel: 'visit' | 'outreach') {
  const now = ctx.clock();
  const kinds = channel === 'visit' ? (['reception'] as const) : (['outreach', 'appointment'] as const);
  const rows = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('reception_sessions as s', 's.case_id', 'c.id')
    .innerJoin('users as l', 'l.id', 's.leader_id')
    .selectAll('c')
    .select(['s.kind', 's.starts_at', 's.place', 'l.display_name as leader'])
    .where('c.type', '=', 'reception_session')
    .where('c.state', '!=', 'cancelled')
    .where('s.kind', 'in', [...kinds])
    .where('s.starts_at', '<=', now)
    .where('s.starts_at', '>=', new Date(now.getTime() - 7 * 86_400_000))
    .orderBy('s.starts_at', 'desc')
    .limit(50)
    .execute();
  const items = [];
  for (const r of rows) {
    const extra = await loadSession(ctx.db, r);
    if (canSeeSession(user, extra.facts))
      items.push({ id: r.id, kind: r.kind, leaderName: r.leader, startsAt: r.starts_at, place: r.place });
  }
  return { items };
}

type StaffRequest = z.output<typeof StaffRequestSchema>;

async function slotRef(db: Db, sessionId: number | null) {
  if (sessionId === null) return null;
  const s = await db
    .selectFrom('reception_sessions as s')
    .innerJoin('users as l', 'l.id', 's.leader_id')
    .select(['s.case_id as id', 'l.display_name as leaderName', 's.starts_at as startsAt', 's.place'])
    .where('s.case_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return s;
}

/** The bureau's list of appointment requests, newest first; the petitioner's phone masked. */
export async function listRequests(
  ctx: AppContext,
  user: StaffUser,
  query: z.output<typeof RequestListQuery>,
): Promise<{ items: StaffRequest[] }> {
  if (!hasRole(user, 'registrar', 'supervisor', 'unit_head', 'leader')) return { items: [] };
  let q = ctx.db
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.type', '=', 'appointment_request')
    .where('c.region_code', 'like', `${user.unit.regionCode}%`);
  if (query.state) q = q.where('c.state', '=', query.state);
  const rows = await q.orderBy('c.id', 'desc').limit(LIST_MAX).execute();
  const items: StaffRequest[] = [];
  for (const row of rows) {
    const { facts, request: a } = await loadRequest(ctx.db, row);
    if (!canSeeRequest(user, facts)) continue;
    const matter = a.matter_id
      ? await ctx.db
          .selectFrom('matters')
          .select(['id', 'case_number as caseNumber', 'subject'])
          .where('id', '=', a.matter_id)
          .executeTakeFirstOrThrow()
      : null;
    const state = row.state as RequestState;
    items.push({
      id: row.id,
      number: a.number,
      state,
      version: row.version,
      name: a.name,
      phone: maskPhone(a.phone),
      reason: a.reason,
      matter,
      requested: (await slotRef(ctx.db, a.session_id))!,
      proposed: await slotRef(ctx.db, a.proposed_session_id),
      confirmed: await slotRef(ctx.db, a.confirmed_session_id),
      message: a.message,
      requestedAt: row.opened_at,
      allowedActions: allowedCommands(REQUEST_WORKFLOW, state).filter((c) => canRunRequest(user, c, facts)),
    });
  }
  return { items };
}

import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf } from '../calendar/zoned.ts';
import { deadlineBadge } from '../deadlines/plan.ts';
import { notFound } from '../errors/app-error.ts';
import type {
  AssignmentListQuery,
  AssignmentSchema,
  AssignmentState,
  MeetingSchema,
  MeetingState,
  MeetingSummarySchema,
} from '../shared/meeting.schema.ts';
import {
  canRunAssignment,
  canRunMeeting,
  canSeeAssignment,
  canSeeMeetingBody,
} from '../workflow/case-policy.ts';
import type { CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { loadAssignment, loadMeeting } from './meeting.binding.ts';
import { bodyView } from './meeting-body.queries.ts';
import { ASSIGNMENT_DONE, ASSIGNMENT_WORKFLOW, MEETING_WORKFLOW } from './meeting.workflow.ts';

type Assignment = z.output<typeof AssignmentSchema>;
type Summary = z.output<typeof MeetingSummarySchema>;

/** Lists show at most this many rows. */
export const MEETING_LIST_MAX = 200;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

async function assignmentView(ctx: AppContext, user: StaffUser, row: CaseRow): Promise<Assignment | null> {
  const db = ctx.db;
  const extra = await loadAssignment(db, row);
  if (!canSeeAssignment(user, extra.facts)) return null;
  const a = await db
    .selectFrom('meeting_assignments as a')
    .innerJoin('units as n', 'n.id', 'a.unit_id')
    .leftJoin('users as r', 'r.id', 'a.reported_by')
    .select(['a.report', 'a.reported_at', 'n.name as unitName', 'r.display_name as reporter'])
    .where('a.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const matter =
    row.matter_id === null
      ? null
      : await db
          .selectFrom('matters')
          .select(['case_number', 'subject'])
          .where('id', '=', row.matter_id)
          .executeTakeFirstOrThrow();
  const d = await db
    .selectFrom('case_deadlines')
    .select(['due_date', 'due_at', 'warn_at'])
    .where('case_id', '=', row.id)
    .where('status', '=', 'open')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const now = ctx.clock();
  const state = row.state as AssignmentState;
  return {
    id: row.id,
    meetingId: extra.meetingId,
    meetingTitle: extra.meetingTitle,
    position: extra.position,
    unitId: extra.facts.unitId,
    unitName: a.unitName,
    task: extra.task,
    dueDate: extra.dueDate,
    matterId: row.matter_id,
    caseNumber: matter?.case_number ?? null,
    subject: matter?.subject ?? null,
    state,
    version: row.version,
    report: a.report,
    reportedAt: a.reported_at,
    reportedByName: a.reporter,
    returns: extra.returns,
    deadline: d
      ? {
          badge: deadlineBadge(now, { warnAt: d.warn_at, dueAt: d.due_at }),
          dueDate: d.due_date,
          daysLeft: daysBetween(localDateOf(now), d.due_date),
        }
      : null,
    allowedActions: allowedCommands(ASSIGNMENT_WORKFLOW, state).filter((c) =>
      canRunAssignment(user, c, extra.facts),
    ),
  };
}

export async function getAssignment(ctx: AppContext, user: StaffUser, id: number): Promise<Assignment> {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'meeting_assignment')
    .executeTakeFirst();
  const v = row ? await assignmentView(ctx, user, row) : null;
  if (!v) throw notFound('会议交办事项', 'Meeting assignment');
  return v;
}

async function assignmentsOf(ctx: AppContext, user: StaffUser, meetingId: number) {
  const rows = await ctx.db
    .selectFrom('cases as c')
    .innerJoin('meeting_assignments as a', 'a.case_id', 'c.id')
    .selectAll('c')
    .where('a.meeting_case_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
  return (await Promise.all(rows.map((r) => assignmentView(ctx, user, r)))).filter((v) => v !== null);
}

async function summaryOf(ctx: AppContext, row: CaseRow): Promise<Summary & { bodyId: number }> {
  const m = await ctx.db
    .selectFrom('meetings as m')
    .innerJoin('meeting_bodies as b', 'b.id', 'm.body_id')
    .select(['m.body_id', 'b.name as bodyName', 'm.title', 'm.starts_at', 'm.place'])
    .where('m.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  // Counted over every item, seen or not: whether the meeting can close is the same for everyone.
  const counts = await ctx.db
    .selectFrom('meeting_assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('case_deadlines as d', (j) =>
      j.onRef('d.case_id', '=', 'c.id').on('d.status', '=', 'open').on('d.due_at', '<', ctx.clock()),
    )
    .select((eb) => [
      eb.fn.count<number>('a.case_id').distinct().as('open'),
      eb.fn.count<number>('d.id').distinct().as('overdue'),
    ])
    .where('a.meeting_case_id', '=', row.id)
    .where('c.state', 'not in', [...ASSIGNMENT_DONE])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    bodyId: m.body_id,
    bodyName: m.bodyName,
    title: m.title,
    startsAt: m.starts_at,
    place: m.place,
    state: row.state as MeetingState,
    openAssignments: Number(counts.open),
    overdueAssignments: Number(counts.overdue),
  };
}

/** The meetings the user may see (of one body, or all), latest first. */
export async function listMeetings(ctx: AppContext, user: StaffUser, query: { bodyId?: number }) {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('meetings as m', 'm.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'meeting');
  if (query.bodyId !== undefined) q = q.where('m.body_id', '=', query.bodyId);
  const rows = await q
    .orderBy('m.starts_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(MEETING_LIST_MAX)
    .execute();
  const items: Summary[] = [];
  for (const r of rows) {
    const extra = await loadMeeting(ctx.db, r);
    if (canSeeMeetingBody(user, extra.body)) items.push(await summaryOf(ctx, r));
  }
  return { items };
}

/** One meeting: agenda, record, files, what it handed down (each as the user may see it), actions. */
export async function getMeeting(
  ctx: AppContext,
  user: StaffUser,
  id: number,
): Promise<z.output<typeof MeetingSchema>> {
  const db = ctx.db;
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'meeting')
    .executeTakeFirst();
  const extra = row ? await loadMeeting(db, row) : null;
  if (!row || !extra || !canSeeMeetingBody(user, extra.body)) throw notFound('联席会议', 'Joint meeting');
  const m = await db
    .selectFrom('meetings as m')
    .leftJoin('users as r', 'r.id', 'm.recorded_by')
    .select(['m.agenda', 'm.minutes', 'm.decisions', 'm.recorded_at', 'r.display_name as recorder'])
    .where('m.case_id', '=', id)
    .executeTakeFirstOrThrow();
  const attendees = await db
    .selectFrom('meeting_attendees as a')
    .innerJoin('units as n', 'n.id', 'a.unit_id')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.unit_id', 'n.name', 'a.user_id', 'u.display_name'])
    .where('a.case_id', '=', id)
    .orderBy('a.id')
    .execute();
  const files = await db
    .selectFrom('meeting_files')
    .select(['id', 'filename', 'size_bytes'])
    .where('case_id', '=', id)
    .orderBy('id')
    .execute();
  const state = row.state as MeetingState;
  const body = (await bodyView(ctx, user, extra.bodyId))!;
  return {
    ...(await summaryOf(ctx, row)),
    version: row.version,
    convenerUnitId: body.convenerUnitId,
    convenerUnitName: body.convenerUnitName,
    agenda: m.agenda,
    minutes: m.minutes,
    decisions: m.decisions,
    recordedAt: m.recorded_at,
    recordedByName: m.recorder,
    attendees: attendees.map((a) => ({
      unitId: a.unit_id,
      unitName: a.name,
      userId: a.user_id,
      userName: a.display_name,
    })),
    files: files.map((f) => ({ id: f.id, filename: f.filename, sizeBytes: f.size_bytes })),
    assignments: await assignmentsOf(ctx, user, id),
    allowedActions: allowedCommands(MEETING_WORKFLOW, state).filter((c) =>
      canRunMeeting(user, c, extra.body),
    ),
    members: body.members,
  };
}

/**
 * What the user's unit was handed (交办给本单位), or what it handed down, newest first, with counts
 * of those awaiting a report, awaiting review and overdue.
 */
export async function listAssignments(
  ctx: AppContext,
  user: StaffUser,
  query: z.output<typeof AssignmentListQuery>,
) {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('meeting_assignments as a', 'a.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'meeting_assignment');
  q =
    query.view === 'toMyUnit'
      ? q.where('a.unit_id', '=', user.unit.id)
      : q.where('c.unit_id', '=', user.unit.id);
  const rows = await q.orderBy('c.id', 'desc').limit(MEETING_LIST_MAX).execute();
  const all = (await Promise.all(rows.map((r) => assignmentView(ctx, user, r)))).filter((v) => v !== null);
  return {
    items: all.filter((a) => !query.state || a.state === query.state),
    counts: {
      assigned: all.filter((a) => a.state === 'assigned').length,
      reported: all.filter((a) => a.state === 'reported').length,
      overdue: all.filter((a) => a.deadline?.badge === 'overdue').length,
    },
  };
}

/** A meeting's file, for whoever may see the meeting. */
export async function readMeetingFile(ctx: AppContext, user: StaffUser, meetingId: number, fileId: number) {
  await getMeetingVisible(ctx, user, meetingId);
  const f = await ctx.db
    .selectFrom('meeting_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('case_id', '=', meetingId)
    .executeTakeFirst();
  if (!f) throw notFound('附件', 'File');
  return { meta: f, bytes: await ctx.attachments.get(f.storage_key) };
}

async function getMeetingVisible(ctx: AppContext, user: StaffUser, id: number) {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'meeting')
    .executeTakeFirst();
  if (!row || !canSeeMeetingBody(user, (await loadMeeting(ctx.db, row)).body))
    throw notFound('联席会议', 'Joint meeting');
}

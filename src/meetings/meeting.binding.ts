import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import { CASE_TYPE_LABELS } from '../shared/case-labels.ts';
import {
  ASSIGNMENT_COMMAND_LABELS,
  ASSIGNMENT_STATE_LABELS,
  MEETING_COMMAND_LABELS,
  MEETING_STATE_LABELS,
} from '../shared/meeting.labels.ts';
import {
  canRunAssignment,
  canRunMeeting,
  canSeeAssignment,
  canSeeMeetingBody,
  type AssignmentFacts,
  type MeetingBodyFacts,
} from '../workflow/case-policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import { loadBody } from './meeting-body.repository.ts';
import { ASSIGNMENT_WORKFLOW, MEETING_WORKFLOW } from './meeting.workflow.ts';

export interface MeetingExtra {
  bodyId: number;
  bodyName: string;
  body: MeetingBodyFacts;
  title: string;
}
export type LockedMeeting = LockedCase<MeetingExtra>;

/** What a meeting's rules and handlers read beside its case row. */
export async function loadMeeting(db: Kysely<Database>, row: CaseRow): Promise<MeetingExtra> {
  const m = await db
    .selectFrom('meetings')
    .select(['body_id', 'title'])
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const body = (await loadBody(db, m.body_id))!;
  return { bodyId: m.body_id, bodyName: body.row.name, body: body.facts, title: m.title };
}

export const MEETING_BINDING = casesTableBinding({
  workflow: MEETING_WORKFLOW,
  noun: CASE_TYPE_LABELS.meeting,
  stateLabels: MEETING_STATE_LABELS,
  commandLabels: MEETING_COMMAND_LABELS,
  load: loadMeeting,
  canSee: (user, c) => canSeeMeetingBody(user, c.extra.body),
  canRun: (user, command, c) => canRunMeeting(user, command, c.extra.body),
});

export interface AssignmentExtra {
  facts: AssignmentFacts;
  meetingId: number;
  meetingTitle: string;
  position: number;
  task: string;
  dueDate: string;
  returns: number;
}
export type LockedAssignment = LockedCase<AssignmentExtra>;

export async function loadAssignment(db: Kysely<Database>, row: CaseRow): Promise<AssignmentExtra> {
  const a = await db
    .selectFrom('meeting_assignments as a')
    .innerJoin('meetings as m', 'm.case_id', 'a.meeting_case_id')
    .select(['a.meeting_case_id', 'a.position', 'a.unit_id', 'a.task', 'a.due_date', 'a.returns'])
    .select(['m.body_id', 'm.title'])
    .where('a.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const body = (await loadBody(db, a.body_id))!;
  const matter = row.matter_id === null ? null : await matterFactsOf(db, row.matter_id);
  return {
    facts: { body: body.facts, matter, unitId: a.unit_id },
    meetingId: a.meeting_case_id,
    meetingTitle: a.title,
    position: a.position,
    task: a.task,
    dueDate: a.due_date,
    returns: a.returns,
  };
}

export const ASSIGNMENT_BINDING = casesTableBinding({
  workflow: ASSIGNMENT_WORKFLOW,
  noun: CASE_TYPE_LABELS.meeting_assignment,
  stateLabels: ASSIGNMENT_STATE_LABELS,
  commandLabels: ASSIGNMENT_COMMAND_LABELS,
  load: loadAssignment,
  canSee: (user, c) => canSeeAssignment(user, c.extra.facts),
  canRun: (user, command, c) => canRunAssignment(user, command, c.extra.facts),
});

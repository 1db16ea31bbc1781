/**
 * The API contract of joint meetings (联席会议, issue 14 item 3), shared with the web app: the
 * standing body (members, representatives, working groups), its meetings and what they hand down.
 */
import { z } from 'zod';
import { BadgeSchema, localDate, timestamp } from './api.schema.ts';

export const MEETING_STATES = ['scheduled', 'held', 'closed', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MEETING_COMMANDS = ['record', 'assign', 'attach', 'close', 'cancel', 'comment'] as const;
export type MeetingCommand = (typeof MEETING_COMMANDS)[number];

export const ASSIGNMENT_STATES = ['assigned', 'reported', 'accepted', 'withdrawn'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export const ASSIGNMENT_COMMANDS = ['report', 'accept', 'return', 'withdraw', 'comment'] as const;
export type AssignmentCommand = (typeof ASSIGNMENT_COMMANDS)[number];

export const MEETING_LIMITS = {
  membersMax: 60,
  representativesMax: 5,
  groupsUnitsMax: 30,
  groupCategoriesMax: 20,
  decisionsMax: 50,
  assignmentsMax: 50,
  attendeesMax: 200,
} as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const id = z.number().int().positive();

export const BodyMemberInput = z
  .object({
    unitId: id,
    /** Users of the unit who represent it at the meeting. */
    representativeIds: z.array(id).max(MEETING_LIMITS.representativesMax).default([]),
  })
  .strict();

const bodyFields = {
  name: trimmed(200),
  /** A leader of the region (the convener's or the government's) who convenes the meetings. */
  convenerLeaderId: id.nullable().default(null),
  duties: trimmed(4000).optional(),
  members: z.array(BodyMemberInput).min(1).max(MEETING_LIMITS.membersMax),
};

export const CreateBodyInput = z
  .object({
    ...bodyFields,
    /** The petition bureau or the people's government of the region; by default the user's own unit. */
    convenerUnitId: id.optional(),
  })
  .strict();

export const UpdateBodyInput = z
  .object({ ...bodyFields, expectedVersion: z.number().int().positive().optional() })
  .strict();

export const WorkingGroupInput = z
  .object({
    name: trimmed(200),
    leadUnitId: id,
    /** The other member units of the group (the lead unit is always in it). */
    unitIds: z.array(id).max(MEETING_LIMITS.groupsUnitsMax).default([]),
    /** The petition categories the group covers (codes of the category tree). */
    categoryCodes: z.array(z.string().trim().min(1).max(60)).min(1).max(MEETING_LIMITS.groupCategoriesMax),
  })
  .strict();

export const ScheduleMeetingInput = z
  .object({
    title: trimmed(200),
    startsAt: z.iso.datetime({ offset: true }),
    place: trimmed(200),
    agenda: trimmed(4000),
  })
  .strict();

export const AssignmentInput = z
  .object({
    /** The member unit the item is handed to. */
    unitId: id,
    task: trimmed(2000),
    /** The date the unit must report back by. */
    dueDate: z.iso.date(),
    /** The petition matter it concerns, if any: the unit must be able to see it. */
    matterId: id.optional(),
  })
  .strict();

export const RecordMeetingInput = z
  .object({
    /** Member units (or the convener) present. */
    attendeeUnitIds: z.array(id).min(1).max(MEETING_LIMITS.attendeesMax),
    /** Named people present (each of an attending unit). */
    attendeeUserIds: z.array(id).max(MEETING_LIMITS.attendeesMax).default([]),
    minutes: trimmed(20000),
    decisions: z.array(trimmed(2000)).max(MEETING_LIMITS.decisionsMax).default([]),
    /** Items handed down at once; more can be added to the held meeting later. */
    assignments: z.array(AssignmentInput).max(MEETING_LIMITS.assignmentsMax).default([]),
  })
  .strict();

export const AssignInput = z
  .object({ assignments: z.array(AssignmentInput).min(1).max(MEETING_LIMITS.assignmentsMax) })
  .strict();
export const MeetingNoteInput = z.object({ note: trimmed(1000).optional() }).strict();
export const CancelMeetingInput = z.object({ reason: trimmed(1000) }).strict();
export const MeetingCommentInput = z.object({ comment: trimmed(2000) }).strict();

export const ReportAssignmentInput = z.object({ report: trimmed(4000) }).strict();
export const ReturnAssignmentInput = z.object({ reason: trimmed(2000), dueDate: z.iso.date() }).strict();
export const WithdrawAssignmentInput = z.object({ reason: trimmed(1000) }).strict();
export const AssignmentNoteInput = MeetingNoteInput;
export const AssignmentCommentInput = MeetingCommentInput;

export const AssignmentListQuery = z
  .object({
    /** toMyUnit: what the user's unit was handed; issued: what the user's unit handed down. */
    view: z.enum(['toMyUnit', 'issued']).default('toMyUnit'),
    state: z.enum(ASSIGNMENT_STATES).optional(),
  })
  .strict();

const named = z.object({ id: z.number().int(), name: z.string() });

export const MeetingBodySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  regionCode: z.string(),
  convenerUnitId: z.number().int(),
  convenerUnitName: z.string(),
  convenerLeaderId: z.number().int().nullable(),
  convenerLeaderName: z.string().nullable(),
  duties: z.string().nullable(),
  version: z.number().int(),
  members: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      joinedAt: timestamp,
      representatives: z.array(named),
    }),
  ),
  groups: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      leadUnitId: z.number().int(),
      leadUnitName: z.string(),
      units: z.array(named),
      categories: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
    }),
  ),
  /** The user may change the body (its bureau's supervisors and administrators). */
  canManage: z.boolean(),
  /** The user is on the convener side and may schedule meetings. */
  canSchedule: z.boolean(),
});

export const MeetingBodyListSchema = z.object({
  items: z.array(MeetingBodySchema),
  /** The user may set up a body for their region. */
  canCreate: z.boolean(),
});

export const BodyCandidatesSchema = z.object({
  /** Active units of the body's region, with their active users, to choose members from. */
  units: z.array(named.extend({ users: z.array(named) })),
  leaders: z.array(named.extend({ unitName: z.string() })),
});

export const DeadlineStatusSchema = z.object({
  badge: BadgeSchema,
  dueDate: localDate,
  daysLeft: z.number().int(),
});

export const AssignmentSchema = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  position: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  task: z.string(),
  dueDate: localDate,
  matterId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  subject: z.string().nullable(),
  state: z.enum(ASSIGNMENT_STATES),
  version: z.number().int(),
  report: z.string().nullable(),
  reportedAt: timestamp.nullable(),
  reportedByName: z.string().nullable(),
  returns: z.number().int(),
  /** The open deadline (until the report is in). */
  deadline: DeadlineStatusSchema.nullable(),
  allowedActions: z.array(z.enum(ASSIGNMENT_COMMANDS)),
});

export const AssignmentListSchema = z.object({
  items: z.array(AssignmentSchema),
  counts: z.object({ assigned: z.number().int(), reported: z.number().int(), overdue: z.number().int() }),
});

export const MeetingSummarySchema = z.object({
  id: z.number().int(),
  bodyId: z.number().int(),
  bodyName: z.string(),
  title: z.string(),
  startsAt: timestamp,
  place: z.string(),
  state: z.enum(MEETING_STATES),
  /** Assignments not yet reported and accepted (withdrawn ones are done with). */
  openAssignments: z.number().int(),
  overdueAssignments: z.number().int(),
});

export const MeetingListSchema = z.object({ items: z.array(MeetingSummarySchema) });

export const MeetingSchema = MeetingSummarySchema.extend({
  version: z.number().int(),
  convenerUnitId: z.number().int(),
  convenerUnitName: z.string(),
  agenda: z.string(),
  minutes: z.string().nullable(),
  decisions: z.array(z.string()),
  recordedAt: timestamp.nullable(),
  recordedByName: z.string().nullable(),
  attendees: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      userId: z.number().int().nullable(),
      userName: z.string().nullable(),
    }),
  ),
  files: z.array(z.object({ id: z.number().int(), filename: z.string(), sizeBytes: z.number().int() })),
  assignments: z.array(AssignmentSchema),
  allowedActions: z.array(z.enum(MEETING_COMMANDS)),
  /** The body's member units with their representatives: whom the record and assign forms offer. */
  members: MeetingBodySchema.shape.members,
});

export const MeetingFileSavedSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});

/**
 * The API contract of case ownership (领导包案, "六一三包", issue 13 item 4), shared with the web app.
 */
import { z } from 'zod';
import { localDate, timestamp } from './api.schema.ts';
import { CARD_LEVELS, CARD_STATES } from './supervision.schema.ts';

export const OWNERSHIP_STATES = ['owned', 'replied', 'released'] as const;
export type OwnershipState = (typeof OWNERSHIP_STATES)[number];
export const OWNERSHIP_COMMANDS = [
  'add_step',
  'report',
  'add_member',
  'bind_card',
  'reply',
  'release',
  'comment',
] as const;
export type OwnershipCommand = (typeof OWNERSHIP_COMMANDS)[number];
export const MEMBER_ROLES = ['deputy_leader', 'lead_unit', 'cooperating_unit', 'liaison'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const STEP_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
/** Whether the matter it owns has reached a final state with a reply: read, never entered. */
export const OWNERSHIP_OUTCOMES = ['in_progress', 'resolved', 'released'] as const;
export type OwnershipOutcome = (typeof OWNERSHIP_OUTCOMES)[number];

export const OWNERSHIP_LIMITS = { stepsMax: 20, membersMax: 20 } as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const id = z.number().int().positive();

export const StepInput = z.object({ title: trimmed(500), ownerId: id, dueDate: z.iso.date() }).strict();
/** A member is a unit as a whole, or a named person of a unit (the unit is then the person's). */
export const MemberInput = z
  .object({ role: z.enum(MEMBER_ROLES), unitId: id.optional(), userId: id.optional() })
  .strict();

export const OpenOwnershipInput = z
  .object({
    /** The lead leader; by default the leader taking it. The bureau must name one. */
    leaderId: id.optional(),
    problem: trimmed(2000),
    goal: trimmed(2000).optional(),
    members: z.array(MemberInput).max(OWNERSHIP_LIMITS.membersMax).default([]),
    steps: z.array(StepInput).max(OWNERSHIP_LIMITS.stepsMax).default([]),
    /** A supervision card already issued on the matter, bound to the case. */
    cardId: id.optional(),
  })
  .strict();
export const AddStepInput = StepInput;
export const AddMemberInput = MemberInput;
export const ReportStepInput = z
  .object({
    stepId: id,
    progress: z.number().int().min(0).max(100),
    status: z.enum(STEP_STATUSES),
    note: trimmed(2000),
  })
  .strict();
export const BindCardInput = z.object({ cardId: id }).strict();
export const OwnershipReplyInput = z.object({ reply: trimmed(8000) }).strict();
export const ReleaseOwnershipInput = z.object({ reason: trimmed(1000) }).strict();
export const OwnershipCommentInput = z.object({ comment: trimmed(2000) }).strict();

export const OwnershipStepSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  ownerId: z.number().int(),
  ownerName: z.string(),
  ownerUnitName: z.string(),
  dueDate: localDate,
  status: z.enum(STEP_STATUSES),
  progress: z.number().int(),
  lastReport: z.string().nullable(),
  lastReportedAt: timestamp.nullable(),
  /** Not done or cancelled, past its due date. */
  overdue: z.boolean(),
  /** Whether the viewer may report progress on this step now. */
  canReport: z.boolean(),
});

export const OwnershipMemberSchema = z.object({
  role: z.enum(MEMBER_ROLES),
  unitId: z.number().int(),
  unitName: z.string(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
});

export const OwnershipSchema = z.object({
  id: z.number().int(),
  matterId: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  matterState: z.string(),
  state: z.enum(OWNERSHIP_STATES),
  version: z.number().int(),
  leaderId: z.number().int(),
  leaderName: z.string(),
  leaderUnitName: z.string(),
  openedByName: z.string(),
  openedAt: timestamp,
  problem: z.string(),
  goal: z.string().nullable(),
  members: z.array(OwnershipMemberSchema),
  steps: z.array(OwnershipStepSchema),
  /** The plan's progress: the mean of its steps' progress, cancelled steps left out. */
  progress: z.number().int(),
  overdueSteps: z.number().int(),
  card: z
    .object({
      id: z.number().int(),
      state: z.enum(CARD_STATES),
      level: z.enum(CARD_LEVELS),
      answerBy: localDate,
      targetUnitName: z.string(),
    })
    .nullable(),
  writtenReply: z.string().nullable(),
  repliedAt: timestamp.nullable(),
  outcome: z.enum(OWNERSHIP_OUTCOMES),
  allowedActions: z.array(z.enum(OWNERSHIP_COMMANDS)),
});

export const OwnershipListQuery = z
  .object({
    /** mine: the cases I lead; team: those I or my unit work on; opened: those my unit opened. */
    view: z.enum(['mine', 'team', 'opened']).default('mine'),
    state: z.enum(OWNERSHIP_STATES).optional(),
    /** 'true': only the cases with a step past its date. */
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const OwnershipListSchema = z.object({
  items: z.array(OwnershipSchema),
  summary: z.object({
    /** Cases in the list that were not released. */
    owned: z.number().int(),
    resolved: z.number().int(),
    /** resolved / owned, from the matters' record; null when nothing is owned. */
    resolutionRate: z.number().nullable(),
    overdueSteps: z.number().int(),
  }),
});

/** Who may be named on a case of this matter: leaders to own it, people to take a step or join. */
export const OwnershipCandidatesSchema = z.object({
  leaders: z.array(z.object({ id: z.number().int(), name: z.string(), unitName: z.string() })),
  people: z.array(
    z.object({ id: z.number().int(), name: z.string(), unitId: z.number().int(), unitName: z.string() }),
  ),
  units: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

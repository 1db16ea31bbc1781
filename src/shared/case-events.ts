/**
 * The typed catalogue of the case streams' events: each kind with its payload, so the command that
 * writes an event and the timeline that reads it agree (the matter's own events are in enums.ts).
 */
import type { CaseEventKind } from './case-labels.ts';

export interface CaseEventPayloads {
  instruction_issued: { body: string; unitIds: number[]; answerBy: string | null };
  instruction_answered: { unitId: number; answer: string; remaining: number };
  instruction_closed: { note: string | null };
  instruction_withdrawn: { note: string | null };
  instruction_comment: { comment: string };
  instruction_deadline_warning: { deadlineId: number; unitId: number | null; dueDate: string };
  instruction_deadline_overdue: { deadlineId: number; unitId: number | null; dueDate: string };
  card_issued: {
    reason: string;
    demand: string;
    level: string;
    answerBy: string;
    unitId: number;
    /** A card on a unit's set of matters names them. */
    matterIds?: number[];
  };
  card_answered: { answer: string; unitId: number; attachmentIds: number[] };
  card_accepted: { note: string | null };
  card_returned: { reason: string; answerBy: string };
  card_withdrawn: { note: string | null };
  card_escalated: { fromLevel: string; level: string; answerBy: string; deadlineId: number };
  card_comment: { comment: string };
  card_deadline_warning: { deadlineId: number; dueDate: string };
  card_deadline_overdue: { deadlineId: number; dueDate: string };
  follow_up_recorded: { method: string; reached: boolean; solved: string | null; opinion: string | null };
  follow_up_taken_up: { note: string };
  follow_up_comment: { comment: string };
  ownership_opened: {
    leaderId: number;
    problem: string;
    goal: string | null;
    steps: number;
    members: number;
    cardId: number | null;
  };
  ownership_step_added: { stepId: number; title: string; ownerId: number; dueDate: string };
  ownership_progress: { stepId: number; title: string; progress: number; status: string; note: string };
  ownership_member_added: { role: string; unitId: number; userId: number | null };
  ownership_card_bound: { cardId: number };
  ownership_replied: { reply: string };
  ownership_released: { reason: string };
  ownership_comment: { comment: string };
  ownership_step_warning: { deadlineId: number; stepId: number; dueDate: string };
  ownership_step_overdue: { deadlineId: number; stepId: number; dueDate: string };
  // — issue 14 · reception days —
  reception_scheduled: {
    kind: string;
    leaderId: number;
    startsAt: string;
    endsAt: string;
    place: string;
    capacity: number;
    published: boolean;
  };
  reception_recorded: { peopleReceived: number; outcome: string };
  reception_cancelled: { reason: string };
  reception_comment: { comment: string };
  appointment_requested: { number: string; sessionId: number; matterId: number | null };
  appointment_confirmed: { sessionId: number; message: string | null };
  appointment_proposed: { sessionId: number; message: string };
  /** By the bureau on a request, or by the petitioner on a proposal. */
  appointment_declined: { by: 'bureau' | 'petitioner'; message: string | null };
  appointment_accepted: { sessionId: number };
  appointment_cancelled: { note: string | null };
  appointment_comment: { comment: string };
  // — issue 14 · backlog and campaigns —
  campaign_opened: {
    name: string;
    periodStart: string;
    periodEnd: string;
    regionCode: string;
    leadUnitId: number | null;
    targetPercent: number;
  };
  /** Each matter taken on with its owner; `byFilter` when chosen as "all backlog matters matching". */
  campaign_matters_added: {
    matterIds: number[];
    ownerIds: (number | null)[];
    byFilter: boolean;
  };
  campaign_matter_removed: { matterId: number; reason: string };
  campaign_owner_assigned: { matterId: number; ownerId: number; previousOwnerId: number | null };
  campaign_started: { note: string | null; matters: number };
  campaign_closed: { note: string | null; matters: number; resolved: number; targetPercent: number };
  campaign_withdrawn: { note: string | null };
  campaign_outcome_recorded: {
    outcomeId: number;
    matterId: number;
    outcome: string;
    note: string;
    attachmentIds: number[];
    /** The outcome row this one replaces as current, if any (a revision while the campaign runs). */
    previousOutcomeId: number | null;
  };
  campaign_outcome_corrected: {
    outcomeId: number;
    correctionOf: number;
    matterId: number;
    outcome: string;
    note: string;
    reason: string;
    attachmentIds: number[];
  };
  campaign_comment: { comment: string };
  // — issue 14 · joint meetings —
  meeting_body_created: {
    name: string;
    convenerUnitId: number;
    convenerLeaderId: number | null;
    members: { unitId: number; representativeIds: number[] }[];
  };
  meeting_body_updated: {
    name: string;
    convenerLeaderId: number | null;
    joined: number[];
    left: number[];
    members: { unitId: number; representativeIds: number[] }[];
  };
  meeting_group_set: {
    groupId: number;
    name: string;
    leadUnitId: number;
    unitIds: number[];
    categoryCodes: string[];
  };
  meeting_group_dissolved: { groupId: number; name: string };
  meeting_scheduled: { bodyId: number; title: string; startsAt: string; place: string; agenda: string };
  meeting_recorded: {
    attendeeUnitIds: number[];
    attendeeUserIds: number[];
    minutes: string;
    decisions: string[];
  };
  meeting_assigned: { assignmentIds: number[] };
  meeting_file_added: { fileId: number; filename: string; sha256: string; size: number };
  meeting_closed: { note: string | null };
  meeting_cancelled: { reason: string };
  meeting_comment: { comment: string };
  meeting_assignment_opened: {
    meetingId: number;
    position: number;
    unitId: number;
    task: string;
    dueDate: string;
  };
  meeting_assignment_reported: { report: string; unitId: number };
  meeting_assignment_accepted: { note: string | null };
  meeting_assignment_returned: { reason: string; dueDate: string };
  meeting_assignment_withdrawn: { reason: string };
  meeting_assignment_comment: { comment: string };
  meeting_assignment_warning: { deadlineId: number; dueDate: string };
  meeting_assignment_overdue: { deadlineId: number; dueDate: string };
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  letter_drafted: LetterContent & { unitId: number; year: number; title: string };
  letter_issued: LetterContent & { note: string | null };
  letter_signed: { signedOn: string; unitSignatory: Signatory; bureauSignatory: Signatory };
  letter_amended: LetterContent & { reason: string };
  letter_withdrawn: { reason: string };
  letter_comment: { comment: string };
  accountability_opened: {
    unitId: number;
    kind: string;
    failure: string;
    demand: string;
    respondBy: string;
    matterIds: number[];
    figures: { indicator: string; from: string; to: string; value: number | null; numerator: number }[];
  };
  accountability_responded: { response: string; unitId: number };
  accountability_concluded: { finding: string };
  accountability_returned: { reason: string; respondBy: string };
  accountability_withdrawn: { reason: string };
  accountability_comment: { comment: string };
  accountability_deadline_warning: { deadlineId: number; dueDate: string };
  accountability_deadline_overdue: { deadlineId: number; dueDate: string };
}

/** What a responsibility letter's events record of its text (issue 14): its revision and targets. */
type LetterContent = { revision: number; targets: { indicator: string; target: number }[] };
type Signatory = { name: string; title: string };

/** One event of a case stream, typed by its kind (the `at` is the command's). */
export type CaseEvent = {
  [K in CaseEventKind]: { kind: K; payload: CaseEventPayloads[K] };
}[CaseEventKind];

/** Builds a typed case event: the compiler checks the payload against its kind. */
export const caseEvent = <K extends CaseEventKind>(
  kind: K,
  payload: CaseEventPayloads[K],
): { kind: K; payload: Record<string, unknown> } => ({ kind, payload });

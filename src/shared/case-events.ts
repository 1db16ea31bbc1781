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
  // — issue 14 · backlog and campaigns —
  // — issue 14 · joint meetings —
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
}

/** One event of a case stream, typed by its kind (the `at` is the command's). */
export type CaseEvent = {
  [K in CaseEventKind]: { kind: K; payload: CaseEventPayloads[K] };
}[CaseEventKind];

/** Builds a typed case event: the compiler checks the payload against its kind. */
export const caseEvent = <K extends CaseEventKind>(
  kind: K,
  payload: CaseEventPayloads[K],
): { kind: K; payload: Record<string, unknown> } => ({ kind, payload });

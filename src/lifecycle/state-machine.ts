import type { MatterState } from '../shared/enums.ts';

/**
 * The lawful lifecycle of a petition matter (procedure.md §3) as a table. Every state change in
 * Minsheng goes through `transition`; a command that is not in the table for the state is refused
 * with the list of what is allowed.
 */
export type Command =
  | 'accept'
  | 'forward'
  | 'hand_down'
  | 'not_accept'
  | 'merge'
  | 'sign_for'
  | 'object'
  | 'extend'
  | 'suspend'
  | 'resume'
  | 'add_note'
  | 'reply'
  | 'rate'
  | 'request_review'
  | 'decide_review'
  | 'request_recheck'
  | 'decide_recheck'
  | 'close'
  | 'conclude'
  | 'identify_reported_unit';

const TABLE: Record<MatterState, Partial<Record<Command, MatterState>>> = {
  registered: {
    accept: 'accepted',
    forward: 'forwarded',
    hand_down: 'handed_down',
    not_accept: 'not_accepted',
    merge: 'merged',
    add_note: 'registered',
    identify_reported_unit: 'registered',
  },
  accepted: {
    sign_for: 'in_handling',
    object: 'registered',
    add_note: 'accepted',
    identify_reported_unit: 'accepted',
  },
  forwarded: {
    sign_for: 'in_handling',
    object: 'registered',
    add_note: 'forwarded',
    identify_reported_unit: 'forwarded',
  },
  handed_down: {
    sign_for: 'in_handling',
    object: 'registered',
    add_note: 'handed_down',
    identify_reported_unit: 'handed_down',
  },
  in_handling: {
    extend: 'in_handling',
    suspend: 'suspended',
    reply: 'replied',
    add_note: 'in_handling',
    identify_reported_unit: 'in_handling',
  },
  suspended: { resume: 'in_handling', add_note: 'suspended', identify_reported_unit: 'suspended' },
  replied: { rate: 'evaluated', request_review: 'review_requested', close: 'closed', add_note: 'replied' },
  evaluated: { request_review: 'review_requested', close: 'closed', add_note: 'evaluated' },
  review_requested: { decide_review: 'reviewed', add_note: 'review_requested' },
  reviewed: { request_recheck: 'recheck_requested', close: 'closed', add_note: 'reviewed' },
  recheck_requested: { decide_recheck: 'rechecked', add_note: 'recheck_requested' },
  rechecked: { conclude: 'concluded', add_note: 'rechecked' },
  closed: { add_note: 'closed' },
  concluded: { add_note: 'concluded' },
  not_accepted: { add_note: 'not_accepted' },
  merged: { add_note: 'merged' },
};

/** States in which the matter is still open for its handling body. */
export const OPEN_STATES: readonly MatterState[] = [
  'registered',
  'accepted',
  'forwarded',
  'handed_down',
  'in_handling',
  'suspended',
  'review_requested',
  'recheck_requested',
];

/** States in which the matter is being dealt with (条例 §19: the same matter lodged higher up is not accepted). */
export const UNDER_HANDLING_STATES: readonly MatterState[] = [
  'accepted',
  'forwarded',
  'handed_down',
  'in_handling',
  'suspended',
];

export const TERMINAL_STATES: readonly MatterState[] = ['closed', 'concluded', 'not_accepted', 'merged'];

export function allowedCommands(state: MatterState): Command[] {
  return Object.keys(TABLE[state]) as Command[];
}

export type TransitionResult = { ok: true; to: MatterState } | { ok: false; allowed: Command[] };

export function transition(state: MatterState, command: Command): TransitionResult {
  const to = TABLE[state][command];
  return to ? { ok: true, to } : { ok: false, allowed: allowedCommands(state) };
}

import type { MatterState } from '../shared/enums.ts';
import {
  allowedCommands as allowedIn,
  defineWorkflow,
  transitionOf,
  type Workflow,
} from '../workflow/workflow.ts';

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

const TRANSITIONS = {
  registered: {
    accept: 'accepted',
    forward: 'forwarded',
    hand_down: 'handed_down',
    not_accept: 'not_accepted',
    merge: 'merged',
    identify_reported_unit: 'registered',
  },
  accepted: {
    sign_for: 'in_handling',
    object: 'registered',
    identify_reported_unit: 'accepted',
  },
  forwarded: {
    sign_for: 'in_handling',
    object: 'registered',
    identify_reported_unit: 'forwarded',
  },
  handed_down: {
    sign_for: 'in_handling',
    object: 'registered',
    identify_reported_unit: 'handed_down',
  },
  in_handling: {
    extend: 'in_handling',
    suspend: 'suspended',
    reply: 'replied',
    identify_reported_unit: 'in_handling',
  },
  suspended: { resume: 'in_handling', identify_reported_unit: 'suspended' },
  replied: { rate: 'evaluated', request_review: 'review_requested', close: 'closed' },
  evaluated: { request_review: 'review_requested', close: 'closed' },
  review_requested: { decide_review: 'reviewed' },
  reviewed: { request_recheck: 'recheck_requested', close: 'closed' },
  recheck_requested: { decide_recheck: 'rechecked' },
  rechecked: { conclude: 'concluded' },
  closed: {},
  concluded: {},
  not_accepted: {},
  merged: {},
} satisfies Workflow<MatterState, Command>['transitions'];

/** The matter lifecycle as a workflow of the kernel; a note is lawful in every state. */
export const MATTER_WORKFLOW = defineWorkflow<MatterState, Command>({
  type: 'matter',
  transitions: TRANSITIONS,
  actions: { commands: ['add_note'] },
  terminal: ['closed', 'concluded', 'not_accepted', 'merged'],
});

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

export const TERMINAL_STATES: readonly MatterState[] = MATTER_WORKFLOW.terminal;

export function allowedCommands(state: MatterState): Command[] {
  return allowedIn(MATTER_WORKFLOW, state);
}

export type TransitionResult = { ok: true; to: MatterState } | { ok: false; allowed: Command[] };

/** Every matter command has one target: the table's, or the same state for a note. */
export function transition(state: MatterState, command: Command): TransitionResult {
  const t = transitionOf(MATTER_WORKFLOW, state, command);
  return t.ok ? { ok: true, to: t.targets[0]! } : t;
}

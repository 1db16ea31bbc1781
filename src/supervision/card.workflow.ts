import type { CardCommand, CardLevel, CardState } from '../shared/supervision.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 督办单 (procedure.md §5): the unit answers, the supervisor accepts the answer or returns it with
 * a new date; an unanswered card escalates one level when its time runs out (the scanner runs
 * `escalate`, in the transaction that claims the overdue mark). A comment is lawful in any state.
 */
export const CARD_WORKFLOW: Workflow<CardState, CardCommand> & { type: 'supervision_card' } = {
  ...defineWorkflow<CardState, CardCommand>({
    type: 'supervision_card',
    transitions: {
      issued: { answer: 'answered', escalate: 'issued', withdraw: 'withdrawn' },
      answered: { accept: 'accepted', return: 'issued', withdraw: 'withdrawn' },
      accepted: {},
      withdrawn: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['accepted', 'withdrawn'],
  }),
  type: 'supervision_card',
};

/** The level an unanswered card goes to, and the time limit it then runs under; red is the last. */
export const NEXT_LEVEL: Record<CardLevel, { level: CardLevel; limit: 'card_yellow' | 'card_red' } | null> = {
  normal: { level: 'yellow', limit: 'card_yellow' },
  yellow: { level: 'red', limit: 'card_red' },
  red: null,
};

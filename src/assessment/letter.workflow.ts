import type { LetterCommand, LetterState } from '../shared/assessment.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 信访工作责任书: drafted by the bureau, issued to the unit, signed by the unit's head (or recorded by
 * the bureau when signed on paper). Its text and targets change only by `amend`, which adds a revision
 * (a signed letter is never changed in place); a letter not yet signed may be withdrawn.
 */
export const LETTER_WORKFLOW: Workflow<LetterState, LetterCommand> & { type: 'responsibility_letter' } = {
  ...defineWorkflow<LetterState, LetterCommand>({
    type: 'responsibility_letter',
    transitions: {
      draft: { issue: 'issued', amend: 'draft', withdraw: 'withdrawn' },
      issued: { sign: 'signed', amend: 'issued', withdraw: 'withdrawn' },
      signed: { amend: 'signed' },
      withdrawn: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['withdrawn'],
  }),
  type: 'responsibility_letter',
};

import type { InstructionCommand, InstructionState } from '../shared/leadership.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 阅批 (procedure.md §5): a leader's instruction waits for an answer from every unit it is addressed
 * to; the last answer completes it, and the leader closes it (or withdraws it while it is open).
 * A comment adds to the record in any state.
 */
export const INSTRUCTION_WORKFLOW: Workflow<InstructionState, InstructionCommand> & { type: 'instruction' } =
  {
    ...defineWorkflow<InstructionState, InstructionCommand>({
      type: 'instruction',
      transitions: {
        open: { answer: ['open', 'answered'], withdraw: 'withdrawn' },
        answered: { close: 'closed' },
        closed: {},
        withdrawn: {},
      },
      actions: { commands: ['comment'] },
      terminal: ['closed', 'withdrawn'],
    }),
    type: 'instruction',
  };

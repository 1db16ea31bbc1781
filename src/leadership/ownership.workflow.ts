import type { OwnershipCommand, OwnershipState } from '../shared/ownership.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 领导包案 (procedure.md §5): while the leader owns the case the plan grows and progress is reported
 * on it; it ends with the one written reply, or is released with a reason. Whether the problem was
 * resolved is not a state: it is read from the matter (a final state reached with a reply). A
 * comment is lawful in any state.
 */
export const OWNERSHIP_WORKFLOW: Workflow<OwnershipState, OwnershipCommand> & { type: 'ownership' } = {
  ...defineWorkflow<OwnershipState, OwnershipCommand>({
    type: 'ownership',
    transitions: {
      owned: {
        add_step: 'owned',
        report: 'owned',
        add_member: 'owned',
        bind_card: 'owned',
        reply: 'replied',
        release: 'released',
      },
      replied: {},
      released: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['replied', 'released'],
  }),
  type: 'ownership',
};

import type { AccountabilityCommand, AccountabilityState } from '../shared/assessment.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 责任追究 (条例 §45–§48): the bureau opens a record against a unit (通报, 约谈 or 书面检查), the unit
 * responds (its self-examination, its rectification), the bureau concludes it with a finding or
 * returns the response with a reason and a new date. Withdrawn while unanswered; a comment any time.
 */
export const ACCOUNTABILITY_WORKFLOW: Workflow<AccountabilityState, AccountabilityCommand> & {
  type: 'accountability';
} = {
  ...defineWorkflow<AccountabilityState, AccountabilityCommand>({
    type: 'accountability',
    transitions: {
      opened: { respond: 'responded', withdraw: 'withdrawn' },
      responded: { conclude: 'concluded', return: 'opened' },
      concluded: {},
      withdrawn: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['concluded', 'withdrawn'],
  }),
  type: 'accountability',
};

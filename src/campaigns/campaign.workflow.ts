import type { CampaignCommand, CampaignState } from '../shared/campaign.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 积案专项治理 (procedure.md §5): drafted with its matters, started, closed. Matters are taken on and
 * owners named while it is draft or active; outcomes are recorded while it is active; once closed,
 * an outcome changes only by a correction (a new row naming the one it corrects, with a reason).
 * A campaign with outcomes is never withdrawn (the command says so): what was recorded stays.
 *
 * `closed` is not listed as terminal although nothing moves on from it: the kernel stamps
 * `closed_at` on every write in a terminal state, and a correction must not move the closing date.
 * The close command stamps it itself.
 */
export const CAMPAIGN_WORKFLOW: Workflow<CampaignState, CampaignCommand> & { type: 'campaign' } = {
  ...defineWorkflow<CampaignState, CampaignCommand>({
    type: 'campaign',
    transitions: {
      draft: {
        start: 'active',
        withdraw: 'withdrawn',
        add_matters: 'draft',
        remove_matter: 'draft',
        assign_owner: 'draft',
        comment: 'draft',
      },
      active: {
        record_outcome: 'active',
        close: 'closed',
        withdraw: 'withdrawn',
        add_matters: 'active',
        remove_matter: 'active',
        assign_owner: 'active',
        comment: 'active',
      },
      closed: { correct_outcome: 'closed', comment: 'closed' },
      withdrawn: {},
    },
    terminal: ['withdrawn'],
  }),
  type: 'campaign',
};

/**
 * Labels of the backlog campaign (积案专项治理) case type: its states, commands and outcomes, in
 * Chinese and English, for the server's messages and the web app alike.
 */
import type { CampaignCommand, CampaignOutcome, CampaignState } from './campaign.schema.ts';
import type { Labels } from './labels.ts';

export const CAMPAIGN_STATE_LABELS: Labels<CampaignState> = {
  draft: { zh: '筹备中', en: 'Draft' },
  active: { zh: '进行中', en: 'Active' },
  closed: { zh: '已结束', en: 'Closed' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
};

export const CAMPAIGN_COMMAND_LABELS: Labels<CampaignCommand> = {
  start: { zh: '启动专项行动', en: 'Start the campaign' },
  close: { zh: '结束专项行动', en: 'Close the campaign' },
  withdraw: { zh: '撤销专项行动', en: 'Withdraw the campaign' },
  add_matters: { zh: '纳入积案', en: 'Take on matters' },
  remove_matter: { zh: '移出事项', en: 'Remove a matter' },
  assign_owner: { zh: '指定责任人', en: 'Name the owner' },
  record_outcome: { zh: '登记化解结果', en: 'Record the outcome' },
  correct_outcome: { zh: '更正化解结果', en: 'Correct the outcome' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const CAMPAIGN_OUTCOME_LABELS: Labels<CampaignOutcome> = {
  resolved: { zh: '已化解', en: 'Resolved' },
  legal_channel: { zh: '导入法定途径', en: 'Referred to legal channels' },
  explained_accepted: { zh: '解释说明并息诉', en: 'Explained and accepted' },
  hardship_assistance: { zh: '困难救助', en: 'Hardship assistance granted' },
  concluded: { zh: '依法终结', en: 'Concluded (终结)' },
};

/**
 * Labels of responsibility letters, frozen scorecards and accountability records (issue 14 item 4),
 * in Chinese and English, for the server's messages and the web app alike.
 */
import type {
  AccountabilityCommand,
  AccountabilityKind,
  AccountabilityState,
  LetterCommand,
  LetterState,
  TargetStatus,
} from './assessment.schema.ts';
import type { Labels } from './labels.ts';

export const LETTER_STATE_LABELS: Labels<LetterState> = {
  draft: { zh: '草稿', en: 'Draft' },
  issued: { zh: '已下达待签订', en: 'Issued, to be signed' },
  signed: { zh: '已签订', en: 'Signed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const LETTER_COMMAND_LABELS: Labels<LetterCommand> = {
  issue: { zh: '下达责任书', en: 'Issue the letter' },
  sign: { zh: '签订', en: 'Sign' },
  amend: { zh: '修订', en: 'Amend' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const TARGET_STATUS_LABELS: Labels<TargetStatus> = {
  met: { zh: '已达标', en: 'Met' },
  not_met: { zh: '未达标', en: 'Not met' },
  no_data: { zh: '暂无数据', en: 'Nothing counted yet' },
};

export const ACCOUNTABILITY_STATE_LABELS: Labels<AccountabilityState> = {
  opened: { zh: '待单位答复', en: 'Awaiting the unit’s response' },
  responded: { zh: '已答复待审核', en: 'Responded, to be reviewed' },
  concluded: { zh: '已办结', en: 'Concluded' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
};

export const ACCOUNTABILITY_COMMAND_LABELS: Labels<AccountabilityCommand> = {
  respond: { zh: '提交答复', en: 'Respond' },
  conclude: { zh: '审核办结', en: 'Conclude' },
  return: { zh: '退回重报', en: 'Return the response' },
  withdraw: { zh: '撤销', en: 'Withdraw' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const ACCOUNTABILITY_KIND_LABELS: Labels<AccountabilityKind> = {
  notice: { zh: '通报批评', en: 'Notice of criticism' },
  talk: { zh: '约谈', en: 'Admonishment talk' },
  self_examination: { zh: '书面检查', en: 'Written self-examination' },
};

/** The events of a frozen scorecard's stream ('scorecard:<year>:<region>'). */
export const SCORECARD_EVENT_LABELS: Labels<'scorecard_frozen' | 'scorecard_corrected'> = {
  scorecard_frozen: { zh: '年度考核结果封存', en: 'Year-end scorecard frozen' },
  scorecard_corrected: { zh: '封存考核结果更正', en: 'Frozen scorecard corrected' },
};

/**
 * Labels of the workflow kernel's case types (issue 13): their states, commands and notices, in
 * Chinese and English, for the server's messages and the web app alike.
 */
import type { NotificationKind } from './inbox.schema.ts';
import type { InstructionCommand, InstructionState } from './leadership.schema.ts';
import type { Labels } from './labels.ts';

export const CASE_TYPE_LABELS: Labels<'instruction'> = {
  instruction: { zh: '领导批示', en: 'Leader’s instruction' },
};

export const INSTRUCTION_STATE_LABELS: Labels<InstructionState> = {
  open: { zh: '待答复', en: 'Awaiting answers' },
  answered: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const INSTRUCTION_COMMAND_LABELS: Labels<InstructionCommand> = {
  answer: { zh: '答复批示', en: 'Answer the instruction' },
  close: { zh: '批示办结', en: 'Close the instruction' },
  withdraw: { zh: '撤回批示', en: 'Withdraw the instruction' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const NOTIFICATION_KIND_LABELS: Labels<NotificationKind> = {
  deadline_warning: { zh: '办理期限即将到期', en: 'A time limit is near' },
  deadline_overdue: { zh: '办理期限已超期', en: 'A time limit has passed' },
  instruction_received: { zh: '收到领导批示', en: 'A leader’s instruction to answer' },
  instruction_answered: { zh: '批示已答复', en: 'Your instruction was answered' },
  instruction_warning: { zh: '批示答复即将到期', en: 'An instruction’s answer date is near' },
  instruction_overdue: { zh: '批示答复已超期', en: 'An instruction’s answer date has passed' },
};

/** The events of the case streams, as the matter's timeline shows them. */
export const CASE_EVENT_KINDS = [
  'instruction_issued',
  'instruction_answered',
  'instruction_closed',
  'instruction_withdrawn',
  'instruction_comment',
  'instruction_deadline_warning',
  'instruction_deadline_overdue',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const CASE_EVENT_LABELS: Labels<CaseEventKind> = {
  instruction_issued: { zh: '领导批示', en: 'Leader’s instruction' },
  instruction_answered: { zh: '批示答复', en: 'Instruction answered' },
  instruction_closed: { zh: '批示办结', en: 'Instruction closed' },
  instruction_withdrawn: { zh: '批示撤回', en: 'Instruction withdrawn' },
  instruction_comment: { zh: '批示补充意见', en: 'Comment on an instruction' },
  instruction_deadline_warning: { zh: '批示答复即将到期', en: 'Instruction answer date near' },
  instruction_deadline_overdue: { zh: '批示答复已超期', en: 'Instruction answer date passed' },
};

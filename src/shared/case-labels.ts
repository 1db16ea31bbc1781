/**
 * Labels of the workflow kernel's case types (issue 13): their states, commands and notices, in
 * Chinese and English, for the server's messages and the web app alike.
 */
import type { NotificationKind } from './inbox.schema.ts';
import type { InstructionCommand, InstructionState } from './leadership.schema.ts';
import type { CardCommand, CardLevel, CardState } from './supervision.schema.ts';
import type {
  MemberRole,
  OwnershipCommand,
  OwnershipOutcome,
  OwnershipState,
  StepStatus,
} from './ownership.schema.ts';
import type { FollowUpResult } from './enums.ts';
import type { FollowUpCommand, FollowUpMethod, FollowUpState } from './follow-up.schema.ts';
import type { Labels } from './labels.ts';

/** The workflow kernel's case types, as stored in `cases.type` (migrations 0028–0036). */
export type CaseTypeName =
  | 'instruction'
  | 'supervision_card'
  | 'follow_up'
  | 'ownership'
  | 'reception_session'
  | 'appointment_request'
  | 'campaign'
  | 'meeting'
  | 'meeting_assignment'
  | 'responsibility_letter'
  | 'accountability';

export const CASE_TYPE_LABELS: Labels<CaseTypeName> = {
  instruction: { zh: '领导批示', en: 'Leader’s instruction' },
  supervision_card: { zh: '督办单', en: 'Supervision card' },
  follow_up: { zh: '回访', en: 'Follow-up' },
  ownership: { zh: '领导包案', en: 'Owned case' },
  reception_session: { zh: '领导接访', en: 'Reception session' },
  appointment_request: { zh: '预约接访', en: 'Appointment request' },
  campaign: { zh: '积案专项治理', en: 'Backlog campaign' },
  meeting: { zh: '联席会议', en: 'Joint meeting' },
  meeting_assignment: { zh: '会议交办事项', en: 'Meeting assignment' },
  responsibility_letter: { zh: '信访工作责任书', en: 'Responsibility letter' },
  accountability: { zh: '责任追究', en: 'Accountability record' },
};

export const OWNERSHIP_STATE_LABELS: Labels<OwnershipState> = {
  owned: { zh: '包案化解中', en: 'Being resolved' },
  replied: { zh: '已书面答复', en: 'Written reply given' },
  released: { zh: '已撤销包案', en: 'Ownership released' },
};

export const OWNERSHIP_COMMAND_LABELS: Labels<OwnershipCommand> = {
  add_step: { zh: '增加方案步骤', en: 'Add a plan step' },
  report: { zh: '报告进展', en: 'Report progress' },
  add_member: { zh: '增加专班成员', en: 'Add a team member' },
  bind_card: { zh: '关联督办单', en: 'Bind a supervision card' },
  reply: { zh: '书面答复', en: 'Give the written reply' },
  release: { zh: '撤销包案', en: 'Release the ownership' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const MEMBER_ROLE_LABELS: Labels<MemberRole> = {
  deputy_leader: { zh: '协助包案领导', en: 'Deputy leader' },
  lead_unit: { zh: '牵头单位', en: 'Lead unit' },
  cooperating_unit: { zh: '配合单位', en: 'Cooperating unit' },
  liaison: { zh: '联络员', en: 'Liaison' },
};

export const STEP_STATUS_LABELS: Labels<StepStatus> = {
  planned: { zh: '未开始', en: 'Planned' },
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const OWNERSHIP_OUTCOME_LABELS: Labels<OwnershipOutcome> = {
  in_progress: { zh: '未化解', en: 'Not yet resolved' },
  resolved: { zh: '已化解（事项办结并已答复）', en: 'Resolved (the matter is final with a reply)' },
  released: { zh: '已撤销', en: 'Released' },
};

export const FOLLOW_UP_STATE_LABELS: Labels<FollowUpState> = {
  recorded: { zh: '已回访', en: 'Recorded' },
  flagged: { zh: '未解决待跟进', en: 'Not solved: to be taken up' },
  taken_up: { zh: '已跟进', en: 'Taken up' },
};

export const FOLLOW_UP_COMMAND_LABELS: Labels<FollowUpCommand> = {
  take_up: { zh: '跟进处理', en: 'Take it up' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const FOLLOW_UP_METHOD_LABELS: Labels<FollowUpMethod> = {
  phone: { zh: '电话回访', en: 'By phone' },
  visit: { zh: '上门回访', en: 'By visit' },
  sms: { zh: '短信回访', en: 'By text message' },
  online: { zh: '网上问卷', en: 'Online questionnaire' },
};

export const FOLLOW_UP_RESULT_LABELS: Labels<FollowUpResult> = {
  solved: { zh: '已解决', en: 'Solved' },
  partly: { zh: '部分解决', en: 'Partly solved' },
  not_solved: { zh: '未解决', en: 'Not solved' },
};

export const CARD_STATE_LABELS: Labels<CardState> = {
  issued: { zh: '待答复', en: 'Awaiting the answer' },
  answered: { zh: '已答复待审核', en: 'Answered, to be reviewed' },
  accepted: { zh: '已办结', en: 'Accepted' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
};

export const CARD_COMMAND_LABELS: Labels<CardCommand> = {
  answer: { zh: '答复督办', en: 'Answer the card' },
  accept: { zh: '审核通过', en: 'Accept the answer' },
  return: { zh: '退回重办', en: 'Return the answer' },
  withdraw: { zh: '撤销督办', en: 'Withdraw the card' },
  escalate: { zh: '逾期升级', en: 'Escalate' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const CARD_LEVEL_LABELS: Labels<CardLevel> = {
  normal: { zh: '一般督办', en: 'Normal' },
  yellow: { zh: '黄牌督办', en: 'Yellow card' },
  red: { zh: '红牌督办', en: 'Red card' },
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
  card_received: { zh: '收到督办单', en: 'A supervision card to answer' },
  card_answered: { zh: '督办单已答复', en: 'A supervision card was answered' },
  card_returned: { zh: '督办答复被退回', en: 'Your answer to a card was returned' },
  card_accepted: { zh: '督办答复已通过', en: 'Your answer to a card was accepted' },
  card_warning: { zh: '督办答复即将到期', en: 'A card’s answer date is near' },
  card_escalated: { zh: '督办单逾期升级', en: 'An unanswered card escalated' },
  card_overdue: { zh: '红牌督办逾期未答复', en: 'A red card is past its date' },
  follow_up_unsolved: { zh: '回访发现问题未解决', en: 'A follow-up found the problem not solved' },
  ownership_assigned: { zh: '您被列入领导包案', en: 'You are named on an owned case' },
  ownership_step_assigned: { zh: '包案方案步骤交由您办理', en: 'A step of an owned case is yours' },
  ownership_progress: { zh: '包案步骤报告了进展', en: 'Progress was reported on an owned case' },
  ownership_step_warning: { zh: '包案步骤即将到期', en: 'A step of an owned case is due soon' },
  ownership_step_overdue: { zh: '包案步骤已超期', en: 'A step of an owned case is overdue' },
  ownership_matter_replied: { zh: '包案事项已答复', en: 'The matter of your owned case was replied to' },
  // — issue 14 · reception days —
  // — issue 14 · backlog and campaigns —
  // — issue 14 · joint meetings —
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
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
  'card_issued',
  'card_answered',
  'card_accepted',
  'card_returned',
  'card_withdrawn',
  'card_escalated',
  'card_comment',
  'card_deadline_warning',
  'card_deadline_overdue',
  'follow_up_recorded',
  'follow_up_taken_up',
  'follow_up_comment',
  'ownership_opened',
  'ownership_step_added',
  'ownership_progress',
  'ownership_member_added',
  'ownership_card_bound',
  'ownership_replied',
  'ownership_released',
  'ownership_comment',
  'ownership_step_warning',
  'ownership_step_overdue',
  // — issue 14 · reception days —
  // — issue 14 · backlog and campaigns —
  // — issue 14 · joint meetings —
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
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
  card_issued: { zh: '发出督办单', en: 'Supervision card issued' },
  card_answered: { zh: '督办答复', en: 'Supervision card answered' },
  card_accepted: { zh: '督办审核通过', en: 'Card answer accepted' },
  card_returned: { zh: '督办退回重办', en: 'Card answer returned' },
  card_withdrawn: { zh: '督办单撤销', en: 'Supervision card withdrawn' },
  card_escalated: { zh: '督办逾期升级', en: 'Supervision card escalated' },
  card_comment: { zh: '督办补充意见', en: 'Comment on a card' },
  card_deadline_warning: { zh: '督办答复即将到期', en: 'Card answer date near' },
  card_deadline_overdue: { zh: '红牌督办逾期', en: 'Red card past its date' },
  follow_up_recorded: { zh: '回访', en: 'Follow-up' },
  follow_up_taken_up: { zh: '回访问题跟进', en: 'Follow-up taken up' },
  follow_up_comment: { zh: '回访补充意见', en: 'Comment on a follow-up' },
  ownership_opened: { zh: '领导包案', en: 'A leader owns the case' },
  ownership_step_added: { zh: '包案方案增加步骤', en: 'Plan step added' },
  ownership_progress: { zh: '包案进展报告', en: 'Progress on the plan' },
  ownership_member_added: { zh: '包案专班增加成员', en: 'Team member added' },
  ownership_card_bound: { zh: '包案关联督办单', en: 'Supervision card bound to the case' },
  ownership_replied: { zh: '包案书面答复', en: 'Written reply of the owned case' },
  ownership_released: { zh: '撤销包案', en: 'Ownership released' },
  ownership_comment: { zh: '包案补充意见', en: 'Comment on an owned case' },
  ownership_step_warning: { zh: '包案步骤即将到期', en: 'Plan step due soon' },
  ownership_step_overdue: { zh: '包案步骤已超期', en: 'Plan step overdue' },
  // — issue 14 · reception days —
  // — issue 14 · backlog and campaigns —
  // — issue 14 · joint meetings —
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
};

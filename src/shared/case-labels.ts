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
  reception_scheduled: { zh: '接访安排', en: 'A reception session was scheduled for you' },
  appointment_requested: { zh: '收到预约接访申请', en: 'A new appointment request' },
  appointment_answered: { zh: '信访人答复了预约安排', en: 'A petitioner answered about an appointment' },
  // — issue 14 · backlog and campaigns —
  campaign_matter_owned: { zh: '您被指定为积案责任人', en: 'A campaign matter is yours' },
  // — issue 14 · joint meetings —
  meeting_scheduled: { zh: '联席会议已安排', en: 'A joint meeting was scheduled' },
  meeting_assignment_received: { zh: '收到联席会议交办事项', en: 'A joint meeting handed your unit an item' },
  meeting_assignment_reported: { zh: '交办事项已报告办理情况', en: 'A unit reported on an assigned item' },
  meeting_assignment_returned: {
    zh: '交办事项报告被退回',
    en: 'Your report on an assigned item was returned',
  },
  meeting_assignment_accepted: {
    zh: '交办事项报告已通过',
    en: 'Your report on an assigned item was accepted',
  },
  meeting_assignment_warning: { zh: '交办事项即将到期', en: 'An assigned item is due soon' },
  meeting_assignment_overdue: { zh: '交办事项已超期', en: 'An assigned item is overdue' },
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  letter_issued: { zh: '收到信访工作责任书', en: 'A responsibility letter to sign' },
  letter_signed: { zh: '责任书已签订', en: 'A responsibility letter was signed' },
  letter_amended: { zh: '责任书已修订', en: 'A responsibility letter was amended' },
  accountability_opened: { zh: '收到责任追究', en: 'An accountability record to answer' },
  accountability_responded: { zh: '责任追究已答复', en: 'An accountability record was answered' },
  accountability_returned: { zh: '责任追究答复被退回', en: 'Your response was returned' },
  accountability_concluded: { zh: '责任追究已办结', en: 'An accountability record was concluded' },
  accountability_warning: { zh: '责任追究答复即将到期', en: 'A response is due soon' },
  accountability_overdue: { zh: '责任追究答复已超期', en: 'A response is overdue' },
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
  'reception_scheduled',
  'reception_recorded',
  'reception_cancelled',
  'reception_comment',
  'appointment_requested',
  'appointment_confirmed',
  'appointment_proposed',
  'appointment_declined',
  'appointment_accepted',
  'appointment_cancelled',
  'appointment_comment',
  // — issue 14 · backlog and campaigns —
  'campaign_opened',
  'campaign_matters_added',
  'campaign_matter_removed',
  'campaign_owner_assigned',
  'campaign_started',
  'campaign_closed',
  'campaign_withdrawn',
  'campaign_outcome_recorded',
  'campaign_outcome_corrected',
  'campaign_comment',
  // — issue 14 · joint meetings —
  'meeting_body_created',
  'meeting_body_updated',
  'meeting_group_set',
  'meeting_group_dissolved',
  'meeting_scheduled',
  'meeting_recorded',
  'meeting_assigned',
  'meeting_file_added',
  'meeting_closed',
  'meeting_cancelled',
  'meeting_comment',
  'meeting_assignment_opened',
  'meeting_assignment_reported',
  'meeting_assignment_accepted',
  'meeting_assignment_returned',
  'meeting_assignment_withdrawn',
  'meeting_assignment_comment',
  'meeting_assignment_warning',
  'meeting_assignment_overdue',
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  'letter_drafted',
  'letter_issued',
  'letter_signed',
  'letter_amended',
  'letter_withdrawn',
  'letter_comment',
  'accountability_opened',
  'accountability_responded',
  'accountability_concluded',
  'accountability_returned',
  'accountability_withdrawn',
  'accountability_comment',
  'accountability_deadline_warning',
  'accountability_deadline_overdue',
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
  reception_scheduled: { zh: '安排领导接访', en: 'Reception session scheduled' },
  reception_recorded: { zh: '登记接访情况', en: 'Reception session recorded' },
  reception_cancelled: { zh: '取消领导接访', en: 'Reception session cancelled' },
  reception_comment: { zh: '接访补充意见', en: 'Comment on a reception session' },
  appointment_requested: { zh: '申请预约接访', en: 'Appointment requested' },
  appointment_confirmed: { zh: '确认预约接访', en: 'Appointment confirmed' },
  appointment_proposed: { zh: '建议改期接访', en: 'Another slot proposed' },
  appointment_declined: { zh: '预约接访未安排', en: 'Appointment declined' },
  appointment_accepted: { zh: '信访人接受改期', en: 'Proposed slot accepted' },
  appointment_cancelled: { zh: '信访人撤回预约', en: 'Appointment request cancelled' },
  appointment_comment: { zh: '预约补充意见', en: 'Comment on an appointment request' },
  // — issue 14 · backlog and campaigns —
  campaign_opened: { zh: '设立积案专项治理', en: 'Backlog campaign set up' },
  campaign_matters_added: { zh: '纳入专项治理', en: 'Matters taken on by a campaign' },
  campaign_matter_removed: { zh: '移出专项治理', en: 'Matter removed from a campaign' },
  campaign_owner_assigned: { zh: '指定专项治理责任人', en: 'Campaign owner named' },
  campaign_started: { zh: '专项行动启动', en: 'Campaign started' },
  campaign_closed: { zh: '专项行动结束', en: 'Campaign closed' },
  campaign_withdrawn: { zh: '专项行动撤销', en: 'Campaign withdrawn' },
  campaign_outcome_recorded: { zh: '登记化解结果', en: 'Outcome recorded' },
  campaign_outcome_corrected: { zh: '更正化解结果', en: 'Outcome corrected' },
  campaign_comment: { zh: '专项治理补充意见', en: 'Comment on a campaign' },
  // — issue 14 · joint meetings —
  meeting_body_created: { zh: '设立联席会议', en: 'Joint meeting body set up' },
  meeting_body_updated: { zh: '调整联席会议成员', en: 'Joint meeting body changed' },
  meeting_group_set: { zh: '设立或调整专项小组', en: 'Working group set up or changed' },
  meeting_group_dissolved: { zh: '撤销专项小组', en: 'Working group dissolved' },
  meeting_scheduled: { zh: '安排联席会议', en: 'Meeting scheduled' },
  meeting_recorded: { zh: '会议纪要', en: 'Meeting recorded' },
  meeting_assigned: { zh: '会议交办', en: 'Items handed down' },
  meeting_file_added: { zh: '会议附件', en: 'Meeting file added' },
  meeting_closed: { zh: '会议事项办结', en: 'Meeting closed' },
  meeting_cancelled: { zh: '会议取消', en: 'Meeting cancelled' },
  meeting_comment: { zh: '会议补充意见', en: 'Comment on a meeting' },
  meeting_assignment_opened: { zh: '联席会议交办', en: 'Joint meeting assignment' },
  meeting_assignment_reported: { zh: '交办事项报告', en: 'Assignment reported' },
  meeting_assignment_accepted: { zh: '交办事项审核通过', en: 'Assignment report accepted' },
  meeting_assignment_returned: { zh: '交办事项退回重办', en: 'Assignment report returned' },
  meeting_assignment_withdrawn: { zh: '交办事项撤回', en: 'Assignment withdrawn' },
  meeting_assignment_comment: { zh: '交办事项补充意见', en: 'Comment on an assignment' },
  meeting_assignment_warning: { zh: '交办事项即将到期', en: 'Assignment due soon' },
  meeting_assignment_overdue: { zh: '交办事项已超期', en: 'Assignment overdue' },
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  letter_drafted: { zh: '起草责任书', en: 'Letter drafted' },
  letter_issued: { zh: '下达责任书', en: 'Letter issued' },
  letter_signed: { zh: '签订责任书', en: 'Letter signed' },
  letter_amended: { zh: '修订责任书', en: 'Letter amended' },
  letter_withdrawn: { zh: '撤回责任书', en: 'Letter withdrawn' },
  letter_comment: { zh: '责任书补充意见', en: 'Comment on a letter' },
  accountability_opened: { zh: '启动责任追究', en: 'Accountability record opened' },
  accountability_responded: { zh: '单位答复', en: 'The unit responded' },
  accountability_concluded: { zh: '责任追究办结', en: 'Accountability concluded' },
  accountability_returned: { zh: '答复退回重报', en: 'Response returned' },
  accountability_withdrawn: { zh: '撤销责任追究', en: 'Accountability withdrawn' },
  accountability_comment: { zh: '责任追究补充意见', en: 'Comment on an accountability record' },
  accountability_deadline_warning: { zh: '答复即将到期', en: 'Response due soon' },
  accountability_deadline_overdue: { zh: '答复已超期', en: 'Response overdue' },
};

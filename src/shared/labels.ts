/**
 * Chinese and English labels for the shared enumerations. The web application and the server's
 * messages both read them from here.
 */
import type { Command } from '../lifecycle/state-machine.ts';
import type {
  Channel,
  CloseReason,
  DeadlineKind,
  DeadlineStatus,
  DecisionKind,
  LawfulChannel,
  LimitUnit,
  MatterEventKind,
  MatterState,
  NotAcceptedReason,
  Purpose,
  Rating,
  ReplyOutcome,
  ReviewOutcome,
  Role,
  RoutingRuleAction,
  TimeLimitKind,
  UnitKind,
  UnitLevel,
  UnitRole,
} from './enums.ts';

export interface Label {
  zh: string;
  en: string;
}
/**
 * One label per value of the enumeration `K`: the compiler refuses a table that leaves a value out,
 * so no code reaches the screen unlabelled (src/shared/labels.test.ts checks they are real words).
 */
export type Labels<K extends string> = Record<K, Label>;

export const STATE_LABELS: Labels<MatterState> = {
  registered: { zh: '已登记', en: 'Registered' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_handling: { zh: '办理中', en: 'In handling' },
  suspended: { zh: '中止办理', en: 'Suspended' },
  replied: { zh: '已答复', en: 'Replied' },
  evaluated: { zh: '已评价', en: 'Rated' },
  review_requested: { zh: '复查中', en: 'Review requested' },
  reviewed: { zh: '已复查', en: 'Reviewed' },
  recheck_requested: { zh: '复核中', en: 'Second review requested' },
  rechecked: { zh: '已复核', en: 'Second review decided' },
  closed: { zh: '已办结', en: 'Closed' },
  concluded: { zh: '已终结', en: 'Concluded' },
  forwarded: { zh: '已转送', en: 'Forwarded' },
  handed_down: { zh: '已交办', en: 'Handed down' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  merged: { zh: '已合并（重复件）', en: 'Merged as repeat' },
};

export const COMMAND_LABELS: Labels<Command> = {
  accept: { zh: '受理', en: 'Accept' },
  forward: { zh: '转送', en: 'Forward' },
  hand_down: { zh: '交办', en: 'Hand down' },
  not_accept: { zh: '不予受理', en: 'Not accept' },
  merge: { zh: '合并为重复件', en: 'Merge as repeat' },
  sign_for: { zh: '签收', en: 'Sign for' },
  object: { zh: '提出异议', en: 'Object' },
  extend: { zh: '延期', en: 'Extend' },
  suspend: { zh: '中止', en: 'Suspend' },
  resume: { zh: '恢复办理', en: 'Resume' },
  add_note: { zh: '添加备注', en: 'Add note' },
  identify_reported_unit: { zh: '确认被反映单位', en: 'Confirm the reported unit' },
  reply: { zh: '出具处理意见', en: 'Reply' },
  rate: { zh: '满意度评价', en: 'Rate' },
  request_review: { zh: '申请复查', en: 'Request review' },
  decide_review: { zh: '作出复查意见', en: 'Decide review' },
  request_recheck: { zh: '申请复核', en: 'Request second review' },
  decide_recheck: { zh: '作出复核意见', en: 'Decide second review' },
  close: { zh: '办结', en: 'Close' },
  conclude: { zh: '终结', en: 'Conclude' },
};

export const CHANNEL_LABELS: Labels<Channel> = {
  letter: { zh: '来信', en: 'Letter' },
  visit: { zh: '来访', en: 'Visit' },
  phone: { zh: '来电', en: 'Phone' },
  web: { zh: '网上信访', en: 'Web' },
  leader_mailbox: { zh: '领导信箱', en: 'Leader mailbox' },
  handed_down: { zh: '上级交办', en: 'Handed down' },
  outreach: { zh: '下访约访', en: 'Outreach visit' },
  screening: { zh: '排查发现', en: 'Dispute screening' },
};

export const PURPOSE_LABELS: Labels<Purpose> = {
  accusation: { zh: '揭发控告', en: 'Accusation' },
  appeal: { zh: '申诉', en: 'Appeal' },
  request: { zh: '求决', en: 'Request' },
  suggestion: { zh: '意见建议', en: 'Suggestion' },
  other: { zh: '其他', en: 'Other' },
};

export const LAWFUL_CHANNEL_LABELS: Labels<LawfulChannel> = {
  litigation: { zh: '向人民法院提起诉讼', en: 'Bring a lawsuit in the people’s court' },
  arbitration: { zh: '申请仲裁', en: 'Apply for arbitration' },
  administrative_review: { zh: '申请行政复议', en: 'Apply for administrative review' },
  administrative_reconsideration: { zh: '申请行政复核', en: 'Apply for administrative reconsideration' },
  labour_arbitration: { zh: '申请劳动人事争议仲裁', en: 'Apply for labour dispute arbitration' },
  other: { zh: '其他法定途径', en: 'Another statutory procedure' },
};

export const RATING_LABELS: Labels<Rating> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

export const OUTCOME_LABELS: Labels<ReplyOutcome | ReviewOutcome> = {
  supported: { zh: '支持', en: 'Supported' },
  explained: { zh: '解释说明（诉求合理但缺乏依据）', en: 'Explained (reasonable but without basis)' },
  not_supported: { zh: '不支持', en: 'Not supported' },
  upheld: { zh: '维持原处理意见', en: 'Original answer upheld' },
  changed: { zh: '变更原处理意见', en: 'Original answer changed' },
};

export const ROLE_LABELS: Labels<Role> = {
  registrar: { zh: '信访登记员', en: 'Registrar' },
  officer: { zh: '承办人员', en: 'Handling officer' },
  unit_head: { zh: '单位负责人', en: 'Unit head' },
  leader: { zh: '领导', en: 'Leader' },
  supervisor: { zh: '督查督办员', en: 'Supervisor' },
  analyst: { zh: '分析员', en: 'Analyst' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

/** Unit levels; a matter's lodged level (登记层级) is one of them. */
export const UNIT_LEVEL_LABELS: Labels<UnitLevel> = {
  national: { zh: '国家', en: 'National' },
  province: { zh: '省', en: 'Province' },
  city: { zh: '市', en: 'City' },
  county: { zh: '县（区）', en: 'County' },
  township: { zh: '乡镇（街道）', en: 'Township' },
  village: { zh: '村（社区）', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
};

export const UNIT_KIND_LABELS: Labels<UnitKind> = {
  petition_bureau: { zh: '信访部门', en: 'Petition bureau' },
  functional_department: { zh: '职能部门', en: 'Functional department' },
  township_government: { zh: '乡镇（街道）', en: 'Township / street office' },
  county_government: { zh: '县（区）政府', en: 'County government' },
  city_government: { zh: '市政府', en: 'City government' },
  political_legal: { zh: '政法委', en: 'Political-legal committee' },
  discipline_inspection: { zh: '纪检监察', en: 'Discipline inspection' },
  court: { zh: '法院', en: 'Court' },
  procuratorate: { zh: '检察院', en: 'Procuratorate' },
  public_security: { zh: '公安', en: 'Public security' },
  village_committee: { zh: '村（居）委会', en: 'Village committee' },
  grid: { zh: '网格', en: 'Grid' },
  other: { zh: '其他', en: 'Other' },
};

export const ROUTING_RULE_ACTION_LABELS: Labels<RoutingRuleAction> = {
  assign: { zh: '分办', en: 'Assign' },
  lawful_channel: { zh: '引导法定途径', en: 'Lawful channel' },
  discipline: { zh: '纪检监察', en: 'Discipline inspection' },
};

export const UNIT_ROLE_LABELS: Labels<UnitRole> = {
  lead: { zh: '牵头', en: 'Lead' },
  co: { zh: '配合', en: 'Co-handling' },
};

export const DECISION_KIND_LABELS: Labels<DecisionKind> = {
  reply: { zh: '处理意见书', en: 'Written reply' },
  review: { zh: '复查意见', en: 'Review decision' },
  recheck: { zh: '复核意见', en: 'Second review decision' },
};

export const NOT_ACCEPTED_REASON_LABELS: Labels<NotAcceptedReason> = {
  lawful_channel: {
    zh: '应当通过诉讼、仲裁、行政复议等法定途径解决',
    en: 'Belongs to litigation, arbitration or administrative review',
  },
  already_concluded: {
    zh: '已经办结或终结，没有新的事实和理由',
    en: 'Already concluded, no new facts or reasons',
  },
  outside_remit: { zh: '不属于本机关职责范围', en: 'Outside this body’s remit' },
  under_handling_elsewhere: { zh: '同一事项正在其他机关办理', en: 'Being handled by another body' },
  other: { zh: '其他', en: 'Other' },
};

export const CLOSE_REASON_LABELS: Labels<CloseReason> = {
  closed_by_staff: { zh: '经办人员办结', en: 'Closed by staff' },
  review_window_lapsed: {
    zh: '复查申请期限届满，信访人未申请复查',
    en: 'The review window ran out without a request',
  },
  recheck_window_lapsed: {
    zh: '复核申请期限届满，信访人未申请复核',
    en: 'The second-review window ran out without a request',
  },
};

/** Time limits (Administration › 办理时限); a deadline kind is the limit it runs under. */
export const TIME_LIMIT_LABELS: Labels<TimeLimitKind> = {
  acceptance: { zh: '受理期限', en: 'Acceptance decision' },
  handling: { zh: '办理期限', en: 'Handling' },
  handling_suggestion: { zh: '办理期限（意见建议）', en: 'Handling (suggestions)' },
  handling_accusation: { zh: '办理期限（揭发控告）', en: 'Handling (accusations)' },
  extension_max: { zh: '延期上限', en: 'Longest extension' },
  objection: { zh: '异议期限', en: 'Objection' },
  review_request: { zh: '复查申请期限', en: 'Review request window' },
  review_decision: { zh: '复查期限', en: 'Review decision' },
  recheck_request: { zh: '复核申请期限', en: 'Second review request window' },
  recheck_decision: { zh: '复核期限', en: 'Second review decision' },
  instruction_answer: { zh: '批示答复期限（预警）', en: 'Answer to an instruction (warning)' },
  card_answer: { zh: '督办答复期限（预警）', en: 'Answer to a supervision card (warning)' },
  card_yellow: { zh: '黄牌督办答复期限', en: 'Answer after escalation to yellow' },
  card_red: { zh: '红牌督办答复期限', en: 'Answer after escalation to red' },
  ownership_step: { zh: '包案方案步骤期限（预警）', en: 'A step of an owned case (warning)' },
  meeting_assignment: { zh: '联席会议交办期限（预警）', en: 'A joint meeting’s assignment (warning)' },
  accountability_response: {
    zh: '责任追究答复期限（预警）',
    en: 'Response to an accountability record (warning)',
  },
};

export const DEADLINE_KIND_LABELS: Labels<DeadlineKind> = {
  acceptance: TIME_LIMIT_LABELS.acceptance,
  handling: TIME_LIMIT_LABELS.handling,
  handling_suggestion: TIME_LIMIT_LABELS.handling_suggestion,
  handling_accusation: TIME_LIMIT_LABELS.handling_accusation,
  objection: TIME_LIMIT_LABELS.objection,
  review_request: TIME_LIMIT_LABELS.review_request,
  review_decision: TIME_LIMIT_LABELS.review_decision,
  recheck_request: TIME_LIMIT_LABELS.recheck_request,
  recheck_decision: TIME_LIMIT_LABELS.recheck_decision,
  handed_down: { zh: '交办期限', en: 'Handed-down matter' },
};

export const DEADLINE_STATUS_LABELS: Labels<DeadlineStatus> = {
  open: { zh: '进行中', en: 'Open' },
  met: { zh: '已完成', en: 'Met' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  lapsed: { zh: '已届满', en: 'Ran out' },
};

export const LIMIT_UNIT_LABELS: Labels<LimitUnit> = {
  days: { zh: '日', en: 'Days' },
  working_days: { zh: '工作日', en: 'Working days' },
  hours: { zh: '小时', en: 'Hours' },
};

export const EVENT_LABELS: Labels<MatterEventKind> = {
  registered: { zh: '登记', en: 'Registered' },
  accepted: { zh: '受理', en: 'Accepted' },
  forwarded: { zh: '转送', en: 'Forwarded' },
  handed_down: { zh: '交办', en: 'Handed down' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  merged: { zh: '合并', en: 'Merged' },
  repeat_linked: { zh: '关联重复件', en: 'Linked as repeat' },
  signed_for: { zh: '签收', en: 'Signed for' },
  objected: { zh: '提出异议', en: 'Objection' },
  extended: { zh: '延期', en: 'Extended' },
  suspended: { zh: '中止办理', en: 'Suspended' },
  resumed: { zh: '恢复办理', en: 'Resumed' },
  note: { zh: '备注', en: 'Note' },
  replied: { zh: '出具处理意见', en: 'Written reply' },
  rated: { zh: '评价', en: 'Rated' },
  review_requested: { zh: '申请复查', en: 'Review requested' },
  reviewed: { zh: '复查意见', en: 'Review decision' },
  recheck_requested: { zh: '申请复核', en: 'Second review requested' },
  rechecked: { zh: '复核意见', en: 'Second review decision' },
  closed: { zh: '办结', en: 'Closed' },
  concluded: { zh: '终结', en: 'Concluded' },
  attachment_added: { zh: '上传附件', en: 'Attachment uploaded' },
  deadline_warning: { zh: '期限预警', en: 'Deadline warning' },
  deadline_overdue: { zh: '期限超期', en: 'Deadline overdue' },
  petitioner_unmasked: { zh: '查看完整信息', en: 'Shown in full' },
  petitioner_found_by_number: { zh: '按完整号码查找信访人', en: 'Petitioner found by a full number' },
  reported_unit_identified: { zh: '确认被反映单位', en: 'Reported unit confirmed' },
};

/**
 * The label of `key` in `labels`. The key is a string because it comes from stored rows; a value
 * outside the enumeration (data older than the code) is shown as it is rather than hidden.
 */
export function label<K extends string>(labels: Labels<K>, key: string): Label {
  return (labels as Partial<Record<string, Label>>)[key] ?? { zh: key, en: key };
}

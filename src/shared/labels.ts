/**
 * Chinese and English labels for the shared enumerations. The web application and the server's
 * messages both read them from here.
 */
type Labels = Record<string, { zh: string; en: string }>;

export const STATE_LABELS: Labels = {
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

export const COMMAND_LABELS: Labels = {
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

export const CHANNEL_LABELS: Labels = {
  letter: { zh: '来信', en: 'Letter' },
  visit: { zh: '来访', en: 'Visit' },
  phone: { zh: '来电', en: 'Phone' },
  web: { zh: '网上信访', en: 'Web' },
  leader_mailbox: { zh: '领导信箱', en: 'Leader mailbox' },
  handed_down: { zh: '上级交办', en: 'Handed down' },
  outreach: { zh: '下访约访', en: 'Outreach visit' },
  screening: { zh: '排查发现', en: 'Dispute screening' },
};

export const PURPOSE_LABELS: Labels = {
  accusation: { zh: '揭发控告', en: 'Accusation' },
  appeal: { zh: '申诉', en: 'Appeal' },
  request: { zh: '求决', en: 'Request' },
  suggestion: { zh: '意见建议', en: 'Suggestion' },
  other: { zh: '其他', en: 'Other' },
};

export const LAWFUL_CHANNEL_LABELS: Labels = {
  litigation: { zh: '向人民法院提起诉讼', en: 'Bring a lawsuit in the people’s court' },
  arbitration: { zh: '申请仲裁', en: 'Apply for arbitration' },
  administrative_review: { zh: '申请行政复议', en: 'Apply for administrative review' },
  administrative_reconsideration: { zh: '申请行政复核', en: 'Apply for administrative reconsideration' },
  labour_arbitration: { zh: '申请劳动人事争议仲裁', en: 'Apply for labour dispute arbitration' },
  other: { zh: '其他法定途径', en: 'Another statutory procedure' },
};

export const RATING_LABELS: Labels = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

export const OUTCOME_LABELS: Labels = {
  supported: { zh: '支持', en: 'Supported' },
  explained: { zh: '解释说明（诉求合理但缺乏依据）', en: 'Explained (reasonable but without basis)' },
  not_supported: { zh: '不支持', en: 'Not supported' },
  upheld: { zh: '维持原处理意见', en: 'Original answer upheld' },
  changed: { zh: '变更原处理意见', en: 'Original answer changed' },
};

export const ROLE_LABELS: Labels = {
  registrar: { zh: '信访登记员', en: 'Registrar' },
  officer: { zh: '承办人员', en: 'Handling officer' },
  unit_head: { zh: '单位负责人', en: 'Unit head' },
  leader: { zh: '领导', en: 'Leader' },
  supervisor: { zh: '督查督办员', en: 'Supervisor' },
  analyst: { zh: '分析员', en: 'Analyst' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export const label = (labels: Labels, key: string) => labels[key] ?? { zh: key, en: key };

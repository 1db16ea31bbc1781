/**
 * Labels of joint meetings (联席会议) and what they hand down (交办), for the server's messages
 * and the web app alike.
 */
import type { Labels } from './labels.ts';
import type { AssignmentCommand, AssignmentState, MeetingCommand, MeetingState } from './meeting.schema.ts';

export const MEETING_STATE_LABELS: Labels<MeetingState> = {
  scheduled: { zh: '待召开', en: 'Scheduled' },
  held: { zh: '已召开', en: 'Held' },
  closed: { zh: '交办事项已办结', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const MEETING_COMMAND_LABELS: Labels<MeetingCommand> = {
  record: { zh: '记录会议', en: 'Record the meeting' },
  assign: { zh: '交办事项', en: 'Hand down items' },
  attach: { zh: '上传会议附件', en: 'Attach a file' },
  close: { zh: '会议事项办结', en: 'Close the meeting' },
  cancel: { zh: '取消会议', en: 'Cancel the meeting' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const ASSIGNMENT_STATE_LABELS: Labels<AssignmentState> = {
  assigned: { zh: '待报告', en: 'Awaiting the report' },
  reported: { zh: '已报告待审核', en: 'Reported, to be reviewed' },
  accepted: { zh: '已办结', en: 'Accepted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const ASSIGNMENT_COMMAND_LABELS: Labels<AssignmentCommand> = {
  report: { zh: '报告办理情况', en: 'Report back' },
  accept: { zh: '审核通过', en: 'Accept the report' },
  return: { zh: '退回重办', en: 'Return the report' },
  withdraw: { zh: '撤回交办', en: 'Withdraw the item' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

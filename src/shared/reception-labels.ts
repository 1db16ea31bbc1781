/**
 * Labels of reception days (issue 14 item 1): the kinds of session, the states and commands of a
 * session and of an appointment request, in Chinese and English for the server and the web app.
 */
import type { Labels } from './labels.ts';
import type {
  ReceptionKind,
  RequestCommand,
  RequestState,
  SessionCommand,
  SessionState,
} from './reception.schema.ts';

export const RECEPTION_KIND_LABELS: Labels<ReceptionKind> = {
  reception: { zh: '领导接访', en: 'Reception' },
  outreach: { zh: '领导下访', en: 'Outreach visit' },
  appointment: { zh: '领导约访', en: 'Appointment with a petitioner' },
};

export const SESSION_STATE_LABELS: Labels<SessionState> = {
  scheduled: { zh: '已安排', en: 'Scheduled' },
  held: { zh: '已接访', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const SESSION_COMMAND_LABELS: Labels<SessionCommand> = {
  record: { zh: '登记接访情况', en: 'Record the session' },
  cancel: { zh: '取消接访', en: 'Cancel the session' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

export const REQUEST_STATE_LABELS: Labels<RequestState> = {
  requested: { zh: '待确认', en: 'Awaiting the bureau' },
  proposed: { zh: '已建议改期，待信访人答复', en: 'Another slot proposed' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  declined: { zh: '未安排', en: 'Declined' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
};

export const REQUEST_COMMAND_LABELS: Labels<RequestCommand> = {
  confirm: { zh: '确认预约', en: 'Confirm' },
  propose: { zh: '建议改期', en: 'Propose another slot' },
  decline: { zh: '不予安排', en: 'Decline' },
  accept: { zh: '接受改期', en: 'Accept the proposed slot' },
  cancel: { zh: '撤回预约', en: 'Cancel the request' },
  comment: { zh: '补充意见', en: 'Add a comment' },
};

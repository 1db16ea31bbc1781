/**
 * The messages of the portal's reception page. They live in its lazy chunk: the portal's first
 * load carries only the link to it (m.portal.tabReception in zh.ts / en.ts).
 */
import { useI18n } from '../../i18n/i18n.tsx';

const zh = {
  title: '领导接访安排',
  intro: '以下为已公布的领导接访日和下访安排。您可以直接前往，也可以在线预约接访。',
  ics: '订阅日历（iCalendar）',
  none: '近期暂无公布的接访安排',
  leader: '接访领导',
  when: '时间',
  place: '地点',
  topics: '接访内容',
  left: (n: number) => (n > 0 ? `尚可预约 ${n} 人` : '预约已满'),
  book: '预约这一场',
  requestTitle: '预约接访',
  session: '接访场次',
  name: '姓名',
  phone: '联系电话',
  reason: '想反映的问题',
  caseNumber: '已有信访件编号（选填）',
  queryCode: '该信访件的查询码（选填）',
  submit: '提交预约',
  receiptTitle: '预约已提交',
  receipt: '请记下预约编号和查询码，凭此查询信访部门的安排。查询码只显示这一次。',
  number: '预约编号',
  code: '查询码',
  statusTitle: '查询预约安排',
  lookup: '查询',
  state: '状态',
  requested: '申请场次',
  confirmed: '确认场次',
  proposed: '建议改约场次',
  message: '信访部门说明',
  accept: '接受改约',
  decline: '不接受改约',
  cancel: '撤回预约',
  done: '已提交',
};

const en: typeof zh = {
  title: 'Leaders’ reception days',
  intro:
    'The published reception days and outreach visits of leaders. You may simply come, or request an appointment online.',
  ics: 'Subscribe (iCalendar)',
  none: 'No published sessions in the coming weeks',
  leader: 'Leader',
  when: 'When',
  place: 'Where',
  topics: 'Topics',
  left: (n: number) => (n > 0 ? `${n} place(s) left` : 'Fully booked'),
  book: 'Request this session',
  requestTitle: 'Request an appointment',
  session: 'Session',
  name: 'Name',
  phone: 'Phone',
  reason: 'What you want to raise',
  caseNumber: 'Case number of your petition (optional)',
  queryCode: 'Its query code (optional)',
  submit: 'Send the request',
  receiptTitle: 'Request sent',
  receipt: 'Keep the request number and query code to see the bureau’s answer. The code is shown only once.',
  number: 'Request number',
  code: 'Query code',
  statusTitle: 'Follow your request',
  lookup: 'Look up',
  state: 'State',
  requested: 'Requested',
  confirmed: 'Confirmed',
  proposed: 'Proposed instead',
  message: 'The bureau’s message',
  accept: 'Accept',
  decline: 'Decline',
  cancel: 'Cancel the request',
  done: 'Done',
};

export function useReceptionPortalI18n() {
  const i = useI18n();
  return { ...i, r: i.lang === 'zh' ? zh : en };
}

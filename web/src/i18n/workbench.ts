/**
 * The workbench's own messages for the inbox, leaders' instructions and supervision cards. They
 * live apart from zh.ts / en.ts because the public portal bundles zh.ts in its first load, which
 * must stay within 300 KB; only the staff workbench imports this module.
 */
import { useI18n } from './i18n.tsx';

const zh = {
  inbox: {
    previous: '上一页',
    next: '下一页',
    page: (p: number, n: number) => `第 ${p} / ${n} 页`,
    title: '消息',
    badge: (n: number) => (n > 0 ? `消息（${n} 条未读）` : '消息'),
    unreadOnly: '只看未读',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    empty: '没有消息。',
    unread: '未读',
    dueDate: (d: string) => `期限 ${d}`,
    remaining: (n: number) => (n > 0 ? `还有 ${n} 个单位未答复` : '全部单位已答复'),
  },
  instructions: {
    title: '领导批示',
    myTitle: '我的批示',
    toUnitTitle: '批给本单位的批示',
    issue: '作出批示',
    issueTitle: '领导批示（阅批）',
    body: '批示内容',
    units: '批给单位（须答复）',
    answerBy: '答复期限（选填）',
    answerText: '答复内容（办理情况）',
    commentText: '意见',
    note: '说明（选填）',
    none: '此事项暂无领导批示。',
    byLeader: (name: string, unit: string, at: string) => `${name}（${unit}）${at} 批示`,
    answeredBy: (name: string, at: string) => `${name}，${at}`,
    notAnswered: '未答复',
    overdue: '已超期',
    counts: (open: number, answered: number, overdue: number) =>
      `待答复 ${open} · 已答复 ${answered} · 超期 ${overdue}`,
    empty: '暂无批示。',
  },
  cards: {
    title: '督办单',
    issue: '发出督办单',
    issueTitle: '督查督办',
    reason: '督办事由',
    demand: '督办要求',
    level: '督办级别',
    answerBy: '答复期限',
    unit: '被督办单位（默认牵头单位）',
    answerText: '办理情况（答复内容）',
    returnReason: '退回理由',
    newAnswerBy: '新的答复期限',
    commentText: '意见',
    note: '说明（选填）',
    none: '此事项暂无督办单。',
    issuedBy: (name: string, unit: string, at: string) => `${name}（${unit}）${at} 发出`,
    to: (unit: string) => `被督办单位：${unit}`,
    answeredBy: (name: string, at: string) => `${name}，${at}`,
    escalations: (n: number) => `逾期升级 ${n} 次`,
    overdue: '已逾期',
    workbench: '督查督办',
    issuedTitle: '本单位发出的督办单',
    toUnitTitle: '本单位须答复的督办单',
    counts: (issued: number, answered: number, overdue: number, yellow: number, red: number) =>
      `待答复 ${issued} · 待审核 ${answered} · 逾期 ${overdue} · 黄牌 ${yellow} · 红牌 ${red}`,
    overdueMatters: '辖区超期事项',
    empty: '暂无督办单。',
  },
};

const en: typeof zh = {
  inbox: {
    previous: 'Previous',
    next: 'Next',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    title: 'Inbox',
    badge: (n: number) => (n > 0 ? `Inbox (${n} unread)` : 'Inbox'),
    unreadOnly: 'Unread only',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    empty: 'No notices.',
    unread: 'Unread',
    dueDate: (d: string) => `due ${d}`,
    remaining: (n: number) => (n > 0 ? `${n} unit(s) still to answer` : 'Every unit has answered'),
  },
  instructions: {
    title: 'Leaders’ instructions',
    myTitle: 'My instructions',
    toUnitTitle: 'Instructions to my unit',
    issue: 'Write an instruction',
    issueTitle: 'Leader’s instruction',
    body: 'Instruction',
    units: 'Addressed to (must answer)',
    answerBy: 'Answer by (optional)',
    answerText: 'Answer (what was done)',
    commentText: 'Comment',
    note: 'Note (optional)',
    none: 'No leader’s instruction on this matter yet.',
    byLeader: (name: string, unit: string, at: string) => `${name} (${unit}), ${at}`,
    answeredBy: (name: string, at: string) => `${name}, ${at}`,
    notAnswered: 'Not answered',
    overdue: 'Overdue',
    counts: (open: number, answered: number, overdue: number) =>
      `awaiting ${open} · answered ${answered} · overdue ${overdue}`,
    empty: 'No instructions.',
  },
  cards: {
    title: 'Supervision cards',
    issue: 'Issue a card',
    issueTitle: 'Supervision card',
    reason: 'Reason',
    demand: 'What is demanded',
    level: 'Level',
    answerBy: 'Answer by',
    unit: 'Unit to answer (default: the lead unit)',
    answerText: 'What was done (the answer)',
    returnReason: 'Why it is returned',
    newAnswerBy: 'New answer-by date',
    commentText: 'Comment',
    note: 'Note (optional)',
    none: 'No supervision card on this matter.',
    issuedBy: (name: string, unit: string, at: string) => `issued by ${name} (${unit}), ${at}`,
    to: (unit: string) => `To: ${unit}`,
    answeredBy: (name: string, at: string) => `${name}, ${at}`,
    escalations: (n: number) => `escalated ${n}×`,
    overdue: 'Overdue',
    workbench: 'Supervision',
    issuedTitle: 'Cards my unit issued',
    toUnitTitle: 'Cards my unit must answer',
    counts: (issued: number, answered: number, overdue: number, yellow: number, red: number) =>
      `awaiting ${issued} · to review ${answered} · overdue ${overdue} · yellow ${yellow} · red ${red}`,
    overdueMatters: 'Overdue matters of my scope',
    empty: 'No supervision cards.',
  },
};

/** useI18n with the workbench's messages added to `m`. */
export function useWorkbenchI18n() {
  const i = useI18n();
  return { ...i, m: { ...i.m, ...(i.lang === 'zh' ? zh : en) } };
}

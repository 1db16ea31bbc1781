import { LAWFUL_CHANNEL_LABELS, OUTCOME_LABELS, label } from '../shared/labels.ts';

/**
 * The text of the written notices the petitioner receives (条例: the petitioner is told in writing of
 * acceptance, non-acceptance with the lawful channel, an extension with its reason, and the reply).
 * Pure data in, pure data out: the DOCX builder and the web's printable page both render this, so
 * the two can never say different things. Official documents are issued in Chinese.
 */
export const NOTICE_KINDS = [
  'acceptance',
  'non_acceptance',
  'extension',
  'reply',
  'review',
  'recheck',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeData {
  caseNumber: string;
  queryCode: string;
  subject: string;
  /** ISO timestamp or YYYY-MM-DD. */
  receivedAt: string;
  /** Addressees: the petitioners (or their representatives) by name. */
  petitionerNames: string[];
  /** The body issuing the notice (its name is also the signature). */
  issuingBody: string;
  /** ISO timestamp or YYYY-MM-DD; the date printed above the seal. */
  issuedAt: string;
  /** 文号 given when the notice was issued (see document-numbers.ts); null for a draft. */
  docNumber?: string | null;
  acceptance?: { acceptedAt: string; leadUnitName: string; handlingDueDate: string };
  nonAcceptance?: { reason: string; lawfulChannel?: string | null; explanation: string };
  extension?: { days: number; reason: string; newDueDate: string };
  reply?: {
    outcome: string;
    facts: string;
    legalBasis: string;
    body?: string | null;
    decidedAt: string;
    reviewDueDate?: string | null;
  };
  /** 复查意见 of the higher body (条例 §35). */
  review?: ReviewDecisionData;
  /** 复核意见 (条例 §36): final; the same facts and reasons are not accepted again. */
  recheck?: ReviewDecisionData;
}

export interface ReviewDecisionData {
  outcome: string;
  facts: string;
  legalBasis: string;
  body?: string | null;
  decidedAt: string;
  /** The window to ask for second review (review decisions only). */
  recheckDueDate?: string | null;
}

export interface NoticeSection {
  heading?: string;
  paragraphs: string[];
}

export interface NoticeContent {
  kind: NoticeKind;
  title: string;
  docNumber: string;
  addressee: string;
  sections: NoticeSection[];
  closing: string;
  issuingBody: string;
  date: string;
  caseNumber: string;
  queryCode: string;
  footer: string;
}

const TITLES: Record<NoticeKind, string> = {
  acceptance: '信访事项受理告知书',
  non_acceptance: '信访事项不予受理告知书',
  extension: '信访事项延期办理告知书',
  reply: '信访事项处理意见书',
  review: '信访事项复查意见书',
  recheck: '信访事项复核意见书',
};

const NOT_ACCEPTED_TEXT: Record<string, string> = {
  lawful_channel: '该事项已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决',
  already_concluded: '该事项已经办结或者终结，您未提出新的事实和理由',
  outside_remit: '该事项不属于本机关职责范围',
  under_handling_elsewhere: '该事项正在其他有权处理的机关办理',
  other: '该事项不符合受理条件',
};

/** "2026-03-02" or an ISO timestamp → "2026年3月2日" (Beijing date). */
export function chineseDate(value: string): string {
  const ymd = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? value
    : new Date(value).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  const [y, mo, d] = ymd.split('-').map(Number);
  return `${y}年${mo}月${d}日`;
}

const yearOf = (value: string) => chineseDate(value).slice(0, 4);

/** The facts found, the basis and the decision itself, as the staff recorded them. */
function decisionSections(
  sections: NoticeSection[],
  r: { outcome: string; facts: string; legalBasis: string; body?: string | null },
  decisionHeading: string,
) {
  const lines = (t: string) => t.split(/\n+/).filter(Boolean);
  sections.push({ heading: '一、查明的事实', paragraphs: lines(r.facts) });
  sections.push({
    heading: `二、${decisionHeading === '处理意见' ? '处理' : decisionHeading.slice(0, 2)}依据`,
    paragraphs: lines(r.legalBasis),
  });
  sections.push({
    heading: `三、${decisionHeading}`,
    paragraphs: [`${label(OUTCOME_LABELS, r.outcome).zh}。`, ...(r.body ? lines(r.body) : [])],
  });
}

export function noticeContent(kind: NoticeKind, d: NoticeData): NoticeContent {
  const you = d.petitionerNames.length > 1 ? '你们' : '您';
  const opening = `${you}于${chineseDate(d.receivedAt)}提出的关于“${d.subject}”的信访事项（信访件编号：${d.caseNumber}）`;
  const sections: NoticeSection[] = [];
  switch (kind) {
    case 'acceptance': {
      const a = d.acceptance;
      if (!a) throw new Error('acceptance data missing');
      sections.push({
        paragraphs: [
          `${opening}，本机关已于${chineseDate(a.acceptedAt)}依法受理，交由${a.leadUnitName}负责办理。`,
          `根据《信访工作条例》的规定，办理机关将于${chineseDate(a.handlingDueDate)}前向${you}出具书面处理意见。情况复杂需要延长办理期限的，将另行告知延期理由。`,
          `${you}可凭信访件编号和查询码（${d.queryCode}）在网上信访平台查询办理进度。`,
        ],
      });
      break;
    }
    case 'non_acceptance': {
      const n = d.nonAcceptance;
      if (!n) throw new Error('non-acceptance data missing');
      const channel = n.lawfulChannel ? label(LAWFUL_CHANNEL_LABELS, n.lawfulChannel).zh : null;
      sections.push({
        paragraphs: [
          `${opening}，经审查，${NOT_ACCEPTED_TEXT[n.reason] ?? NOT_ACCEPTED_TEXT.other}。根据《信访工作条例》的规定，本机关决定不予受理。`,
          ...(n.explanation ? [n.explanation] : []),
          channel
            ? `${you}可以依法${channel}，通过法定途径维护自身合法权益。`
            : `${you}可以向有权处理的机关提出，或者依照有关法律、行政法规规定的程序提出。`,
        ],
      });
      break;
    }
    case 'extension': {
      const e = d.extension;
      if (!e) throw new Error('extension data missing');
      sections.push({
        paragraphs: [
          `${opening}，正在办理中。因${e.reason.replace(/[。.]$/, '')}，不能在规定期限内办结。`,
          `根据《信访工作条例》的规定，经本机关负责人批准，办理期限延长${e.days}日，至${chineseDate(e.newDueDate)}。`,
        ],
      });
      break;
    }
    case 'review':
    case 'recheck': {
      const r = kind === 'review' ? d.review : d.recheck;
      if (!r) throw new Error(`${kind} data missing`);
      const what = kind === 'review' ? '复查' : '复核';
      sections.push({
        paragraphs: [
          `${opening}，${you}不服${kind === 'review' ? '原处理意见' : '复查意见'}，请求${what}。本机关依照《信访工作条例》的规定进行了${what}，现将${what}意见告知如下：`,
        ],
      });
      decisionSections(sections, r, `${what}意见`);
      sections.push({
        paragraphs: [
          kind === 'review'
            ? `如对本复查意见不服，${you}可以自收到本意见书之日起30日内，向复查机关的上一级机关请求复核${r.recheckDueDate ? `（截至${chineseDate(r.recheckDueDate)}）` : ''}。`
            : `本复核意见为该信访事项的最终处理意见。${you}对复核意见不服，仍以同一事实和理由提出信访请求的，信访工作机构和其他行政机关不再受理。`,
        ],
      });
      break;
    }
    case 'reply': {
      const r = d.reply;
      if (!r) throw new Error('reply data missing');
      sections.push({ paragraphs: [`${opening}，本机关已依法受理并办理完毕。现将处理意见告知如下：`] });
      decisionSections(sections, r, '处理意见');
      sections.push({
        paragraphs: [
          `如对本处理意见不服，${you}可以自收到本意见书之日起30日内，向本机关的上一级机关请求复查${r.reviewDueDate ? `（截至${chineseDate(r.reviewDueDate)}）` : ''}。`,
        ],
      });
      break;
    }
  }
  return {
    kind,
    title: TITLES[kind],
    // A draft (the reply composer's preview) shows the number's frame with the sequence left blank.
    docNumber: d.docNumber || `〔${yearOf(d.issuedAt)}〕\u3000\u3000号`,
    addressee: `${d.petitionerNames.length ? d.petitionerNames.join('、') : '信访人'}：`,
    sections,
    closing: '特此告知。',
    issuingBody: d.issuingBody,
    date: chineseDate(d.issuedAt),
    caseNumber: d.caseNumber,
    queryCode: d.queryCode,
    footer: `信访件编号：${d.caseNumber}\u3000\u3000查询码：${d.queryCode}`,
  };
}

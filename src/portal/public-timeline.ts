import { LAWFUL_CHANNEL_LABELS, OUTCOME_LABELS, RATING_LABELS, label } from '../shared/labels.ts';

type P = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * What the law says the petitioner must be told, in words: receipt, the acceptance decision or the
 * forwarding destination, an extension and its reason, the reply and review decisions. Internal
 * notes never reach this function: only events marked public do.
 */
export function describePublicEvent(kind: string, p: P): { zh: string; en: string } {
  switch (kind) {
    case 'registered':
      return {
        zh: `您的信访事项已登记，编号 ${s(p.caseNumber)}。将于${s(p.acceptanceDueDate)}前作出是否受理的决定。`,
        en: `Your petition was registered as ${s(p.caseNumber)}. A decision on acceptance is due by ${s(p.acceptanceDueDate)}.`,
      };
    case 'accepted':
      return {
        zh: `已受理${p.leadUnitName ? `，由${s(p.leadUnitName)}办理` : ''}，办理期限至${s(p.handlingDueDate)}。`,
        en: `Accepted${p.leadUnitName ? `, handled by ${s(p.leadUnitName)}` : ''}; a written reply is due by ${s(p.handlingDueDate)}.`,
      };
    case 'forwarded':
      return {
        zh: `已转送有权处理的机关：${s(p.unitName)}。`,
        en: `Forwarded to the competent body: ${s(p.unitName)}.`,
      };
    case 'handed_down':
      return {
        zh: `已交办${s(p.unitName)}办理，期限至${s(p.dueDate)}。`,
        en: `Handed down to ${s(p.unitName)}, due ${s(p.dueDate)}.`,
      };
    case 'not_accepted': {
      const ch = p.lawfulChannel ? label(LAWFUL_CHANNEL_LABELS, s(p.lawfulChannel)) : null;
      return {
        zh: `不予受理。${s(p.explanation)}${ch ? ` 请通过法定途径解决：${ch.zh}。` : ''}`,
        en: `Not accepted. ${s(p.explanation)}${ch ? ` Please use the lawful channel: ${ch.en}.` : ''}`,
      };
    }
    case 'merged':
      return {
        zh: `与正在办理的信访事项 ${s(p.intoCaseNumber)} 合并办理，请以该事项的办理结果为准。`,
        en: `Merged with matter ${s(p.intoCaseNumber)}, which is being handled; its answer applies.`,
      };
    case 'extended':
      return {
        zh: `办理期限延长${s(p.days)}日至${s(p.newDueDate)}，理由：${s(p.reason)}`,
        en: `The handling limit was extended by ${s(p.days)} days to ${s(p.newDueDate)}. Reason: ${s(p.reason)}`,
      };
    case 'suspended':
      return {
        zh: `办理中止，理由：${s(p.reason)}${p.expectedResumeDate ? `；预计${s(p.expectedResumeDate)}恢复办理` : ''}。中止期间不计入办理期限。`,
        en: `Handling suspended. Reason: ${s(p.reason)}${p.expectedResumeDate ? `; expected to resume on ${s(p.expectedResumeDate)}` : ''}. The suspension does not count against the limit.`,
      };
    case 'resumed':
      return {
        zh: `恢复办理，办理期限顺延至${s(p.newDueDate)}。`,
        en: `Handling resumed; the limit moves to ${s(p.newDueDate)}.`,
      };
    case 'replied': {
      const o = label(OUTCOME_LABELS, s(p.outcome));
      return {
        zh: `已出具信访处理意见书（${o.zh}）。如不服，可在${s(p.reviewRequestDueDate)}前请求复查。`,
        en: `A written reply was issued (${o.en}). You may ask for review until ${s(p.reviewRequestDueDate)}.`,
      };
    }
    case 'rated': {
      const r = label(RATING_LABELS, s(p.rating));
      return { zh: `您的评价：${r.zh}`, en: `Your rating: ${r.en}` };
    }
    case 'review_requested':
      return {
        zh: `已收到复查请求，将于${s(p.decisionDueDate)}前作出复查意见。`,
        en: `Review requested; decision due by ${s(p.decisionDueDate)}.`,
      };
    case 'reviewed': {
      const o = label(OUTCOME_LABELS, s(p.outcome));
      return {
        zh: `${s(p.unitName)}作出复查意见：${o.zh}。如不服，可在${s(p.recheckRequestDueDate)}前请求复核。`,
        en: `${s(p.unitName)} decided the review: ${o.en}. You may ask for a second review until ${s(p.recheckRequestDueDate)}.`,
      };
    }
    case 'recheck_requested':
      return {
        zh: `已收到复核请求，将于${s(p.decisionDueDate)}前作出复核意见。`,
        en: `Second review requested; decision due by ${s(p.decisionDueDate)}.`,
      };
    case 'rechecked': {
      const o = label(OUTCOME_LABELS, s(p.outcome));
      return {
        zh: `${s(p.unitName)}作出复核意见：${o.zh}。`,
        en: `${s(p.unitName)} decided the second review: ${o.en}.`,
      };
    }
    case 'closed':
      return { zh: '本信访事项已办结。', en: 'This matter is closed.' };
    case 'concluded':
      return {
        zh: '本信访事项已终结，就同一事实和理由再次提出的，不再受理。',
        en: 'This matter is concluded; the same facts and reasons will not be accepted again.',
      };
    default:
      return { zh: kind, en: kind };
  }
}

import type { NoticeData, NoticeKind } from './notice-content.ts';

/** The part of GET /api/matters/:id the notices need (plain JSON; dates as ISO strings). */
export interface MatterForNotice {
  caseNumber: string;
  queryCode: string;
  subject: string;
  receivedAt: string | Date;
  acceptedAt?: string | Date | null;
  petitioners: { name: string; isRepresentative: boolean }[];
  units: { unitId: number; name: string; role: string }[];
  decisions: {
    kind: string;
    outcome: string;
    facts: string;
    legalBasis: string;
    body: string | null;
    unitId: number | null;
    decidedAt: string | Date;
  }[];
  timeline: {
    kind: string;
    at: string | Date;
    unitName: string | null;
    payload: Record<string, unknown> | null;
  }[];
}

const iso = (v: string | Date | null | undefined) => (v instanceof Date ? v.toISOString() : (v ?? ''));
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * Builds the notice data from the matter detail JSON, or returns null when the matter has no such
 * notice yet (e.g. an extension notice for a matter never extended).
 */
export function noticeDataFromMatter(
  kind: NoticeKind,
  m: MatterForNotice,
  fallbackIssuer = '信访工作机构',
): NoticeData | null {
  const reps = m.petitioners.filter((p) => p.isRepresentative);
  const base = {
    caseNumber: m.caseNumber,
    queryCode: m.queryCode,
    subject: m.subject,
    receivedAt: iso(m.receivedAt),
    petitionerNames: (reps.length ? reps : m.petitioners).map((p) => p.name),
  };
  const last = (k: string) => [...m.timeline].reverse().find((e) => e.kind === k);
  // The 文号 the issuing event recorded (matters decided before numbering began have none).
  const numberOf = (e: { payload: Record<string, unknown> | null } | undefined) =>
    str(e?.payload?.docNumber) || null;
  switch (kind) {
    case 'acceptance': {
      const e = last('accepted');
      if (!e) return null;
      const p = e.payload ?? {};
      const lead = m.units.find((u) => u.role === 'lead');
      return {
        ...base,
        issuingBody: e.unitName ?? fallbackIssuer,
        issuedAt: iso(e.at),
        docNumber: numberOf(e),
        acceptance: {
          acceptedAt: iso(m.acceptedAt) || iso(e.at),
          leadUnitName: str(p.leadUnitName) || lead?.name || '',
          handlingDueDate: str(p.handlingDueDate),
        },
      };
    }
    case 'non_acceptance': {
      const e = last('not_accepted');
      if (!e) return null;
      const p = e.payload ?? {};
      return {
        ...base,
        issuingBody: e.unitName ?? fallbackIssuer,
        issuedAt: iso(e.at),
        docNumber: numberOf(e),
        nonAcceptance: {
          reason: str(p.reason) || 'other',
          lawfulChannel: str(p.lawfulChannel) || null,
          explanation: str(p.explanation),
        },
      };
    }
    case 'extension': {
      const e = last('extended');
      if (!e) return null;
      const p = e.payload ?? {};
      return {
        ...base,
        issuingBody: e.unitName ?? fallbackIssuer,
        issuedAt: iso(e.at),
        docNumber: numberOf(e),
        extension: { days: Number(p.days ?? 0), reason: str(p.reason), newDueDate: str(p.newDueDate) },
      };
    }
    case 'reply': {
      const d = m.decisions.find((x) => x.kind === 'reply');
      if (!d) return null;
      const e = last('replied');
      const unit = m.units.find((u) => u.unitId === d.unitId);
      return {
        ...base,
        issuingBody: unit?.name ?? e?.unitName ?? fallbackIssuer,
        issuedAt: iso(d.decidedAt),
        docNumber: numberOf(e),
        reply: {
          outcome: d.outcome,
          facts: d.facts,
          legalBasis: d.legalBasis,
          body: d.body,
          decidedAt: iso(d.decidedAt),
          reviewDueDate: str(e?.payload?.reviewRequestDueDate) || null,
        },
      };
    }
    case 'review':
    case 'recheck': {
      // The latest decision of its kind; its event is the one that names it.
      const d = [...m.decisions].reverse().find((x) => x.kind === kind);
      if (!d) return null;
      const e = [...m.timeline]
        .reverse()
        .find((x) => x.kind === (kind === 'review' ? 'reviewed' : 'rechecked'));
      const unit = m.units.find((u) => u.unitId === d.unitId);
      const decision = {
        outcome: d.outcome,
        facts: d.facts,
        legalBasis: d.legalBasis,
        body: d.body,
        decidedAt: iso(d.decidedAt),
        recheckDueDate: str(e?.payload?.recheckRequestDueDate) || null,
      };
      return {
        ...base,
        issuingBody: str(e?.payload?.unitName) || unit?.name || e?.unitName || fallbackIssuer,
        issuedAt: iso(d.decidedAt),
        docNumber: numberOf(e),
        ...(kind === 'review' ? { review: decision } : { recheck: decision }),
      };
    }
  }
}

import { Alert, Button, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { OUTCOME_LABELS } from '../../../src/shared/labels.ts';
import type { PublicDecision, PublicLookup } from '../../../src/shared/api.schema.ts';
import { Panel } from '../common/Panel.tsx';
import { fmtDate } from '../common/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';

/**
 * A review (复查) or second-review (复核) decision as the petitioner receives it (条例 §35, §36):
 * the facts, the basis and the text the higher body wrote, and the written decision to download.
 */
export function PublicReviewDecision({
  data,
  decision,
  creds,
}: {
  data: PublicLookup;
  decision: PublicDecision;
  creds: Credentials;
}) {
  const { m, lang, lbl } = useI18n();
  const [busy, setBusy] = useState(false);
  const kind = decision.kind === 'recheck' ? 'recheck' : 'review';

  const download = async () => {
    setBusy(true);
    try {
      const { downloadNoticeDocx } = await import('../documents/download-docx.ts');
      const content = { ...decision };
      await downloadNoticeDocx(kind, {
        caseNumber: data.caseNumber,
        queryCode: creds.queryCode,
        subject: data.subject,
        receivedAt: data.receivedAt,
        // The portal knows no names: the document is addressed to 信访人.
        petitionerNames: [],
        issuingBody: decision.unitName ?? '',
        issuedAt: decision.decidedAt,
        docNumber: decision.docNumber,
        ...(kind === 'review' ? { review: content } : { recheck: content }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel
      title={kind === 'review' ? m.portal.reviewDecision : m.portal.recheckDecision}
      testId={`public-${kind}`}
      style={{ marginTop: 16 }}
      extra={
        <Button onClick={() => void download()} loading={busy}>
          {kind === 'review' ? m.portal.downloadReview : m.portal.downloadRecheck}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {m.portal.decisionBy(decision.unitName ?? '', fmtDate(decision.decidedAt, lang))}
        {decision.docNumber ? m.common.paren(m.common.labelled(m.portal.docNumber, decision.docNumber)) : ''}
      </Typography.Paragraph>
      <Descriptions column={1} bordered size="small" layout="vertical">
        <Descriptions.Item label={m.portal.outcome}>
          {lbl(OUTCOME_LABELS, decision.outcome)}
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.facts}>
          <span className="ms-pre">{decision.facts}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.legalBasis}>
          <span className="ms-pre">{decision.legalBasis}</span>
        </Descriptions.Item>
        {decision.body ? (
          <Descriptions.Item label={m.matter.body}>
            <span className="ms-pre">{decision.body}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {kind === 'recheck' && <Alert type="info" title={m.portal.recheckFinal} style={{ marginTop: 12 }} />}
    </Panel>
  );
}

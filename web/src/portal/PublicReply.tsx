import { Button, Descriptions, Typography } from 'antd';
import { Panel } from '../common/Panel.tsx';
import { useState } from 'react';
import { OUTCOME_LABELS } from '../../../src/shared/labels.ts';
import type { PublicLookup } from '../../../src/shared/api.schema.ts';
import { fmtDate } from '../common/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';

/** The written reply, readable on screen and downloadable as the official document (DOCX). */
export function PublicReply({ data, creds }: { data: PublicLookup; creds: Credentials }) {
  const { m, lang, lbl } = useI18n();
  const [busy, setBusy] = useState(false);
  const reply = data.reply;
  if (!reply) return <Typography.Paragraph type="secondary">{m.portal.noReply}</Typography.Paragraph>;

  const download = async () => {
    setBusy(true);
    try {
      const { downloadNoticeDocx } = await import('../documents/download-docx.ts');
      await downloadNoticeDocx('reply', {
        caseNumber: data.caseNumber,
        queryCode: creds.queryCode,
        subject: data.subject,
        receivedAt: data.receivedAt,
        petitionerNames: [],
        issuingBody: reply.unitName ?? '',
        issuedAt: reply.decidedAt,
        docNumber: reply.docNumber,
        reply: { ...reply, reviewDueDate: data.reviewDueDate },
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel
      title={m.portal.reply}
      testId="public-reply"
      extra={
        <Button onClick={() => void download()} loading={busy}>
          {m.portal.downloadReply}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {m.portal.replyBy(reply.unitName ?? '', fmtDate(reply.decidedAt, lang))}
      </Typography.Paragraph>
      <Descriptions column={1} bordered size="small" layout="vertical">
        <Descriptions.Item label={m.actions.outcome}>{lbl(OUTCOME_LABELS, reply.outcome)}</Descriptions.Item>
        <Descriptions.Item label={m.matter.facts}>
          <span className="ms-pre">{reply.facts}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m.matter.legalBasis}>
          <span className="ms-pre">{reply.legalBasis}</span>
        </Descriptions.Item>
        {reply.body ? (
          <Descriptions.Item label={m.matter.body}>
            <span className="ms-pre">{reply.body}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Panel>
  );
}

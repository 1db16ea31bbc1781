import { Form, Input, Radio, Segmented } from 'antd';
import { useState } from 'react';
import { REPLY_OUTCOMES, REVIEW_OUTCOMES } from '../../../../src/shared/enums.ts';
import { OUTCOME_LABELS } from '../../../../src/shared/labels.ts';
import type { MatterDetail } from '../../../../src/shared/api.schema.ts';
import { NoticeView } from '../../documents/NoticeView.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../auth/session.tsx';

/**
 * The written reply (or review decision): outcome, facts found, basis, optional text, and a preview
 * of the document the petitioner will receive.
 */
export function ReplyComposer({ matter, review }: { matter: MatterDetail; review: boolean }) {
  const { m, lbl } = useI18n();
  const { user } = useSession();
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const form = Form.useFormInstance();
  const values = Form.useWatch([], form) as
    { outcome?: string; facts?: string; legalBasis?: string; body?: string } | undefined;
  const outcomes = review ? REVIEW_OUTCOMES : REPLY_OUTCOMES;
  const now = new Date().toISOString();
  // A review decision previews as the 复查意见书 (复核意见书 once a second review was asked for).
  const kind = !review ? 'reply' : matter.state === 'recheck_requested' ? 'recheck' : 'review';
  const decision = {
    outcome: values?.outcome ?? '',
    facts: values?.facts ?? '',
    legalBasis: values?.legalBasis ?? '',
    body: values?.body ?? null,
    decidedAt: now,
  };
  const preview = {
    caseNumber: matter.caseNumber,
    queryCode: matter.queryCode,
    subject: matter.subject,
    receivedAt: matter.receivedAt,
    petitionerNames: (matter.petitioners.some((p) => p.isRepresentative)
      ? matter.petitioners.filter((p) => p.isRepresentative)
      : matter.petitioners
    ).map((p) => p.name),
    issuingBody: user?.unit.name ?? '',
    issuedAt: now,
    [kind]: decision,
  };
  return (
    <>
      {!review && <p style={{ color: 'rgba(0,0,0,0.65)' }}>{m.actions.replyHelp}</p>}
      <Segmented<'edit' | 'preview'>
        style={{ marginBottom: 12 }}
        value={mode}
        onChange={(v) => setMode(v)}
        options={[
          { value: 'edit', label: m.actions.edit },
          { value: 'preview', label: m.actions.preview },
        ]}
      />
      <div style={{ display: mode === 'edit' ? 'block' : 'none' }}>
        <Form.Item name="outcome" label={m.actions.outcome} required>
          <Radio.Group options={outcomes.map((o) => ({ value: o, label: lbl(OUTCOME_LABELS, o) }))} />
        </Form.Item>
        <Form.Item name="facts" label={m.actions.facts} required>
          <Input.TextArea rows={5} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="legalBasis" label={m.actions.legalBasis} required>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="body" label={m.actions.body}>
          <Input.TextArea rows={4} maxLength={20_000} />
        </Form.Item>
      </div>
      {mode === 'preview' && (
        <div
          data-testid="reply-preview"
          style={{ border: '1px solid #e3e5e8', maxHeight: 480, overflow: 'auto', background: '#fff' }}
        >
          <NoticeView kind={kind} data={preview} compact />
        </div>
      )}
    </>
  );
}

import { Alert, Button, Descriptions, Form, Input, Radio, Typography } from 'antd';
import { FOLLOW_UP_RESULT_LABELS } from '../../../src/shared/case-labels.ts';
import { FOLLOW_UP_RESULTS } from '../../../src/shared/enums.ts';
import type { PublicFollowUp } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';
import { usePublicSubmit } from './usePublicSubmit.ts';

/**
 * 网上回访: the follow-up questionnaire after the reply, or the petitioner's answer once given.
 * Loaded only when a matter shows it, so the portal's other pages do not carry it.
 */
export default function OnlineFollowUp({
  answer,
  creds,
  onDone,
}: {
  answer: PublicFollowUp | null;
  creds: Credentials;
  onDone: () => void;
}) {
  const { m, lang, lbl } = useI18n();
  const [form] = Form.useForm<{ solved?: string; opinion?: string }>();
  const { busy, error, submit } = usePublicSubmit(
    form,
    '/api/public/follow-up',
    creds,
    ['solved', 'opinion'],
    onDone,
  );

  if (answer)
    return (
      <Panel title={m.portal.followUpTitle} testId="online-follow-up" style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">
          {m.portal.followUpAnswered(fmtDateTime(answer.answeredAt, lang))}
        </Typography.Paragraph>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={m.portal.followUpSolved}>
            {lbl(FOLLOW_UP_RESULT_LABELS, answer.solved)}
          </Descriptions.Item>
          {answer.opinion && (
            <Descriptions.Item label={m.portal.followUpOpinion}>
              <span className="ms-pre">{answer.opinion}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Panel>
    );

  return (
    <Panel title={m.portal.followUpTitle} testId="online-follow-up" style={{ marginTop: 16 }}>
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="solved"
          label={m.portal.followUpSolved}
          rules={[{ required: true, message: m.common.fieldChoose(m.portal.followUpSolved) }]}
        >
          <Radio.Group
            options={FOLLOW_UP_RESULTS.map((r) => ({ value: r, label: lbl(FOLLOW_UP_RESULT_LABELS, r) }))}
          />
        </Form.Item>
        <Form.Item name="opinion" label={m.portal.followUpOpinion + m.common.optional}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {m.portal.followUpSend}
        </Button>
      </Form>
    </Panel>
  );
}

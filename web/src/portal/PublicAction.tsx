import { Alert, Button, Form, Input, Radio } from 'antd';
import { Panel } from '../common/Panel.tsx';
import { useState } from 'react';
import { RATINGS } from '../../../src/shared/enums.ts';
import { RATING_LABELS } from '../../../src/shared/labels.ts';
import { ApiError, api } from '../api/client.ts';
import { applyFieldErrors, compact, errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';

type Kind = 'rate' | 'review' | 'recheck';

const ENDPOINT: Record<Kind, string> = {
  rate: '/api/public/rate',
  review: '/api/public/request-review',
  recheck: '/api/public/request-recheck',
};

/** The petitioner's own actions on a replied matter: rating, asking for review or second review. */
export function PublicAction({
  kind,
  creds,
  help,
  onDone,
}: {
  kind: Kind;
  creds: Credentials;
  help?: string;
  onDone: () => void;
}) {
  const { m, lang, lbl } = useI18n();
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title =
    kind === 'rate' ? m.portal.rateTitle : kind === 'review' ? m.portal.reviewTitle : m.portal.recheckTitle;
  const button =
    kind === 'rate' ? m.portal.rate : kind === 'review' ? m.portal.requestReview : m.portal.requestRecheck;

  const submit = async () => {
    setError(null);
    const values = compact(form.getFieldsValue(true) as Record<string, string>);
    setBusy(true);
    try {
      await api.post(ENDPOINT[kind], { ...creds, ...values });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length)
        applyFieldErrors(form, e.fields, lang, (p) => ['rating', 'comment', 'reason'].includes(String(p[0])));
      setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={title} style={{ marginTop: 16 }}>
      {help && <Alert type="info" title={help} style={{ marginBottom: 12 }} />}
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        {kind === 'rate' ? (
          <>
            <Form.Item
              name="rating"
              label={m.portal.rating}
              rules={[{ required: true, message: m.common.fieldChoose(m.portal.rating) }]}
            >
              <Radio.Group options={RATINGS.map((r) => ({ value: r, label: lbl(RATING_LABELS, r) }))} />
            </Form.Item>
            <Form.Item name="comment" label={m.portal.comment}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="reason"
            label={kind === 'review' ? m.portal.reviewReason : m.portal.recheckReason}
            rules={[
              {
                required: true,
                whitespace: true,
                message: m.common.fieldRequired(
                  kind === 'review' ? m.portal.reviewReason : m.portal.recheckReason,
                ),
              },
            ]}
          >
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {button}
        </Button>
      </Form>
    </Panel>
  );
}

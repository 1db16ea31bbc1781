import { Alert, Button, Form, Input, Radio } from 'antd';
import { Panel } from '../common/Panel.tsx';
import { RATINGS } from '../../../src/shared/enums.ts';
import { RATING_LABELS } from '../../../src/shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';
import { usePublicSubmit } from './usePublicSubmit.ts';

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
  const { m, lbl } = useI18n();
  const [form] = Form.useForm<Record<string, string>>();
  const title =
    kind === 'rate' ? m.portal.rateTitle : kind === 'review' ? m.portal.reviewTitle : m.portal.recheckTitle;
  const button =
    kind === 'rate' ? m.portal.rate : kind === 'review' ? m.portal.requestReview : m.portal.requestRecheck;

  const { busy, error, submit } = usePublicSubmit(
    form,
    ENDPOINT[kind],
    creds,
    ['rating', 'comment', 'reason'],
    onDone,
  );

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

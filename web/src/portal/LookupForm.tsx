import { Alert, Button, Form, Input } from 'antd';
import { Panel } from '../common/Panel.tsx';
import { useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { PublicLookup } from '../../../src/shared/api.schema.ts';
import { applyFieldErrors, clearErrorsOnChange, clearFieldErrors, errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';

export interface Credentials {
  caseNumber: string;
  queryCode: string;
}

export function LookupForm({
  initial,
  onFound,
}: {
  initial?: Credentials | null;
  onFound: (c: Credentials, r: PublicLookup) => void;
}) {
  const { m, lang } = useI18n();
  const [form] = Form.useForm<Credentials>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Credentials) => {
    setBusy(true);
    setError(null);
    clearFieldErrors(form);
    try {
      const c = { caseNumber: v.caseNumber.trim(), queryCode: v.queryCode.trim() };
      onFound(c, await api.post<PublicLookup>('/api/public/lookup', c));
    } catch (e) {
      // A message that has its field is shown there once, not again above the form.
      if (e instanceof ApiError && e.fields.length) {
        const orphans = applyFieldErrors(
          form,
          e.fields,
          lang,
          (p) => p[0] === 'caseNumber' || p[0] === 'queryCode',
        );
        setError(orphans.length ? orphans.join('；') : null);
        // The keyboard user is put back on the field that was wrong.
        const first = e.fields.find((f) => f.path === 'caseNumber' || f.path === 'queryCode');
        if (first) form.focusField(first.path);
      } else setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel title={m.portal.lookupTitle}>
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial ?? undefined}
        onFinish={(v) => void submit(v)}
        onFieldsChange={clearErrorsOnChange(form)}
      >
        <Form.Item
          name="caseNumber"
          label={m.portal.caseNumber}
          rules={[{ required: true, message: m.common.fieldRequired(m.portal.caseNumber) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="queryCode"
          label={m.portal.queryCode}
          rules={[{ required: true, message: m.common.fieldRequired(m.portal.queryCode) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {m.portal.lookup}
        </Button>
      </Form>
    </Panel>
  );
}

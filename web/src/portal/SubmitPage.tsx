import { Alert, Button, Checkbox, Form, Input, Select } from 'antd';
import { Panel } from '../common/Panel.tsx';
import { useRef, useState } from 'react';
import { LIMITS, PURPOSES } from '../../../src/shared/enums.ts';
import { PURPOSE_LABELS } from '../../../src/shared/labels.ts';
import { ApiError, api, newIdempotencyKey } from '../api/client.ts';
import type { PublicReceipt } from '../../../src/shared/api.schema.ts';
import { CategorySelect } from '../common/CategorySelect.tsx';
import {
  applyFieldErrors,
  clearErrorsOnChange,
  clearFieldErrors,
  compact,
  errorText,
  toNamePath,
} from '../common/errors.ts';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { FilePicker } from '../common/FilePicker.tsx';
import { Guidance } from './Guidance.tsx';
import { Receipt } from './Receipt.tsx';

interface Values {
  name: string;
  phone: string;
  idNumber?: string;
  address?: string;
  regionCode?: string;
  purpose: string;
  categoryCode?: string;
  subject: string;
  content: string;
  isMisconductReport?: boolean;
  target?: string;
}

const FIELDS = new Set([
  'name',
  'phone',
  'idNumber',
  'address',
  'regionCode',
  'purpose',
  'categoryCode',
  'subject',
  'content',
  'isMisconductReport',
  'target',
]);

export function SubmitPage({ onLookup }: { onLookup: (caseNumber: string, queryCode: string) => void }) {
  const { m, lang, lbl } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [receipt, setReceipt] = useState<PublicReceipt | null>(null);
  // One key per submission; kept when the network fails so a retry cannot register twice.
  const keyRef = useRef<string | null>(null);
  const misconduct = Form.useWatch('isMisconductReport', form);

  const showErrors = (fields: { path: string; message_zh: string; message_en: string }[]) => {
    const orphans = applyFieldErrors(form, fields, lang, (p) => FIELDS.has(String(p[0])));
    setError(orphans.length ? orphans.join('；') : m.errors.formHasErrors);
    // A keyboard or screen-reader user lands on the first field to correct, as after the form's own checks.
    const first = fields.find((f) => FIELDS.has(f.path.split('.')[0]!));
    if (first) form.focusField(toNamePath(first.path));
  };

  const submit = async () => {
    if (sending) return;
    setError(null);
    clearFieldErrors(form);
    // The portal checks what is required here and leaves the rest to the API (whose messages are
    // shown next to the fields): zod stays out of the portal's initial bundle.
    const values = compact(form.getFieldsValue(true) as Values & Record<string, unknown>);
    keyRef.current ??= newIdempotencyKey();
    setSending(true);
    try {
      const r = await api.post<PublicReceipt>('/api/public/petitions', values, {
        'Idempotency-Key': keyRef.current,
      });
      keyRef.current = null;
      const failed: string[] = [];
      for (const f of files) {
        const data = new FormData();
        data.append('caseNumber', r.caseNumber);
        data.append('queryCode', r.queryCode);
        data.append('file', f, f.name);
        try {
          const res = await fetch('/api/public/attachments', { method: 'POST', body: data });
          if (!res.ok) failed.push(m.register.uploadFailed(f.name));
        } catch {
          failed.push(m.register.uploadFailed(f.name));
        }
      }
      setWarnings(failed);
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) keyRef.current = null;
      if (e instanceof ApiError && e.fields.length) showErrors(e.fields);
      else setError(errorText(e, lang, m));
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <Receipt
        receipt={receipt}
        warnings={warnings}
        onLookup={() => onLookup(receipt.caseNumber, receipt.queryCode)}
        onAnother={() => {
          form.resetFields();
          setFiles([]);
          setReceipt(null);
        }}
      />
    );
  }

  return (
    <>
      <Guidance />
      <Panel title={m.portal.tabSubmit}>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ purpose: 'request', isMisconductReport: false }}
          onFinish={() => void submit()}
          onFinishFailed={() => setError(m.errors.formHasErrors)}
          onFieldsChange={clearErrorsOnChange(form, () =>
            setError((e) => (e === m.errors.formHasErrors ? null : e)),
          )}
          scrollToFirstError={{ focus: true }}
        >
          <Form.Item
            name="name"
            label={m.portal.name}
            rules={[{ required: true, whitespace: true, message: m.common.fieldRequired(m.portal.name) }]}
          >
            <Input autoComplete="name" maxLength={LIMITS.nameMax} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={m.portal.phone}
            rules={[{ required: true, whitespace: true, message: m.common.fieldRequired(m.portal.phone) }]}
          >
            <Input autoComplete="tel" inputMode="tel" maxLength={30} />
          </Form.Item>
          <Form.Item name="idNumber" label={m.portal.idNumber}>
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item name="address" label={m.portal.address}>
            <Input autoComplete="street-address" maxLength={300} />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={m.portal.region}
            rules={[{ required: true, message: m.common.fieldChoose(m.portal.region) }]}
          >
            <RegionPicker endpoint="/api/public/regions" ariaLabel={m.portal.region} />
          </Form.Item>
          <Form.Item name="purpose" label={m.portal.purpose} required>
            <Select options={PURPOSES.map((p) => ({ value: p, label: lbl(PURPOSE_LABELS, p) }))} />
          </Form.Item>
          <Form.Item name="categoryCode" label={m.portal.category}>
            <CategorySelect endpoint="/api/public/categories" ariaLabel={m.portal.category} />
          </Form.Item>
          <Form.Item
            name="subject"
            label={m.portal.subject}
            rules={[{ required: true, whitespace: true, message: m.common.fieldRequired(m.portal.subject) }]}
          >
            <Input maxLength={LIMITS.subjectMax} placeholder={m.portal.subjectPlaceholder} showCount />
          </Form.Item>
          <Form.Item
            name="content"
            label={m.portal.content}
            rules={[{ required: true, whitespace: true, message: m.common.fieldRequired(m.portal.content) }]}
          >
            <Input.TextArea
              rows={8}
              maxLength={LIMITS.contentMax}
              placeholder={m.portal.contentPlaceholder}
            />
          </Form.Item>
          <Form.Item name="isMisconductReport" valuePropName="checked">
            <Checkbox>{m.portal.isMisconduct}</Checkbox>
          </Form.Item>
          {misconduct && (
            <Form.Item name="target" label={m.portal.target}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item label={m.portal.attachments} extra={m.portal.attachmentsLater}>
            <FilePicker files={files} onChange={setFiles} label={m.portal.attachments} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={sending} disabled={sending}>
            {sending ? m.portal.submitting : m.portal.submit}
          </Button>
        </Form>
      </Panel>
    </>
  );
}

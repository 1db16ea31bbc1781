import { Alert, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { CHANNELS, LIMITS, LODGED_LEVELS, PURPOSES } from '../../../src/shared/enums.ts';
import { CHANNEL_LABELS, PURPOSE_LABELS, UNIT_LEVEL_LABELS } from '../../../src/shared/labels.ts';
import { RegisterMatterInput } from '../../../src/shared/schemas.ts';
import { ApiError, api, newIdempotencyKey } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import type { RegisterResult } from '../../../src/shared/api.schema.ts';
import { CategorySelect } from '../common/CategorySelect.tsx';
import {
  applyFieldErrors,
  clearErrorsOnChange,
  clearFieldErrors,
  compact,
  errorText,
  validateWith,
} from '../common/errors.ts';
import { FilePicker } from '../common/FilePicker.tsx';
import { Panel } from '../common/Panel.tsx';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { AssistPanel, type AssistInput } from './AssistPanel.tsx';
import { PetitionerFields } from './PetitionerFields.tsx';
import { RegisterResultView } from './RegisterResultView.tsx';

type Values = Record<string, unknown> & { petitioners?: Record<string, unknown>[] };

/** Cleans the form values into the API's body: empty strings dropped, petitioners compacted. */
function toBody(v: Values): Record<string, unknown> {
  const body = compact({ ...v });
  body.petitioners = (v.petitioners ?? []).map((p) =>
    compact({ ...p, isRepresentative: !!p.isRepresentative }),
  );
  if (body.headCount === null) delete body.headCount;
  return body;
}

export function RegisterPage() {
  const { m, lang, lbl } = useI18n();
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<RegisterResult | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const keyRef = useRef<string | null>(null);
  const channel = Form.useWatch('channel', form) as string | undefined;
  const headCount = Form.useWatch('headCount', form) as number | undefined;
  const misconduct = Form.useWatch('isMisconductReport', form) as boolean | undefined;
  const assist = Form.useWatch([], form) as AssistInput | undefined;
  const collective = channel === 'visit' && (headCount ?? 0) >= LIMITS.collectiveThreshold;

  const show = (fields: { path: string; message_zh: string; message_en: string }[]) => {
    const orphans = applyFieldErrors(form, fields, lang, () => true);
    setError(orphans.length ? orphans.join('；') : m.errors.formHasErrors);
  };

  const qc = useQueryClient();
  const submit = async () => {
    if (busy) return;
    setError(null);
    clearFieldErrors(form);
    const body = toBody(form.getFieldsValue(true));
    const checked = validateWith(RegisterMatterInput, body);
    if (!checked.ok) {
      show(checked.fields);
      return;
    }
    keyRef.current ??= newIdempotencyKey();
    setBusy(true);
    try {
      const r = await api.post<RegisterResult>('/api/matters', body, { 'Idempotency-Key': keyRef.current });
      keyRef.current = null;
      const failed: string[] = [];
      for (const f of files) {
        try {
          await api.upload(`/api/matters/${r.id}/attachments`, f);
        } catch (e) {
          failed.push(`${m.register.uploadFailed(f.name)}：${errorText(e, lang, m)}`);
        }
      }
      // The new matter belongs in the queue and the dashboard's figures.
      void qc.invalidateQueries({ queryKey: keys.matterLists });
      void qc.invalidateQueries({ queryKey: keys.dashboard });
      setWarnings(failed);
      setResult(r);
      window.scrollTo(0, 0);
    } catch (e) {
      // A refused body will be corrected, so the next attempt is a new submission.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) keyRef.current = null;
      if (e instanceof ApiError && e.fields.length) show(e.fields);
      else setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <RegisterResultView
        result={result}
        warnings={warnings}
        onAnother={() => {
          form.resetFields();
          setFiles([]);
          setResult(null);
        }}
      />
    );
  }

  return (
    <div>
      <h1 style={{ fontSize: 22 }}>{m.register.title}</h1>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Panel>
            {error && (
              <Alert
                role="alert"
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 16 }}
                data-testid="form-error"
              />
            )}
            <Form
              form={form}
              layout="vertical"
              initialValues={{
                channel: 'visit',
                purpose: 'request',
                isMisconductReport: false,
                petitioners: [{ kind: 'person' }],
                // Most matters are about the registrar's own area: start the region there.
                regionCode: user?.unit.regionCode,
              }}
              onFinish={() => void submit()}
              onFieldsChange={clearErrorsOnChange(form, () =>
                setError((e) => (e === m.errors.formHasErrors ? null : e)),
              )}
              scrollToFirstError
            >
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="channel" label={m.register.channel} required>
                    <Select
                      options={CHANNELS.map((c) => ({ value: c, label: lbl(CHANNEL_LABELS, c) }))}
                      data-testid="channel"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="purpose" label={m.register.purpose} required>
                    <Select options={PURPOSES.map((p) => ({ value: p, label: lbl(PURPOSE_LABELS, p) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="receivedAt"
                    label={m.register.receivedAt}
                    getValueFromEvent={(d: Dayjs | null) => d?.toISOString()}
                    getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
                  >
                    <DatePicker showTime style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              {channel === 'visit' && (
                <Form.Item
                  name="headCount"
                  label={m.register.headCount}
                  extra={m.register.collectiveHint(LIMITS.collectiveThreshold)}
                >
                  <InputNumber min={1} max={LIMITS.maxHeadCount} style={{ width: 160 }} />
                </Form.Item>
              )}
              {channel === 'handed_down' && (
                <Row gutter={12}>
                  <Col xs={24} md={12}>
                    <Form.Item name="handedDownFrom" label={m.register.handedDownFrom}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="externalDueDate"
                      label={m.register.externalDueDate}
                      getValueFromEvent={(d: Dayjs | null) => d?.format('YYYY-MM-DD')}
                      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
                    >
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              <Form.Item name="regionCode" label={m.register.region} required>
                <RegionPicker endpoint="/api/regions" ariaLabel={m.register.region} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="categoryCode" label={m.register.category}>
                    <CategorySelect endpoint="/api/categories" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="lodgedLevel" label={m.register.lodgedLevel}>
                    <Select
                      allowClear
                      options={LODGED_LEVELS.map((l) => ({ value: l, label: lbl(UNIT_LEVEL_LABELS, l) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="subject" label={m.register.subject} required>
                <Input maxLength={LIMITS.subjectMax} showCount />
              </Form.Item>
              <Form.Item name="content" label={m.register.content} required>
                <Input.TextArea rows={6} maxLength={LIMITS.contentMax} />
              </Form.Item>
              <Form.Item
                name="isMisconductReport"
                valuePropName="checked"
                extra={misconduct ? m.register.misconductHelp : undefined}
              >
                <Checkbox>{m.register.isMisconduct}</Checkbox>
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="target" label={m.register.target}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="reportedUnitId" label={m.register.reportedUnit}>
                    <UnitSelect />
                  </Form.Item>
                </Col>
              </Row>
              <h2 style={{ fontSize: 17 }}>{m.register.petitioners}</h2>
              {collective && (
                <Alert
                  type="warning"
                  showIcon
                  title={m.register.collectiveHint(LIMITS.collectiveThreshold)}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Form.List name="petitioners">
                {(fields, { add, remove }, { errors }) => (
                  <>
                    {fields.map((f, i) => (
                      <PetitionerFields
                        key={f.key}
                        index={i}
                        name={f.name}
                        showRepresentative={channel === 'visit'}
                        onRemove={fields.length > 1 ? () => remove(f.name) : undefined}
                      />
                    ))}
                    <div data-testid="petitioners-errors" role="alert" style={{ color: '#cf1322' }}>
                      <Form.ErrorList errors={errors} />
                    </div>
                    <Button
                      onClick={() => add({ kind: 'person', isRepresentative: collective })}
                      style={{ marginBottom: 16 }}
                      data-testid="add-petitioner"
                    >
                      {m.register.addPetitioner}
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item label={m.register.attachments}>
                <FilePicker files={files} onChange={setFiles} label={m.register.attachments} />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                loading={busy}
                disabled={busy}
                data-testid="register-submit"
              >
                {busy ? m.register.submitting : m.register.submit}
              </Button>
            </Form>
          </Panel>
        </Col>
        <Col xs={24} lg={8}>
          <AssistPanel
            input={assist ?? {}}
            onUseCategory={(code) => form.setFieldValue('categoryCode', code)}
          />
        </Col>
      </Row>
    </div>
  );
}

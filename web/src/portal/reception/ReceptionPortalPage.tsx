import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { WireOf } from '../../../../src/shared/api.schema.ts';
import type {
  AppointmentReceiptSchema,
  PublicAppointmentSchema,
  PublicScheduleSchema,
} from '../../../../src/shared/reception.schema.ts';
import { RECEPTION_KIND_LABELS, REQUEST_STATE_LABELS } from '../../../../src/shared/reception-labels.ts';
import { ApiError, api, newIdempotencyKey } from '../../api/client.ts';
import { applyFieldErrors, compact, errorText } from '../../common/errors.ts';
import { Panel } from '../../common/Panel.tsx';
import { useReceptionPortalI18n } from './reception-portal.i18n.ts';

type Schedule = WireOf<typeof PublicScheduleSchema>;
type Receipt = WireOf<typeof AppointmentReceiptSchema>;
type Appointment = WireOf<typeof PublicAppointmentSchema>;
type Slot = Appointment['requested'];

// Plain markup (a native select) and a local date format, not antd's Select, Spin, Descriptions,
// Tag or Space nor the shared format module: each new module this lazy chunk shared would re-split the chunks of the portal's
// first load and cost it kilobytes (see the bundle-size test).
const row = { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' } as const;
const fmtDateTime = (iso: string, lang: 'zh' | 'en') =>
  new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
function Facts({ items, testId }: { items: [string, ReactNode][]; testId?: string }) {
  return (
    <dl data-testid={testId} style={{ margin: '16px 0 0' }}>
      {items.map(([k, v]) => (
        <div key={k} style={{ display: 'flex', gap: 8, marginBottom: 4 }}>
          <dt style={{ color: 'rgba(0,0,0,0.65)', minWidth: 96 }}>{k}</dt>
          <dd style={{ margin: 0 }}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * 领导接访安排 on the portal: the published schedule with its iCalendar feed, the appointment
 * request and its look-up by request number and query code. A lazy chunk of its own.
 */
export function ReceptionPortalRoute() {
  const { r, m, lang, lbl } = useReceptionPortalI18n();
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  useEffect(() => {
    api
      .get<Schedule>('/api/public/reception-schedule')
      .then(setSchedule)
      .catch((e: unknown) => setLoadError(errorText(e, lang, m)));
  }, [lang, m]);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Panel
        title={<h2 style={{ fontSize: 18, margin: 0 }}>{r.title}</h2>}
        extra={<a href="/api/public/reception-schedule.ics">{r.ics}</a>}
        testId="public-schedule"
      >
        <p style={{ marginTop: 0 }}>{r.intro}</p>
        {loadError && <Alert role="alert" type="error" showIcon title={loadError} />}
        {!schedule && !loadError && <p aria-busy="true">…</p>}
        {schedule && schedule.items.length === 0 && <p>{r.none}</p>}
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {(schedule?.items ?? []).map((s) => (
            <li
              key={s.id}
              data-testid="public-session"
              style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <div style={row}>
                <strong>{fmtDateTime(s.startsAt, lang)}</strong>
                <span>– {fmtDateTime(s.endsAt, lang).slice(-5)}</span>
                <span
                  style={{ border: '1px solid #d9d9d9', borderRadius: 4, padding: '0 6px', fontSize: 12 }}
                >
                  {lbl(RECEPTION_KIND_LABELS, s.kind)}
                </span>
                <span>
                  {s.leaderName}（{s.leaderTitle}）
                </span>
              </div>
              <div>{m.common.labelled(r.place, s.place)}</div>
              {s.topics && <div>{m.common.labelled(r.topics, s.topics)}</div>}
              <div style={row}>
                <span>{r.left(s.capacityLeft)}</span>
                {s.capacityLeft > 0 && (
                  <Button size="small" onClick={() => setChosen(s.id)}>
                    {r.book}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </Panel>
      {receipt ? (
        <Panel
          title={<h2 style={{ fontSize: 18, margin: 0 }}>{r.receiptTitle}</h2>}
          testId="appointment-receipt"
        >
          <Alert type="success" showIcon title={r.receipt} style={{ marginBottom: 12 }} />
          <Facts
            items={[
              [r.number, <strong data-testid="appointment-number">{receipt.number}</strong>],
              [r.code, <strong data-testid="appointment-code">{receipt.queryCode}</strong>],
            ]}
          />
        </Panel>
      ) : (
        schedule && (
          <RequestForm sessions={schedule} chosen={chosen} onChoose={setChosen} onDone={setReceipt} />
        )
      )}
      <StatusLookup initial={receipt} />
    </div>
  );
}

interface RequestValues {
  sessionId?: string;
  name?: string;
  phone?: string;
  reason?: string;
  caseNumber?: string;
  queryCode?: string;
}

function RequestForm({
  sessions,
  chosen,
  onChoose,
  onDone,
}: {
  sessions: Schedule;
  chosen: number | undefined;
  onChoose: (id: number) => void;
  onDone: (r: Receipt) => void;
}) {
  const { r, m, lang } = useReceptionPortalI18n();
  const [form] = Form.useForm<RequestValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per filled form: a retry after a lost answer returns the same request, not a second.
  const [key] = useState(newIdempotencyKey);
  useEffect(() => {
    if (chosen !== undefined) form.setFieldValue('sessionId', String(chosen));
  }, [chosen, form]);
  const submit = async (v: RequestValues) => {
    setBusy(true);
    setError(null);
    try {
      onDone(
        await api.post<Receipt>(
          '/api/public/appointments',
          compact({ ...v, sessionId: v.sessionId ? Number(v.sessionId) : undefined }),
          { 'idempotency-key': key },
        ),
      );
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) applyFieldErrors(form, e.fields, lang);
      setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };
  const required = (f: string) => [{ required: true, message: m.common.fieldRequired(f) }];
  return (
    <Panel title={<h2 style={{ fontSize: 18, margin: 0 }}>{r.requestTitle}</h2>} testId="appointment-form">
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="sessionId"
          label={r.session}
          rules={[{ required: true, message: m.common.fieldChoose(r.session) }]}
        >
          <select
            data-testid="appointment-session"
            style={{
              width: '100%',
              height: 32,
              borderRadius: 6,
              border: '1px solid #d9d9d9',
              padding: '0 8px',
            }}
            onChange={(e) => onChoose(Number(e.target.value))}
          >
            <option value="">—</option>
            {sessions.items
              .filter((s) => s.capacityLeft > 0)
              .map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {`${fmtDateTime(s.startsAt, lang)} ${s.leaderName} · ${s.place}`}
                </option>
              ))}
          </select>
        </Form.Item>
        <Form.Item name="name" label={r.name} rules={required(r.name)}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="phone" label={r.phone} rules={required(r.phone)}>
          <Input maxLength={30} autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item name="reason" label={r.reason} rules={required(r.reason)}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="caseNumber" label={r.caseNumber}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="queryCode" label={r.queryCode}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="appointment-submit">
          {r.submit}
        </Button>
      </Form>
    </Panel>
  );
}

function StatusLookup({ initial }: { initial: Receipt | null }) {
  const { r, m, lang, lbl } = useReceptionPortalI18n();
  const [form] = Form.useForm<{ number: string; queryCode: string }>();
  const [found, setFound] = useState<Appointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (initial) form.setFieldsValue({ number: initial.number, queryCode: initial.queryCode });
  }, [initial, form]);
  const send = async (path: string) => {
    setBusy(true);
    setError(null);
    try {
      setFound(await api.post<Appointment>(path, form.getFieldsValue(true)));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) applyFieldErrors(form, e.fields, lang);
      setError(errorText(e, lang, m));
    } finally {
      setBusy(false);
    }
  };
  const slot = (s: Slot) =>
    `${fmtDateTime(s.startsAt, lang)} ${s.leaderName}（${s.leaderTitle}）· ${s.place}`;
  return (
    <Panel title={<h2 style={{ fontSize: 18, margin: 0 }}>{r.statusTitle}</h2>} testId="appointment-status">
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={() => void send('/api/public/appointments/lookup')}>
        <Form.Item
          name="number"
          label={r.number}
          rules={[{ required: true, message: m.common.fieldRequired(r.number) }]}
        >
          <Input maxLength={40} data-testid="status-number" />
        </Form.Item>
        <Form.Item
          name="queryCode"
          label={r.code}
          rules={[{ required: true, message: m.common.fieldRequired(r.code) }]}
        >
          <Input maxLength={40} autoComplete="off" data-testid="status-code" />
        </Form.Item>
        <Button htmlType="submit" loading={busy} data-testid="status-lookup">
          {r.lookup}
        </Button>
      </Form>
      {found && (
        <Facts
          testId="appointment-result"
          items={[
            [
              r.state,
              <strong data-testid="appointment-state" data-state={found.state}>
                {lbl(REQUEST_STATE_LABELS, found.state)}
              </strong>,
            ],
            [r.requested, slot(found.requested)],
            ...(found.confirmed
              ? [
                  [r.confirmed, <span data-testid="appointment-confirmed">{slot(found.confirmed)}</span>] as [
                    string,
                    ReactNode,
                  ],
                ]
              : []),
            ...(found.proposed ? [[r.proposed, slot(found.proposed)] as [string, ReactNode]] : []),
            ...(found.message ? [[r.message, found.message] as [string, ReactNode]] : []),
          ]}
        />
      )}
      {found && (
        <div style={{ ...row, marginTop: 8 }}>
          {found.canAccept && (
            <Button onClick={() => void send('/api/public/appointments/accept')}>{r.accept}</Button>
          )}
          {found.canDecline && (
            <Button onClick={() => void send('/api/public/appointments/decline')}>{r.decline}</Button>
          )}
          {found.canCancel && (
            <Button danger onClick={() => void send('/api/public/appointments/cancel')}>
              {r.cancel}
            </Button>
          )}
        </div>
      )}
    </Panel>
  );
}

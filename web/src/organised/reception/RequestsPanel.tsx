import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Segmented, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { REQUEST_STATES, type RequestState } from '../../../../src/shared/reception.schema.ts';
import { REQUEST_STATE_LABELS } from '../../../../src/shared/reception-labels.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { receptionKey, useReceptionCommand, type RequestList, type StaffRequest } from './api.ts';

type Verb = 'confirm' | 'propose' | 'decline';
type Schedule = {
  items: { id: number; leaderName: string; startsAt: string; place: string; capacityLeft: number }[];
};

/** The bureau's appointment requests from the portal: confirm, propose another slot, or decline. */
export function RequestsPanel() {
  const { m, lang, lbl } = useWorkI18n();
  const t = m.reception;
  const [state, setState] = useState<RequestState | 'all'>('requested');
  const [acting, setActing] = useState<{ verb: Verb; request: StaffRequest } | null>(null);
  const { data, error } = useQuery({
    queryKey: [...receptionKey, 'requests', state],
    queryFn: () => api.get<RequestList>('/api/reception/requests', state === 'all' ? {} : { state }),
  });
  const slot = (s: StaffRequest['requested'] | null) =>
    s ? `${fmtDateTime(s.startsAt, lang)} ${s.leaderName} · ${s.place}` : '';
  return (
    <Panel title={t.requests} testId="reception-requests">
      <Segmented
        value={state}
        onChange={(v) => setState(v as RequestState | 'all')}
        options={[
          ...REQUEST_STATES.map((s) => ({ value: s, label: lbl(REQUEST_STATE_LABELS, s) })),
          { value: 'all', label: t.allStates },
        ]}
        style={{ marginBottom: 12 }}
      />
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {data && data.items.length === 0 && <p style={{ margin: 0 }}>{t.noRequests}</p>}
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {(data?.items ?? []).map((r) => (
          <li
            key={r.id}
            data-testid="appointment-request"
            data-number={r.number}
            style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            <Space wrap size={6}>
              <strong>{r.number}</strong>
              <Tag>{lbl(REQUEST_STATE_LABELS, r.state)}</Tag>
              <span>
                {r.name} {r.phone}
              </span>
              {r.matter && <span>{r.matter.caseNumber}</span>}
            </Space>
            <div style={{ fontSize: 13 }}>{m.common.labelled(t.reason, r.reason)}</div>
            <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
              {m.common.labelled(t.requestedSlot, slot(r.requested))}
              {r.proposed && ` · ${m.common.labelled(t.proposedSlot, slot(r.proposed))}`}
              {r.confirmed && ` · ${m.common.labelled(t.confirmedSlot, slot(r.confirmed))}`}
            </div>
            {r.message && <div style={{ fontSize: 13 }}>{m.common.labelled(t.message, r.message)}</div>}
            <Space wrap style={{ marginTop: 4 }}>
              {(['confirm', 'propose', 'decline'] as const)
                .filter((v) => r.allowedActions.includes(v))
                .map((verb) => (
                  <Button
                    key={verb}
                    size="small"
                    type={verb === 'confirm' ? 'primary' : 'default'}
                    onClick={() => setActing({ verb, request: r })}
                    data-testid={`request-${verb}`}
                  >
                    {t[verb]}
                  </Button>
                ))}
            </Space>
          </li>
        ))}
      </ul>
      {acting && <RequestDialog {...acting} onClose={() => setActing(null)} />}
    </Panel>
  );
}

function RequestDialog({
  verb,
  request,
  onClose,
}: {
  verb: Verb;
  request: StaffRequest;
  onClose: () => void;
}) {
  const { m, lang } = useWorkI18n();
  const t = m.reception;
  const send = useReceptionCommand();
  // The sessions a request may be moved to: the published schedule, places left.
  const { data } = useQuery({
    queryKey: [...receptionKey, 'public-schedule'],
    queryFn: () => api.get<Schedule>('/api/public/reception-schedule'),
    enabled: verb === 'propose',
  });
  const required = [{ required: true, message: m.common.required }];
  return (
    <CaseFormModal<{ sessionId?: number; message?: string }>
      title={`${t[verb]} · ${request.number}`}
      open
      onClose={onClose}
      testId={`request-${verb}-dialog`}
      onSubmit={(v) =>
        send.mutateAsync({
          path: `/api/reception/requests/${request.id}/${verb}`,
          body: {
            ...(v.sessionId ? { sessionId: v.sessionId } : {}),
            ...(v.message ? { message: v.message } : {}),
          },
        })
      }
    >
      {verb === 'propose' && (
        <Form.Item name="sessionId" label={t.sessionChoice} rules={required}>
          <Select
            options={(data?.items ?? [])
              .filter((s) => s.id !== request.requested.id && s.capacityLeft > 0)
              .map((s) => ({
                value: s.id,
                label: `${fmtDateTime(s.startsAt, lang)} ${s.leaderName} · ${s.place}`,
              }))}
          />
        </Form.Item>
      )}
      <Form.Item name="message" label={t.message} rules={verb === 'confirm' ? [] : required}>
        <Input.TextArea maxLength={1000} data-testid="request-message" />
      </Form.Item>
    </CaseFormModal>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Space, Spin, Tag } from 'antd';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { CHANNEL_LABELS, STATE_LABELS } from '../../../../src/shared/labels.ts';
import { RECEPTION_KIND_LABELS, SESSION_STATE_LABELS } from '../../../../src/shared/reception-labels.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { receptionKey, useReceptionCommand, type SessionDetail } from './api.ts';

type Dialog = 'record' | 'cancel' | 'comment' | null;

/** One session (a dialog over the list): its facts, the record form, the matters registered at it and what the leader took on. */
export function SessionDetails({ id, onClose }: { id: number; onClose: () => void }) {
  const { m, lang, lbl } = useWorkI18n();
  const t = m.reception;
  const send = useReceptionCommand();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data: s, error } = useQuery({
    queryKey: [...receptionKey, 'session', id],
    queryFn: () => api.get<SessionDetail>(`/api/reception/sessions/${id}`),
  });
  const run = (verb: string) => (body: unknown) =>
    send.mutateAsync({ path: `/api/reception/sessions/${id}/${verb}`, body });
  const required = [{ required: true, message: m.common.required }];
  return (
    <Modal
      open
      onCancel={onClose}
      footer={null}
      width={640}
      title={s ? `${s.leaderName} · ${lbl(RECEPTION_KIND_LABELS, s.kind)}` : t.details}
    >
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {!s && !error && <Spin />}
      {s && (
        <div data-testid="session-details">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t.startsAt}>
              {fmtDateTime(s.startsAt, lang)} – {fmtDateTime(s.endsAt, lang).slice(-5)}
            </Descriptions.Item>
            <Descriptions.Item label={t.place}>
              {s.place}
              {s.placeRegionName ? `（${s.placeRegionName}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t.leader}>{`${s.leaderName}（${s.leaderUnitName}）`}</Descriptions.Item>
            {s.topics && <Descriptions.Item label={t.topics}>{s.topics}</Descriptions.Item>}
            <Descriptions.Item label={t.state}>
              <Space size={4}>
                <Tag>{lbl(SESSION_STATE_LABELS, s.state)}</Tag>
                {s.published && <Tag color="gold">{t.publishedTag}</Tag>}
              </Space>
            </Descriptions.Item>
            {s.kind !== 'appointment' && (
              <Descriptions.Item label={t.capacity}>{t.booked(s.booked, s.capacity)}</Descriptions.Item>
            )}
            {s.matter && (
              <Descriptions.Item label={t.matterId}>
                <Link to="/matters/$id" params={{ id: String(s.matter.id) }}>
                  {s.matter.caseNumber} · {s.matter.subject}
                </Link>
              </Descriptions.Item>
            )}
            {s.peopleReceived !== null && (
              <Descriptions.Item label={t.peopleReceived}>{s.peopleReceived}</Descriptions.Item>
            )}
            {s.outcome && (
              <Descriptions.Item label={t.outcome}>
                <span className="ms-pre">{s.outcome}</span>
              </Descriptions.Item>
            )}
            {s.cancelReason && <Descriptions.Item label={t.cancelReason}>{s.cancelReason}</Descriptions.Item>}
            <Descriptions.Item label={t.schedule}>
              {t.scheduledBy(s.scheduledByName, s.unitName)}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ margin: '12px 0' }}>
            {s.allowedActions.includes('record') && (
              <Button type="primary" onClick={() => setDialog('record')} data-testid="record-session">
                {t.record}
              </Button>
            )}
            {s.allowedActions.includes('cancel') && (
              <Button danger onClick={() => setDialog('cancel')}>
                {t.cancel}
              </Button>
            )}
            {s.allowedActions.includes('comment') && (
              <Button onClick={() => setDialog('comment')}>{t.comment}</Button>
            )}
          </Space>
          <h3 style={{ fontSize: 15 }}>{t.matters}</h3>
          {s.matters.length === 0 && <p>{t.noMatters}</p>}
          <ul style={{ paddingLeft: 18 }} data-testid="session-matters">
            {s.matters.map((x) => (
              <li key={x.id}>
                <Link to="/matters/$id" params={{ id: String(x.id) }}>
                  {x.caseNumber} · {x.subject}
                </Link>{' '}
                <Tag>{lbl(CHANNEL_LABELS, x.channel)}</Tag>
                <Tag>{lbl(STATE_LABELS, x.state)}</Tag>
                {x.ownedByLeader && <Tag color="red">{t.owned}</Tag>}
              </li>
            ))}
          </ul>
          {s.appointments.length > 0 && (
            <>
              <h3 style={{ fontSize: 15 }}>{t.appointments}</h3>
              <ul style={{ paddingLeft: 18 }}>
                {s.appointments.map((a) => (
                  <li key={a.id}>
                    {a.number} · {a.name} · {a.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <CaseFormModal<{ peopleReceived: number; outcome: string }>
        title={t.record}
        open={dialog === 'record'}
        onClose={() => setDialog(null)}
        testId="record-dialog"
        onSubmit={run('record')}
      >
        <Form.Item name="peopleReceived" label={t.peopleReceived} rules={required}>
          <InputNumber min={0} max={10000} data-testid="people-received" />
        </Form.Item>
        <Form.Item name="outcome" label={t.outcome} rules={required}>
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 3 }} data-testid="session-outcome" />
        </Form.Item>
      </CaseFormModal>
      <CaseFormModal<{ reason: string }>
        title={t.cancel}
        open={dialog === 'cancel'}
        onClose={() => setDialog(null)}
        testId="cancel-dialog"
        onSubmit={run('cancel')}
      >
        <Form.Item name="reason" label={t.cancelReason} rules={required}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
      </CaseFormModal>
      <CaseFormModal<{ comment: string }>
        title={t.comment}
        open={dialog === 'comment'}
        onClose={() => setDialog(null)}
        testId="comment-dialog"
        onSubmit={run('comment')}
      >
        <Form.Item name="comment" label={t.comment} rules={required}>
          <Input.TextArea maxLength={2000} />
        </Form.Item>
      </CaseFormModal>
    </Modal>
  );
}

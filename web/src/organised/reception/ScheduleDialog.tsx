import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { RECEPTION_KINDS, type ReceptionKind } from '../../../../src/shared/reception.schema.ts';
import { RECEPTION_KIND_LABELS } from '../../../../src/shared/reception-labels.ts';
import { api } from '../../api/client.ts';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { beijing, receptionKey, useReceptionCommand, type Leaders } from './api.ts';

interface ScheduleForm {
  kind: ReceptionKind;
  leaderId: number;
  startsAt: string;
  endsAt: string;
  place: string;
  placeRegionCode?: string;
  topics?: string;
  capacity: number;
  published?: boolean;
  matterId?: number;
}

/** The bureau schedules a leader's session: a reception, an outreach visit or an appointment. */
export function ScheduleDialog({ onClose }: { onClose: () => void }) {
  const { m, lbl } = useWorkI18n();
  const t = m.reception;
  const send = useReceptionCommand();
  const { data: leaders } = useQuery({
    queryKey: [...receptionKey, 'leaders'],
    queryFn: () => api.get<Leaders>('/api/reception/leaders'),
  });
  const required = [{ required: true, message: m.common.required }];
  return (
    <CaseFormModal<ScheduleForm>
      title={t.scheduleNew}
      open
      onClose={onClose}
      testId="schedule-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: '/api/reception/sessions',
          body: {
            kind: v.kind,
            leaderId: v.leaderId,
            startsAt: beijing(v.startsAt),
            endsAt: beijing(v.endsAt),
            place: v.place,
            ...(v.kind === 'outreach' && v.placeRegionCode ? { placeRegionCode: v.placeRegionCode } : {}),
            topics: v.topics ?? '',
            capacity: v.capacity,
            published: v.kind !== 'appointment' && Boolean(v.published),
            ...(v.kind === 'appointment' && v.matterId ? { matterId: v.matterId } : {}),
          },
        })
      }
    >
      <Form.Item name="kind" label={t.kind} initialValue="reception" rules={required}>
        <Select
          options={RECEPTION_KINDS.map((k) => ({ value: k, label: lbl(RECEPTION_KIND_LABELS, k) }))}
          data-testid="session-kind"
        />
      </Form.Item>
      <Form.Item name="leaderId" label={t.leader} rules={required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="session-leader"
          options={(leaders?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.unitName}）` }))}
        />
      </Form.Item>
      <Form.Item name="startsAt" label={t.startsAt} rules={required}>
        <Input type="datetime-local" data-testid="session-starts" />
      </Form.Item>
      <Form.Item name="endsAt" label={t.endsAt} rules={required}>
        <Input type="datetime-local" data-testid="session-ends" />
      </Form.Item>
      <Form.Item name="place" label={t.place} rules={required}>
        <Input maxLength={200} data-testid="session-place" />
      </Form.Item>
      <Form.Item name="topics" label={t.topics}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} data-testid="session-topics" />
      </Form.Item>
      <Form.Item name="capacity" label={t.capacity} initialValue={20} rules={required}>
        <InputNumber min={1} max={1000} data-testid="session-capacity" />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: ScheduleForm, b: ScheduleForm) => a.kind !== b.kind}>
        {({ getFieldValue }) => {
          const kind = getFieldValue('kind') as ReceptionKind;
          return (
            <>
              {kind === 'outreach' && (
                <Form.Item name="placeRegionCode" label={t.placeRegion}>
                  <Input maxLength={15} />
                </Form.Item>
              )}
              {kind === 'appointment' ? (
                <Form.Item name="matterId" label={t.matterId} rules={required}>
                  <InputNumber min={1} style={{ width: '100%' }} />
                </Form.Item>
              ) : (
                <Form.Item name="published" valuePropName="checked" initialValue={true}>
                  <Checkbox data-testid="session-published">{t.published}</Checkbox>
                </Form.Item>
              )}
            </>
          );
        }}
      </Form.Item>
    </CaseFormModal>
  );
}

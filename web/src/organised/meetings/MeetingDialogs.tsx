import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { MEETING_COMMAND_LABELS } from '../../../../src/shared/meeting.labels.ts';
import { api } from '../../api/client.ts';
import { FilePicker } from '../../common/FilePicker.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import type { Meeting } from './types.ts';
import { useMeetingCommand } from './useMeetingCommand.ts';

type Member = Meeting['members'][number];

interface AssignmentValues {
  unitId?: number;
  task?: string;
  dueDate?: string;
  matterId?: number | null;
}

const cleanAssignments = (list: AssignmentValues[] | undefined) =>
  (list ?? []).map((a) => ({
    unitId: a.unitId,
    task: a.task?.trim(),
    dueDate: a.dueDate,
    ...(a.matterId ? { matterId: a.matterId } : {}),
  }));

/** The items handed down: a member unit, a task, a report-by date and optionally a matter. */
function AssignmentFields({ members }: { members: Member[] }) {
  const { m } = useWorkI18n();
  const t = m.meetings;
  return (
    <Form.List name="assignments">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <div
              key={f.key}
              data-testid="assignment-fields"
              style={{ borderTop: '1px dashed #ddd', paddingTop: 8 }}
            >
              <strong>{t.item(i + 1)}</strong>
              <Form.Item
                name={[f.name, 'unitId']}
                label={t.unit}
                rules={[{ required: true, message: m.common.required }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="assignment-unit"
                  options={members.map((u) => ({ value: u.unitId, label: u.unitName }))}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'task']}
                label={t.task}
                rules={[{ required: true, whitespace: true, message: m.common.required }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Space wrap>
                <Form.Item
                  name={[f.name, 'dueDate']}
                  label={t.dueDate}
                  rules={[{ required: true, message: m.common.required }]}
                >
                  <Input type="date" />
                </Form.Item>
                <Form.Item name={[f.name, 'matterId']} label={t.matterId}>
                  <InputNumber min={1} precision={0} style={{ width: 160 }} />
                </Form.Item>
                <Button size="small" onClick={() => remove(f.name)}>
                  {t.remove}
                </Button>
              </Space>
            </div>
          ))}
          <Button onClick={() => add({})} data-testid="add-assignment">
            {t.addAssignment}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Schedules a meeting of the body. */
export function ScheduleDialog({ bodyId, onClose }: { bodyId: number; onClose: () => void }) {
  const { m } = useWorkI18n();
  const t = m.meetings;
  const send = useMeetingCommand();
  return (
    <CaseFormModal<{ title: string; startsAt: string; place: string; agenda: string }>
      title={t.schedule}
      open
      onClose={onClose}
      testId="schedule-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: `/api/meeting-bodies/${bodyId}/meetings`,
          // The local time typed in the browser, sent with its offset.
          body: { ...v, startsAt: new Date(v.startsAt).toISOString() },
        })
      }
    >
      <Form.Item
        name="title"
        label={t.meetingTitle}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="startsAt" label={t.startsAt} rules={[{ required: true, message: m.common.required }]}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item
        name="place"
        label={t.place}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="agenda"
        label={t.agenda}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </CaseFormModal>
  );
}

/** Records the held meeting: attendance, minutes, decisions, items handed down, and a file. */
export function RecordDialog({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { m, lbl } = useWorkI18n();
  const t = m.meetings;
  const send = useMeetingCommand();
  const [files, setFiles] = useState<File[]>([]);
  const units = [
    { value: meeting.convenerUnitId, label: meeting.convenerUnitName },
    ...meeting.members.map((u) => ({ value: u.unitId, label: u.unitName })),
  ];
  const people = meeting.members.flatMap((u) =>
    u.representatives.map((r) => ({ value: r.id, label: `${r.name}（${u.unitName}）` })),
  );
  return (
    <CaseFormModal<{
      attendeeUnitIds: number[];
      attendeeUserIds?: number[];
      minutes: string;
      decisions?: string;
      assignments?: AssignmentValues[];
    }>
      title={lbl(MEETING_COMMAND_LABELS, 'record')}
      open
      onClose={onClose}
      testId="record-dialog"
      onSubmit={async (v) => {
        // Files first: a scheduled meeting takes files too, and the record's answer then shows them.
        for (const f of files) await api.upload(`/api/meetings/${meeting.id}/files`, f);
        setFiles([]);
        await send.mutateAsync({
          path: `/api/meetings/${meeting.id}/record`,
          body: {
            attendeeUnitIds: v.attendeeUnitIds,
            attendeeUserIds: v.attendeeUserIds ?? [],
            minutes: v.minutes.trim(),
            decisions: (v.decisions ?? '')
              .split('\n')
              .map((d) => d.trim())
              .filter((d) => d !== ''),
            assignments: cleanAssignments(v.assignments),
          },
        });
      }}
    >
      <Form.Item
        name="attendeeUnitIds"
        label={t.attendeeUnits}
        rules={[{ required: true, message: m.common.required }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={units}
          data-testid="attendee-units"
        />
      </Form.Item>
      <Form.Item name="attendeeUserIds" label={t.attendeeUsers}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} />
      </Form.Item>
      <Form.Item
        name="minutes"
        label={t.minutes}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input.TextArea rows={5} maxLength={20000} />
      </Form.Item>
      <Form.Item name="decisions" label={t.decisions} extra={t.decisionsHint}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <FilePicker files={files} onChange={setFiles} label={t.files} />
      <AssignmentFields members={meeting.members} />
    </CaseFormModal>
  );
}

/** Hands more items down from a held meeting. */
export function AssignDialog({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { m } = useWorkI18n();
  const send = useMeetingCommand();
  return (
    <CaseFormModal<{ assignments?: AssignmentValues[] }>
      title={m.meetings.assignments}
      open
      onClose={onClose}
      testId="assign-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: `/api/meetings/${meeting.id}/assign`,
          body: { assignments: cleanAssignments(v.assignments) },
        })
      }
    >
      <AssignmentFields members={meeting.members} />
    </CaseFormModal>
  );
}

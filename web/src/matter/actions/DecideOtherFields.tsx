import dayjs, { type Dayjs } from 'dayjs';
import { DatePicker, Form, Input, Select } from 'antd';
import { LAWFUL_CHANNELS, NOT_ACCEPTED_REASONS } from '../../../../src/shared/enums.ts';
import { LAWFUL_CHANNEL_LABELS, NOT_ACCEPTED_REASON_LABELS } from '../../../../src/shared/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { UnitSelect } from '../UnitSelect.tsx';

/** Forward, hand down, not accept, merge. */
export function DecideOtherFields({ action }: { action: 'forward' | 'hand_down' | 'not_accept' | 'merge' }) {
  const { m, lbl } = useI18n();
  const reason = Form.useWatch('reason');
  if (action === 'forward' || action === 'hand_down') {
    return (
      <>
        <Form.Item name="unitId" label={m.actions.unit} required>
          <UnitSelect />
        </Form.Item>
        {action === 'hand_down' && (
          <Form.Item
            name="dueDate"
            label={m.actions.dueDate}
            getValueFromEvent={(d: Dayjs | null) => d?.format('YYYY-MM-DD')}
            getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
          >
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item name="note" label={m.actions.note}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    );
  }
  if (action === 'merge') {
    return (
      <>
        <Form.Item
          name="intoMatterId"
          label={m.actions.intoMatter}
          extra={m.actions.intoMatterHelp}
          required
          // A case number as typed (440305-20261124-000389), or digits as an id.
          normalize={(v: string) => (/^\s*\d{1,10}\s*$/.test(v) ? Number(v) : v)}
        >
          <Input autoComplete="off" placeholder="440305-20261124-000389" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={m.actions.note}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    );
  }
  return (
    <>
      <Form.Item name="reason" label={m.actions.notAcceptReason} required>
        <Select
          options={NOT_ACCEPTED_REASONS.map((r) => ({ value: r, label: lbl(NOT_ACCEPTED_REASON_LABELS, r) }))}
        />
      </Form.Item>
      {reason === 'lawful_channel' && (
        <Form.Item name="lawfulChannel" label={m.actions.lawfulChannel}>
          <Select
            options={LAWFUL_CHANNELS.map((c) => ({ value: c, label: lbl(LAWFUL_CHANNEL_LABELS, c) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="explanation" label={m.actions.explanation} required>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </>
  );
}

import { Alert, Form, Input, InputNumber, Radio } from 'antd';
import { LIMITS, RATINGS } from '../../../../src/shared/enums.ts';
import { RATING_LABELS } from '../../../../src/shared/labels.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The small forms: object, extend, note, rate, request review/recheck, close/conclude note. */
export function SimpleFields({ action }: { action: string }) {
  const { m, lbl } = useI18n();
  switch (action) {
    case 'object':
      return (
        <>
          <Alert type="info" role="note" title={m.actions.objectHelp} style={{ marginBottom: 12 }} />
          <Form.Item name="reason" label={m.actions.reason} required>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Alert type="info" role="note" title={m.actions.extendHelp} style={{ marginBottom: 12 }} />
          {/* No clamping max (31 would silently become 30): the range is shown, and the schema's
              own message says what is wrong on the field. */}
          <Form.Item name="days" label={m.actions.days} required extra={`1–${LIMITS.extensionMaxDays}`}>
            <InputNumber precision={0} />
          </Form.Item>
          <Form.Item name="reason" label={m.actions.reason} required>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'suspend':
      return (
        <Form.Item name="reason" label={m.actions.reason} required>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'add_note':
      return (
        <Form.Item name="note" label={m.actions.note} required>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      );
    case 'rate':
      return (
        <>
          <Form.Item name="rating" label={m.actions.rating} required>
            <Radio.Group options={RATINGS.map((r) => ({ value: r, label: lbl(RATING_LABELS, r) }))} />
          </Form.Item>
          <Form.Item name="comment" label={m.actions.comment}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'request_review':
    case 'request_recheck':
      return (
        <Form.Item name="reason" label={m.actions.reason} required>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name="note" label={m.actions.note}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      );
  }
}

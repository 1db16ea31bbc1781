import { Form, Input, Select } from 'antd';
import { CARD_LEVEL_LABELS } from '../../../src/shared/case-labels.ts';
import { CARD_LEVELS } from '../../../src/shared/supervision.schema.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

export interface CardFieldValues {
  reason: string;
  demand: string;
  level: string;
  answerBy: string;
}

/** What every card says, on a matter or on a unit's set: reason, demand, level, answer-by date. */
export function CardFields() {
  const { m, lbl } = useWorkbenchI18n();
  return (
    <>
      <Form.Item
        name="reason"
        label={m.cards.reason}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="demand"
        label={m.cards.demand}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="level" label={m.cards.level} initialValue="normal">
        <Select options={CARD_LEVELS.map((l) => ({ value: l, label: lbl(CARD_LEVEL_LABELS, l) }))} />
      </Form.Item>
      <Form.Item
        name="answerBy"
        label={m.cards.answerBy}
        rules={[{ required: true, message: m.common.required }]}
      >
        <Input type="date" data-testid="card-answer-by" />
      </Form.Item>
    </>
  );
}

/** The card's fields as the API takes them (reason and demand trimmed). */
export const cardBody = (v: CardFieldValues) => ({
  reason: v.reason.trim(),
  demand: v.demand.trim(),
  level: v.level,
  answerBy: v.answerBy,
});

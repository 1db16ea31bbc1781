import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Input, Select, Tag } from 'antd';
import { useEffect } from 'react';
import type { WireOf } from '../../../src/shared/api.schema.ts';
import { CARD_LEVEL_LABELS } from '../../../src/shared/case-labels.ts';
import { STATE_LABELS } from '../../../src/shared/labels.ts';
import {
  CARD_LEVELS,
  UNIT_CARD_MATTERS_MAX,
  type UnitCardCandidatesSchema,
} from '../../../src/shared/supervision.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from '../leadership/CaseFormModal.tsx';
import { useCaseCommand } from '../leadership/useCaseCommand.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';

type Candidates = WireOf<typeof UnitCardCandidatesSchema>;
interface UnitCardForm {
  unitId: number;
  matterIds: number[];
  reason: string;
  demand: string;
  level: string;
  answerBy: string;
}

/** 对单位督办: one card to a unit for several of the matters it is handling (its overdue ones first). */
export function UnitCardDialog({ onClose }: { onClose: () => void }) {
  const { m, lbl } = useWorkbenchI18n();
  const send = useCaseCommand();
  return (
    <CaseFormModal<UnitCardForm>
      title={m.cards.unitCardTitle}
      open
      onClose={onClose}
      testId="unit-card-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: '/api/cards',
          body: {
            unitId: v.unitId,
            matterIds: v.matterIds,
            reason: v.reason.trim(),
            demand: v.demand.trim(),
            level: v.level,
            answerBy: v.answerBy,
          },
        })
      }
    >
      <Form.Item
        name="unitId"
        label={m.cards.unitToSupervise}
        rules={[{ required: true, message: m.common.required }]}
      >
        <UnitSelect />
      </Form.Item>
      <CandidateMatters />
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
    </CaseFormModal>
  );
}

/** The chosen unit's matters in hand, the overdue ones ticked when they arrive. */
function CandidateMatters() {
  const { m, lbl } = useWorkbenchI18n();
  const form = Form.useFormInstance<UnitCardForm>();
  const unitId = Form.useWatch('unitId', form);
  const { data } = useQuery({
    queryKey: keys.cardCandidates(unitId ?? 0),
    queryFn: () => api.get<Candidates>(`/api/units/${unitId}/card-candidates`),
    enabled: typeof unitId === 'number',
  });
  useEffect(() => {
    if (data)
      form.setFieldValue(
        'matterIds',
        data.items
          .filter((c) => c.overdue)
          .slice(0, UNIT_CARD_MATTERS_MAX)
          .map((c) => c.id),
      );
  }, [data, form]);
  if (typeof unitId !== 'number') return null;
  return (
    <Form.Item
      name="matterIds"
      label={m.cards.mattersField}
      extra={data?.truncated ? m.cards.candidatesTruncated : m.cards.mattersHint(UNIT_CARD_MATTERS_MAX)}
      rules={[{ required: true, type: 'array', min: 1, message: m.common.required }]}
    >
      {data && data.items.length === 0 ? (
        <p style={{ margin: 0 }}>{m.cards.noCandidates}</p>
      ) : (
        <Checkbox.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4, maxHeight: 240, overflowY: 'auto' }}
          data-testid="card-candidates"
          options={(data?.items ?? []).map((c) => ({
            value: c.id,
            label: (
              <span>
                {c.caseNumber} · {c.subject} <Tag>{lbl(STATE_LABELS, c.state)}</Tag>
                {c.dueDate && m.cards.dueOn(c.dueDate)}
                {c.overdue && (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    {m.cards.overdue}
                  </Tag>
                )}
              </span>
            ),
          }))}
        />
      )}
    </Form.Item>
  );
}

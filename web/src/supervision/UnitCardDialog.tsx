import { useQuery } from '@tanstack/react-query';
import { Checkbox, Form, Tag } from 'antd';
import { useEffect } from 'react';
import type { WireOf } from '../../../src/shared/api.schema.ts';
import { STATE_LABELS } from '../../../src/shared/labels.ts';
import {
  UNIT_CARD_MATTERS_MAX,
  type UnitCardCandidatesSchema,
} from '../../../src/shared/supervision.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from '../leadership/CaseFormModal.tsx';
import { useCaseCommand } from '../leadership/useCaseCommand.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { CardFields, cardBody, type CardFieldValues } from './CardFields.tsx';

type Candidates = WireOf<typeof UnitCardCandidatesSchema>;
interface UnitCardForm extends CardFieldValues {
  unitId: number;
  matterIds: number[];
}

/** 对单位督办: one card to a unit for several of the matters it is handling (its overdue ones first). */
export function UnitCardDialog({ onClose }: { onClose: () => void }) {
  const { m } = useWorkbenchI18n();
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
            ...cardBody(v),
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
      <CardFields />
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

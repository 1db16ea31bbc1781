import { Button, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import {
  FOLLOW_UP_COMMAND_LABELS,
  FOLLOW_UP_METHOD_LABELS,
  FOLLOW_UP_RESULT_LABELS,
  FOLLOW_UP_STATE_LABELS,
} from '../../../src/shared/case-labels.ts';
import type { FollowUpCommand, FollowUpSchema } from '../../../src/shared/follow-up.schema.ts';
import type { WireOf } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from '../leadership/CaseFormModal.tsx';
import { useCaseCommand } from '../leadership/useCaseCommand.ts';

export type FollowUp = WireOf<typeof FollowUpSchema>;

/** One follow-up: how, whether reached and solved, the petitioner's words, and what may be done now. */
export function FollowUpItem({ item: f }: { item: FollowUp }) {
  const { m, lang, lbl } = useWorkbenchI18n();
  const [action, setAction] = useState<FollowUpCommand | null>(null);
  const send = useCaseCommand(f.matterId);
  return (
    <div data-testid="follow-up" data-state={f.state} style={{ marginBottom: 12 }}>
      <Space wrap size={6}>
        <Tag color={f.state === 'flagged' ? 'red' : f.state === 'taken_up' ? 'blue' : 'green'}>
          {lbl(FOLLOW_UP_STATE_LABELS, f.state)}
        </Tag>
        <span>{lbl(FOLLOW_UP_METHOD_LABELS, f.method)}</span>
        <strong>{f.solved ? lbl(FOLLOW_UP_RESULT_LABELS, f.solved) : m.followUps.notReached}</strong>
      </Space>
      {f.opinion && <div className="ms-pre">{f.opinion}</div>}
      <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
        {f.recordedByName === null
          ? m.followUps.byPetitioner(fmtDateTime(f.recordedAt, lang))
          : m.followUps.by(f.recordedByName, f.unitName, fmtDateTime(f.recordedAt, lang))}
      </div>
      {f.allowedActions.length > 0 && (
        <Space wrap style={{ marginTop: 4 }}>
          {f.allowedActions.map((a) => (
            <Button key={a} size="small" onClick={() => setAction(a)} data-testid={`follow-up-${a}`}>
              {lbl(FOLLOW_UP_COMMAND_LABELS, a)}
            </Button>
          ))}
        </Space>
      )}
      {action && (
        <CaseFormModal<{ text: string }>
          title={lbl(FOLLOW_UP_COMMAND_LABELS, action)}
          open
          onClose={() => setAction(null)}
          testId="follow-up-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/follow-ups/${f.id}/${action === 'take_up' ? 'take-up' : 'comment'}`,
              body: action === 'take_up' ? { note: v.text.trim() } : { comment: v.text.trim() },
            })
          }
        >
          <Form.Item
            name="text"
            label={action === 'take_up' ? m.followUps.takeUpNote : m.cards.commentText}
            rules={[{ required: true, whitespace: true, message: m.common.required }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </CaseFormModal>
      )}
    </div>
  );
}

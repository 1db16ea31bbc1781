import { Link } from '@tanstack/react-router';
import { Button, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { INSTRUCTION_COMMAND_LABELS, INSTRUCTION_STATE_LABELS } from '../../../src/shared/case-labels.ts';
import type { InstructionCommand } from '../../../src/shared/leadership.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from './CaseFormModal.tsx';
import type { Instruction } from './types.ts';
import { useCaseCommand } from './useCaseCommand.ts';

const STATE_COLORS: Record<string, string> = {
  open: 'orange',
  answered: 'blue',
  closed: 'success',
  withdrawn: 'default',
};

/** What each action asks for: the field it sends and whether it must be filled. */
const FORMS: Record<InstructionCommand, { field: 'answer' | 'comment' | 'note'; required: boolean }> = {
  answer: { field: 'answer', required: true },
  comment: { field: 'comment', required: true },
  close: { field: 'note', required: false },
  withdraw: { field: 'note', required: false },
};

/** One instruction: the leader's words, each addressed unit's answer, and the actions allowed now. */
export function InstructionCard({
  instruction: i,
  showMatter,
}: {
  instruction: Instruction;
  showMatter?: boolean;
}) {
  const { m, lang, lbl } = useWorkbenchI18n();
  const [action, setAction] = useState<InstructionCommand | null>(null);
  const send = useCaseCommand(i.matterId);
  const fieldLabel = (f: 'answer' | 'comment' | 'note') =>
    f === 'answer'
      ? m.instructions.answerText
      : f === 'comment'
        ? m.instructions.commentText
        : m.instructions.note;
  return (
    <div
      data-testid="instruction"
      data-state={i.state}
      style={{ borderInlineStart: '3px solid #8c1b21', paddingInlineStart: 12, marginBottom: 16 }}
    >
      <Space wrap size={6}>
        <Tag color={STATE_COLORS[i.state]}>{lbl(INSTRUCTION_STATE_LABELS, i.state)}</Tag>
        {i.overdue && <Tag color="red">{m.instructions.overdue}</Tag>}
        {i.answerBy && <span>{m.inbox.dueDate(i.answerBy)}</span>}
        {showMatter && (
          <Link to="/matters/$id" params={{ id: String(i.matterId) }}>
            {i.caseNumber} · {i.subject}
          </Link>
        )}
      </Space>
      <div className="ms-pre" style={{ margin: '6px 0', fontSize: 15 }}>
        {i.body}
      </div>
      <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
        {m.instructions.byLeader(i.leaderName, i.leaderUnitName, fmtDateTime(i.issuedAt, lang))}
      </div>
      <ul style={{ margin: '8px 0', paddingInlineStart: 18 }}>
        {i.addressees.map((a) => (
          <li key={a.unitId} data-testid="instruction-addressee">
            <strong>{a.unitName}</strong>
            {a.overdue && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {m.instructions.overdue}
              </Tag>
            )}
            ：
            {a.answer ? (
              <>
                <span className="ms-pre">{a.answer}</span>
                <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
                  {' '}
                  （{m.instructions.answeredBy(a.answeredByName ?? '', fmtDateTime(a.answeredAt, lang))}）
                </span>
              </>
            ) : (
              <span style={{ color: 'rgba(0,0,0,0.65)' }}>{m.instructions.notAnswered}</span>
            )}
          </li>
        ))}
      </ul>
      {i.allowedActions.length > 0 && (
        <Space wrap>
          {i.allowedActions.map((a) => (
            <Button
              key={a}
              size="small"
              type={a === 'answer' ? 'primary' : 'default'}
              onClick={() => setAction(a)}
              data-testid={`instruction-${a}`}
            >
              {lbl(INSTRUCTION_COMMAND_LABELS, a)}
            </Button>
          ))}
        </Space>
      )}
      {action && (
        <CaseFormModal<Record<string, string>>
          title={lbl(INSTRUCTION_COMMAND_LABELS, action)}
          open
          onClose={() => setAction(null)}
          testId="instruction-dialog"
          onSubmit={(values) => {
            const v = values[FORMS[action].field]?.trim();
            return send.mutateAsync({
              path: `/api/instructions/${i.id}/${action}`,
              body: v ? { [FORMS[action].field]: v } : {},
            });
          }}
        >
          <Form.Item
            name={FORMS[action].field}
            label={fieldLabel(FORMS[action].field)}
            rules={
              FORMS[action].required ? [{ required: true, whitespace: true, message: m.common.required }] : []
            }
          >
            <Input.TextArea rows={4} maxLength={action === 'answer' ? 4000 : 2000} showCount />
          </Form.Item>
        </CaseFormModal>
      )}
    </div>
  );
}

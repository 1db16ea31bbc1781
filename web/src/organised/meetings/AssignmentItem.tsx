import { Link } from '@tanstack/react-router';
import { Button, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { ASSIGNMENT_COMMAND_LABELS, ASSIGNMENT_STATE_LABELS } from '../../../../src/shared/meeting.labels.ts';
import type { AssignmentCommand } from '../../../../src/shared/meeting.schema.ts';
import { DeadlineBadge } from '../../common/DeadlineBadge.tsx';
import { fmtDateTime } from '../../common/format.ts';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import type { Assignment } from './types.ts';
import { useMeetingCommand } from './useMeetingCommand.ts';

const STATE_COLORS: Record<string, string> = {
  assigned: 'orange',
  reported: 'processing',
  accepted: 'success',
  withdrawn: 'default',
};

/** One item a meeting handed down: the unit, the task, its deadline, the report, the actions allowed now. */
export function AssignmentItem({ a, showMeeting }: { a: Assignment; showMeeting?: boolean }) {
  const { m, lang, lbl } = useWorkI18n();
  const t = m.meetings;
  const [action, setAction] = useState<AssignmentCommand | null>(null);
  const send = useMeetingCommand();
  return (
    <div
      data-testid="assignment"
      data-state={a.state}
      style={{ borderInlineStart: '3px solid #1677ff', paddingInlineStart: 12, marginBottom: 16 }}
    >
      <Space wrap size={6}>
        <strong>{t.item(a.position)}</strong>
        <span>{a.unitName}</span>
        <Tag color={STATE_COLORS[a.state]}>{lbl(ASSIGNMENT_STATE_LABELS, a.state)}</Tag>
        {a.deadline && (
          <DeadlineBadge
            badge={a.deadline.badge}
            dueDate={a.deadline.dueDate}
            daysLeft={a.deadline.daysLeft}
          />
        )}
        {!a.deadline && <span>{m.common.labelled(t.dueDate, a.dueDate)}</span>}
        {a.returns > 0 && <span>{t.returns(a.returns)}</span>}
        {showMeeting && (
          <Link to="/work/meetings/$id" params={{ id: String(a.meetingId) }}>
            {a.meetingTitle}
          </Link>
        )}
        {a.matterId !== null && (
          <Link to="/matters/$id" params={{ id: String(a.matterId) }}>
            {a.caseNumber} · {a.subject}
          </Link>
        )}
      </Space>
      <div className="ms-pre" style={{ margin: '6px 0' }}>
        {m.common.labelled(t.task, a.task)}
      </div>
      {a.report && (
        <div className="ms-pre" data-testid="assignment-report">
          {m.common.labelled(t.report, a.report)}{' '}
          <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
            （{t.reportedBy(a.reportedByName ?? '', fmtDateTime(a.reportedAt, lang))}）
          </span>
        </div>
      )}
      {a.allowedActions.length > 0 && (
        <Space wrap style={{ marginTop: 6 }}>
          {a.allowedActions.map((c) => (
            <Button
              key={c}
              size="small"
              type={c === 'report' || c === 'accept' ? 'primary' : 'default'}
              onClick={() => setAction(c)}
              data-testid={`assignment-${c}`}
            >
              {lbl(ASSIGNMENT_COMMAND_LABELS, c)}
            </Button>
          ))}
        </Space>
      )}
      {action && (
        <CaseFormModal<Record<string, string>>
          title={lbl(ASSIGNMENT_COMMAND_LABELS, action)}
          open
          onClose={() => setAction(null)}
          testId="assignment-dialog"
          onSubmit={(v) => {
            const body = Object.fromEntries(
              Object.entries(v)
                .map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x])
                .filter(([, x]) => x !== '' && x !== undefined),
            );
            return send.mutateAsync({ path: `/api/meeting-assignments/${a.id}/${action}`, body });
          }}
        >
          {action === 'report' && (
            <Form.Item
              name="report"
              label={t.report}
              rules={[{ required: true, whitespace: true, message: m.common.required }]}
            >
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
          )}
          {(action === 'return' || action === 'withdraw') && (
            <Form.Item
              name="reason"
              label={t.reason}
              rules={[{ required: true, whitespace: true, message: m.common.required }]}
            >
              <Input.TextArea rows={3} maxLength={action === 'return' ? 2000 : 1000} />
            </Form.Item>
          )}
          {action === 'return' && (
            <Form.Item
              name="dueDate"
              label={t.newDueDate}
              rules={[{ required: true, message: m.common.required }]}
            >
              <Input type="date" />
            </Form.Item>
          )}
          {action === 'accept' && (
            <Form.Item name="note" label={t.note}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
          {action === 'comment' && (
            <Form.Item
              name="comment"
              label={t.comment}
              rules={[{ required: true, whitespace: true, message: m.common.required }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </CaseFormModal>
      )}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Button, Form, Input, InputNumber, Progress, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import {
  CARD_LEVEL_LABELS,
  CARD_STATE_LABELS,
  MEMBER_ROLE_LABELS,
  OWNERSHIP_COMMAND_LABELS,
  OWNERSHIP_OUTCOME_LABELS,
  OWNERSHIP_STATE_LABELS,
  STEP_STATUS_LABELS,
} from '../../../src/shared/case-labels.ts';
import { STEP_STATUSES, type OwnershipCommand } from '../../../src/shared/ownership.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { fmtDateTime } from '../common/format.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from './CaseFormModal.tsx';
import { cleanBody, MemberFields, StepFields, useOwnershipCandidates } from './ownershipForm.tsx';
import type { Card, Ownership } from './types.ts';
import { useCaseCommand } from './useCaseCommand.ts';

const OUTCOME_COLORS: Record<string, string> = {
  in_progress: 'orange',
  resolved: 'success',
  released: 'default',
};
const STEP_COLORS: Record<string, string> = {
  planned: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
};
/** Commands offered on the case as a whole; progress is reported on a step. */
const CASE_ACTIONS: OwnershipCommand[] = [
  'add_step',
  'add_member',
  'bind_card',
  'reply',
  'release',
  'comment',
];
const PATHS: Record<OwnershipCommand, string> = {
  add_step: 'add-step',
  report: 'report',
  add_member: 'add-member',
  bind_card: 'bind-card',
  reply: 'reply',
  release: 'release',
  comment: 'comment',
};

type Dialog = { command: OwnershipCommand; stepId?: number; stepTitle?: string };

/** One owned case: leader, problem and goal, team, the plan with its progress, card, reply, actions. */
export function OwnershipItem({ ownership: o, showMatter }: { ownership: Ownership; showMatter?: boolean }) {
  const { m, lang, lbl } = useWorkbenchI18n();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const send = useCaseCommand(o.matterId);
  const needsPeople = dialog?.command === 'add_step' || dialog?.command === 'add_member';
  const candidates = useOwnershipCandidates(o.matterId, o.leaderId, needsPeople);
  const cards = useQuery({
    queryKey: keys.matterCards(o.matterId),
    queryFn: () => api.get<{ items: Card[] }>(`/api/matters/${o.matterId}/cards`),
    enabled: dialog?.command === 'bind_card',
  }).data;
  const actions = CASE_ACTIONS.filter((a) => o.allowedActions.includes(a));
  // The commands that take one text.
  const textFields: Partial<Record<OwnershipCommand, { name: string; label: string; max: number }>> = {
    reply: { name: 'reply', label: m.ownership.writtenReply, max: 8000 },
    release: { name: 'reason', label: m.ownership.releaseReason, max: 1000 },
    comment: { name: 'comment', label: m.ownership.commentText, max: 2000 },
  };
  const textField = dialog ? textFields[dialog.command] : undefined;
  return (
    <div
      data-testid="ownership"
      data-state={o.state}
      style={{ borderInlineStart: '3px solid #722ed1', paddingInlineStart: 12, marginBottom: 16 }}
    >
      <Space wrap size={6}>
        <Tag color="purple">{lbl(OWNERSHIP_STATE_LABELS, o.state)}</Tag>
        <Tag color={OUTCOME_COLORS[o.outcome]} data-testid="ownership-outcome">
          {lbl(OWNERSHIP_OUTCOME_LABELS, o.outcome)}
        </Tag>
        {o.overdueSteps > 0 && <Tag color="red">{m.ownership.overdueSteps(o.overdueSteps)}</Tag>}
        {showMatter && (
          <Link to="/matters/$id" params={{ id: String(o.matterId) }}>
            {o.caseNumber} · {o.subject}
          </Link>
        )}
      </Space>
      <div style={{ margin: '6px 0' }}>
        <div>
          {m.ownership.byLeader(
            o.leaderName,
            o.leaderUnitName,
            o.openedByName,
            fmtDateTime(o.openedAt, lang),
          )}
        </div>
        <div className="ms-pre">{m.common.labelled(m.ownership.problemShown, o.problem)}</div>
        {o.goal && <div className="ms-pre">{m.common.labelled(m.ownership.goalShown, o.goal)}</div>}
        {o.members.length > 0 && (
          <div>
            {m.common.labelled(
              m.ownership.members,
              o.members
                .map((x) =>
                  m.common.labelled(
                    lbl(MEMBER_ROLE_LABELS, x.role),
                    x.userName ? m.ownership.personOf(x.userName, x.unitName) : x.unitName,
                  ),
                )
                .join(m.ownership.listSeparator),
            )}
          </div>
        )}
        {o.card && (
          <div>
            {m.ownership.cardLine(
              lbl(CARD_LEVEL_LABELS, o.card.level),
              lbl(CARD_STATE_LABELS, o.card.state),
              o.card.targetUnitName,
              o.card.answerBy,
            )}
          </div>
        )}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, maxWidth: 420 }}>
        <span style={{ whiteSpace: 'nowrap' }}>{m.ownership.progress}</span>
        <Progress
          percent={o.progress}
          size="small"
          aria-label={m.ownership.progress}
          data-testid="ownership-progress"
        />
      </div>
      {o.steps.length === 0 && (
        <p style={{ margin: '4px 0', color: 'rgba(0,0,0,0.65)' }}>{m.ownership.noSteps}</p>
      )}
      <ol style={{ margin: '6px 0', paddingInlineStart: 20 }}>
        {o.steps.map((s) => (
          <li key={s.id} data-testid="ownership-step" data-status={s.status} style={{ marginBottom: 6 }}>
            <Space wrap size={6}>
              <strong>{s.title}</strong>
              <Tag color={STEP_COLORS[s.status]}>{lbl(STEP_STATUS_LABELS, s.status)}</Tag>
              <span>{m.ownership.progressText(s.progress)}</span>
              <span>{m.ownership.personOf(s.ownerName, s.ownerUnitName)}</span>
              <span>{m.ownership.due(s.dueDate)}</span>
              {s.overdue && <Tag color="red">{m.cards.overdue}</Tag>}
              {s.canReport && (
                <Button
                  size="small"
                  onClick={() => setDialog({ command: 'report', stepId: s.id, stepTitle: s.title })}
                  data-testid="ownership-report"
                >
                  {lbl(OWNERSHIP_COMMAND_LABELS, 'report')}
                </Button>
              )}
            </Space>
            {s.lastReport && (
              <div className="ms-pre" style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
                {m.ownership.lastReport(fmtDateTime(s.lastReportedAt, lang), s.lastReport)}
              </div>
            )}
          </li>
        ))}
      </ol>
      {o.writtenReply && (
        <div className="ms-pre" data-testid="ownership-reply">
          {m.common.labelled(m.ownership.writtenReply, o.writtenReply)}
        </div>
      )}
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 6 }}>
          {actions.map((a) => (
            <Button
              key={a}
              size="small"
              type={a === 'reply' ? 'primary' : 'default'}
              onClick={() => setDialog({ command: a })}
              data-testid={`ownership-${a}`}
            >
              {lbl(OWNERSHIP_COMMAND_LABELS, a)}
            </Button>
          ))}
        </Space>
      )}
      {dialog && (
        <CaseFormModal<Record<string, unknown>>
          title={
            dialog.command === 'report'
              ? m.ownership.reportTitle(dialog.stepTitle ?? '')
              : lbl(OWNERSHIP_COMMAND_LABELS, dialog.command)
          }
          open
          onClose={() => setDialog(null)}
          testId="ownership-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/ownerships/${o.id}/${PATHS[dialog.command]}`,
              body: cleanBody(dialog.command === 'report' ? { ...v, stepId: dialog.stepId } : v),
            })
          }
        >
          {dialog.command === 'add_step' && <StepFields candidates={candidates} />}
          {dialog.command === 'add_member' && <MemberFields candidates={candidates} />}
          {dialog.command === 'bind_card' && (
            <Form.Item
              name="cardId"
              label={m.cards.title}
              rules={[{ required: true, message: m.common.required }]}
            >
              <Select
                // One problem, one card: a card on a unit's set of matters is not the case's own.
                options={(cards?.items ?? [])
                  .filter((c) => c.state !== 'withdrawn' && c.matterId !== null)
                  .map((c) => ({
                    value: c.id,
                    label: `${lbl(CARD_LEVEL_LABELS, c.level)} · ${c.targetUnitName} · ${c.answerBy}`,
                  }))}
              />
            </Form.Item>
          )}
          {dialog.command === 'report' && (
            <>
              <Form.Item name="status" label={m.ownership.stepStatus} initialValue="in_progress">
                <Select
                  options={STEP_STATUSES.filter((s) => s !== 'planned').map((s) => ({
                    value: s,
                    label: lbl(STEP_STATUS_LABELS, s),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="progress"
                label={m.ownership.stepProgress}
                initialValue={50}
                rules={[{ required: true, message: m.common.required }]}
              >
                <InputNumber min={0} max={100} step={10} />
              </Form.Item>
              <Form.Item
                name="note"
                label={m.ownership.reportNote}
                rules={[{ required: true, whitespace: true, message: m.common.required }]}
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {textField && (
            <Form.Item
              name={textField.name}
              label={textField.label}
              rules={[{ required: true, whitespace: true, message: m.common.required }]}
            >
              <Input.TextArea rows={textField.max > 2000 ? 6 : 3} maxLength={textField.max} />
            </Form.Item>
          )}
        </CaseFormModal>
      )}
    </div>
  );
}

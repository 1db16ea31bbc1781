import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import {
  CARD_COMMAND_LABELS,
  CARD_LEVEL_LABELS,
  CARD_STATE_LABELS,
} from '../../../src/shared/case-labels.ts';
import type { CardCommand } from '../../../src/shared/supervision.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from '../leadership/CaseFormModal.tsx';
import type { Card } from '../leadership/types.ts';
import { useCaseCommand } from '../leadership/useCaseCommand.ts';
import type { WireOf } from '../../../src/shared/api.schema.ts';
import type { CardAttachmentsSchema } from '../../../src/shared/supervision.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';

type CardFiles = WireOf<typeof CardAttachmentsSchema>;

export const LEVEL_COLORS: Record<string, string> = { normal: 'blue', yellow: 'gold', red: 'red' };
const STATE_COLORS: Record<string, string> = {
  issued: 'orange',
  answered: 'processing',
  accepted: 'success',
  withdrawn: 'default',
};

/** One card: level, reason and demand, the unit's answer, and the actions allowed now. */
export function CardItem({ card: c, showMatter }: { card: Card; showMatter?: boolean }) {
  const { m, lang, lbl } = useWorkbenchI18n();
  const [action, setAction] = useState<CardCommand | null>(null);
  const send = useCaseCommand(c.matterId ?? undefined);
  // The files of the card's matters, offered as evidence when answering (not fetched until then).
  const files =
    useQuery({
      queryKey: keys.cardAttachments(c.id),
      queryFn: () => api.get<CardFiles>(`/api/cards/${c.id}/attachments`).then((r) => r.items),
      enabled: action === 'answer',
    }).data ?? [];
  const onSet = c.matterId === null;
  const borders: Record<string, string> = { normal: '#1677ff', yellow: '#faad14', red: '#cf1322' };
  return (
    <div
      data-testid="card"
      data-state={c.state}
      data-level={c.level}
      style={{ borderInlineStart: `3px solid ${borders[c.level]}`, paddingInlineStart: 12, marginBottom: 16 }}
    >
      <Space wrap size={6}>
        <Tag color={LEVEL_COLORS[c.level]}>{lbl(CARD_LEVEL_LABELS, c.level)}</Tag>
        <Tag color={STATE_COLORS[c.state]}>{lbl(CARD_STATE_LABELS, c.state)}</Tag>
        {c.overdue && <Tag color="red">{m.cards.overdue}</Tag>}
        <span>{m.inbox.dueDate(c.answerBy)}</span>
        {c.escalations > 0 && <span>{m.cards.escalations(c.escalations)}</span>}
        {showMatter && !onSet && (
          <Link to="/matters/$id" params={{ id: String(c.matterId) }}>
            {c.caseNumber} · {c.subject}
          </Link>
        )}
        {onSet && (
          <Link to="/cards/$id" params={{ id: String(c.id) }} data-testid="unit-card-link">
            {m.cards.setOf(c.matters.length)}
          </Link>
        )}
      </Space>
      {onSet && (
        <ul style={{ margin: '6px 0', paddingInlineStart: 20 }} data-testid="card-matters">
          {c.matters.map((x) => (
            <li key={x.id}>
              <Link to="/matters/$id" params={{ id: String(x.id) }}>
                {x.caseNumber} · {x.subject}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div style={{ margin: '6px 0' }}>
        <div className="ms-pre">{m.common.labelled(m.cards.reason, c.reason)}</div>
        <div className="ms-pre">{m.common.labelled(m.cards.demand, c.demand)}</div>
        <div>{m.cards.to(c.targetUnitName)}</div>
      </div>
      <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
        {m.cards.issuedBy(c.issuedByName, c.issuerUnitName, fmtDateTime(c.issuedAt, lang))}
      </div>
      {c.answer && (
        <div className="ms-pre" style={{ margin: '6px 0' }} data-testid="card-answer">
          {m.common.labelled(m.cards.answerText, c.answer)}{' '}
          <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
            （{m.cards.answeredBy(c.answeredByName ?? '', fmtDateTime(c.answeredAt, lang))}）
          </span>
          {c.answerAttachments.length > 0 && (
            <div data-testid="card-evidence">
              {m.common.labelled(m.cards.evidence, '')}
              {c.answerAttachments.map((f) => (
                <a
                  key={f.id}
                  href={`/api/matters/${f.matterId}/attachments/${f.id}`}
                  download={f.filename}
                  style={{ marginInlineEnd: 8 }}
                >
                  {f.filename}
                </a>
              ))}
            </div>
          )}
        </div>
      )}
      {c.allowedActions.length > 0 && (
        <Space wrap style={{ marginTop: 6 }}>
          {c.allowedActions.map((a) => (
            <Button
              key={a}
              size="small"
              type={a === 'answer' || a === 'accept' ? 'primary' : 'default'}
              onClick={() => setAction(a)}
              data-testid={`card-${a}`}
            >
              {lbl(CARD_COMMAND_LABELS, a)}
            </Button>
          ))}
        </Space>
      )}
      {action && (
        <CaseFormModal<Record<string, string>>
          title={lbl(CARD_COMMAND_LABELS, action)}
          open
          onClose={() => setAction(null)}
          testId="card-dialog"
          onSubmit={(v) => {
            const body = Object.fromEntries(
              Object.entries(v)
                .map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x])
                .filter(([, x]) => x !== '' && x !== undefined),
            );
            return send.mutateAsync({ path: `/api/cards/${c.id}/${action}`, body });
          }}
        >
          {action === 'answer' && (
            <Form.Item
              name="answer"
              label={m.cards.answerText}
              rules={[{ required: true, whitespace: true, message: m.common.required }]}
            >
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
          )}
          {action === 'answer' && (
            <Form.Item name="attachmentIds" label={m.cards.evidenceField} extra={m.cards.evidenceHint}>
              <Select
                mode="multiple"
                maxCount={10}
                options={files.map((f) => ({
                  value: f.id,
                  label: onSet ? `${f.caseNumber} · ${f.filename}` : f.filename,
                }))}
              />
            </Form.Item>
          )}
          {action === 'return' && (
            <>
              <Form.Item
                name="reason"
                label={m.cards.returnReason}
                rules={[{ required: true, whitespace: true, message: m.common.required }]}
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item
                name="answerBy"
                label={m.cards.newAnswerBy}
                rules={[{ required: true, message: m.common.required }]}
              >
                <Input type="date" />
              </Form.Item>
            </>
          )}
          {action === 'comment' && (
            <Form.Item
              name="comment"
              label={m.cards.commentText}
              rules={[{ required: true, whitespace: true, message: m.common.required }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {(action === 'accept' || action === 'withdraw') && (
            <Form.Item name="note" label={m.cards.note}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </CaseFormModal>
      )}
    </div>
  );
}

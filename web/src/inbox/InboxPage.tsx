import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Space, Tag } from 'antd';
import { useState } from 'react';
import type { WireOf } from '../../../src/shared/api.schema.ts';
import {
  CARD_LEVEL_LABELS,
  CASE_TYPE_LABELS,
  NOTIFICATION_KIND_LABELS,
} from '../../../src/shared/case-labels.ts';
import type { InboxPageSchema } from '../../../src/shared/inbox.schema.ts';
import { DEADLINE_KIND_LABELS } from '../../../src/shared/labels.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { errorText } from '../common/errors.ts';
import { fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

const PAGE_SIZE = 20;

type Page = WireOf<typeof InboxPageSchema>;
type Notice = Page['items'][number];

/** The notice's facts in words: which time limit, until when, what the instruction says. */
function details(
  n: Notice,
  m: ReturnType<typeof useWorkbenchI18n>['m'],
  lbl: ReturnType<typeof useWorkbenchI18n>['lbl'],
): string[] {
  const p = n.payload;
  const out: string[] = [];
  if (typeof p.deadlineKind === 'string') out.push(lbl(DEADLINE_KIND_LABELS, p.deadlineKind));
  if (typeof p.level === 'string') out.push(lbl(CARD_LEVEL_LABELS, p.level));
  if (typeof p.dueDate === 'string') out.push(m.inbox.dueDate(p.dueDate));
  if (typeof p.answerBy === 'string') out.push(m.inbox.dueDate(p.answerBy));
  if (typeof p.unitName === 'string') out.push(p.unitName);
  if (typeof p.excerpt === 'string') out.push(`“${p.excerpt}”`);
  if (typeof p.remaining === 'number') out.push(m.inbox.remaining(p.remaining));
  return out;
}

/** Every notice of the signed-in user, newest first; opening one marks it read. */
export function InboxPage() {
  const { m, lang, lbl } = useWorkbenchI18n();
  const qc = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const query = { unread: unreadOnly ? 'true' : undefined, page, pageSize: PAGE_SIZE };
  const { data, error } = useQuery({
    queryKey: keys.inboxPage(query),
    queryFn: () => api.get<Page>('/api/inbox', query),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: keys.inbox });
  const read = useMutation({
    mutationFn: (id: number) => api.post(`/api/inbox/${id}/read`),
    onSuccess: refresh,
  });
  const readAll = useMutation({ mutationFn: () => api.post('/api/inbox/read-all'), onSuccess: refresh });
  return (
    <Panel
      title={<span data-testid="inbox-title">{m.inbox.title}</span>}
      extra={
        <Space>
          <Checkbox
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setPage(1);
            }}
          >
            {m.inbox.unreadOnly}
          </Checkbox>
          <Button
            size="small"
            onClick={() => readAll.mutate()}
            disabled={!data?.unread}
            data-testid="inbox-read-all"
          >
            {m.inbox.markAllRead}
          </Button>
        </Space>
      }
    >
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {/* Plain markup rather than antd's List: its pagination brings Select into a new chunk
          combination, and the re-split chunks the portal shares would push its first load over budget. */}
      {data && data.items.length === 0 && <p style={{ margin: 0 }}>{m.inbox.empty}</p>}
      <ul data-testid="inbox-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {(data?.items ?? []).map((n) => (
          <li
            key={n.id}
            data-testid="inbox-item"
            data-kind={n.kind}
            data-read={n.readAt ? 'true' : 'false'}
            style={{
              background: n.readAt ? undefined : '#fff7e6',
              padding: '10px 8px',
              borderBottom: '1px solid #f0f0f0',
              display: 'flex',
              gap: 12,
              alignItems: 'flex-start',
            }}
          >
            <div style={{ flex: 1, minWidth: 0 }}>
              <Space wrap size={6}>
                {!n.readAt && <Tag color="orange">{m.inbox.unread}</Tag>}
                <strong>{lbl(NOTIFICATION_KIND_LABELS, n.kind)}</strong>
                {n.caseType && <Tag>{lbl(CASE_TYPE_LABELS, n.caseType)}</Tag>}
                {n.matterId !== null && (
                  <Link
                    to="/matters/$id"
                    params={{ id: String(n.matterId) }}
                    onClick={() => {
                      if (!n.readAt) read.mutate(n.id);
                    }}
                  >
                    {n.caseNumber} · {n.subject}
                  </Link>
                )}
                {typeof n.payload.meetingId === 'number' && (
                  <Link
                    to="/work/meetings/$id"
                    params={{ id: String(n.payload.meetingId) }}
                    onClick={() => {
                      if (!n.readAt) read.mutate(n.id);
                    }}
                    data-testid="inbox-meeting-link"
                  >
                    {lbl(CASE_TYPE_LABELS, 'meeting')}
                  </Link>
                )}
                {n.caseId !== null && n.caseType && (
                  <WorkLink
                    caseType={n.caseType}
                    caseId={n.caseId}
                    onOpen={() => {
                      if (!n.readAt) read.mutate(n.id);
                    }}
                  />
                )}
                {n.matterId === null && n.caseType === 'supervision_card' && n.caseId !== null && (
                  <Link
                    to="/cards/$id"
                    params={{ id: String(n.caseId) }}
                    onClick={() => {
                      if (!n.readAt) read.mutate(n.id);
                    }}
                  >
                    {typeof n.payload.matters === 'number'
                      ? m.cards.setOf(n.payload.matters)
                      : m.cards.cardPage}
                  </Link>
                )}
              </Space>
              <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13, marginTop: 4 }}>
                {[fmtDateTime(n.createdAt, lang), ...details(n, m, lbl)].join(' · ')}
              </div>
            </div>
            {!n.readAt && (
              <Button size="small" type="link" onClick={() => read.mutate(n.id)}>
                {m.inbox.markRead}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {(data?.total ?? 0) > PAGE_SIZE && (
        <Space style={{ marginTop: 12 }}>
          <Button size="small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {m.inbox.previous}
          </Button>
          <span>{m.inbox.page(page, Math.ceil((data?.total ?? 0) / PAGE_SIZE))}</span>
          <Button
            size="small"
            disabled={page * PAGE_SIZE >= (data?.total ?? 0)}
            onClick={() => setPage(page + 1)}
          >
            {m.inbox.next}
          </Button>
        </Space>
      )}
    </Panel>
  );
}

/**
 * Where a notice about organised work (issue 14) leads: the campaign, letter or record itself, the
 * reception page for sessions and requests (meetings and their assignments link by `meetingId`).
 */
function WorkLink({ caseType, caseId, onOpen }: { caseType: string; caseId: number; onOpen: () => void }) {
  const { lbl } = useWorkbenchI18n();
  const id = String(caseId);
  const text = lbl(CASE_TYPE_LABELS, caseType);
  const common = { onClick: onOpen, 'data-testid': 'inbox-work-link' };
  switch (caseType) {
    case 'reception_session':
    case 'appointment_request':
      return (
        <Link to="/work/reception" {...common}>
          {text}
        </Link>
      );
    case 'campaign':
      return (
        <Link to="/work/campaigns/$id" params={{ id }} {...common}>
          {text}
        </Link>
      );
    case 'responsibility_letter':
      return (
        <Link to="/work/letters/$id" params={{ id }} {...common}>
          {text}
        </Link>
      );
    case 'accountability':
      return (
        <Link to="/work/accountability/$id" params={{ id }} {...common}>
          {text}
        </Link>
      );
    default:
      return null;
  }
}

import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Space, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import type { CardList } from '../leadership/types.ts';
import { CardItem } from './CardItem.tsx';
import { UnitCardDialog } from './UnitCardDialog.tsx';
import { FollowUpItem, type FollowUp } from './FollowUpItem.tsx';

/**
 * The supervisor's workbench: the cards their unit issued by state and level (escalated ones
 * first), a link to the scope's overdue matters; for a unit, the cards it must answer.
 */
export function SupervisionPage() {
  const { m, lang } = useWorkbenchI18n();
  const { hasRole } = useSession();
  const [view, setView] = useState<'issued' | 'toMyUnit'>(hasRole('supervisor') ? 'issued' : 'toMyUnit');
  const [escalated, setEscalated] = useState(false);
  const [unitCard, setUnitCard] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: keys.cardList(`${view}:${escalated}`),
    queryFn: () => api.get<CardList>('/api/cards', { view, ...(escalated ? { escalated: 'true' } : {}) }),
  });
  const rank = { red: 0, yellow: 1, normal: 2 } as const;
  const items = [...(data?.items ?? [])].sort(
    (a, b) =>
      Number(b.state === 'issued') - Number(a.state === 'issued') ||
      rank[a.level] - rank[b.level] ||
      b.id - a.id,
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 style={{ fontSize: 22, margin: 0 }}>{m.cards.workbench}</h1>
      <Space wrap data-testid="card-view">
        {hasRole('supervisor') && (
          <Button type={view === 'issued' ? 'primary' : 'default'} onClick={() => setView('issued')}>
            {m.cards.issuedTitle}
          </Button>
        )}
        <Button type={view === 'toMyUnit' ? 'primary' : 'default'} onClick={() => setView('toMyUnit')}>
          {m.cards.toUnitTitle}
        </Button>
        <Checkbox
          checked={escalated}
          onChange={(e) => setEscalated(e.target.checked)}
          data-testid="escalated-only"
        >
          {m.cards.escalatedOnly}
        </Checkbox>
        {hasRole('supervisor') && (
          <Link to="/queue" search={{ deadline: 'overdue' }}>
            {m.cards.overdueMatters}
          </Link>
        )}
        {hasRole('supervisor') && (
          <Button onClick={() => setUnitCard(true)} data-testid="issue-unit-card">
            {m.cards.unitCard}
          </Button>
        )}
      </Space>
      {unitCard && <UnitCardDialog onClose={() => setUnitCard(false)} />}
      <Panel
        title={view === 'issued' ? m.cards.issuedTitle : m.cards.toUnitTitle}
        extra={
          data && (
            <span data-testid="card-counts">
              {m.cards.counts(
                data.counts.issued,
                data.counts.answered,
                data.counts.overdue,
                data.counts.yellow,
                data.counts.red,
              )}
            </span>
          )
        }
      >
        {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
        {isPending && <Spin />}
        {data?.items.length === 0 && <p style={{ margin: 0 }}>{m.cards.empty}</p>}
        {items.map((c) => (
          <CardItem key={c.id} card={c} showMatter />
        ))}
      </Panel>
      {hasRole('supervisor') && <UnsolvedFollowUps />}
    </Space>
  );
}

/** Follow-ups of the supervisor's scope that found the problem not solved, until taken up. */
function UnsolvedFollowUps() {
  const { m } = useWorkbenchI18n();
  const items =
    useQuery({
      queryKey: keys.unsolvedFollowUps,
      queryFn: () => api.get<{ items: FollowUp[] }>('/api/follow-ups/unsolved').then((r) => r.items),
    }).data ?? [];
  return (
    <Panel title={m.followUps.unsolvedTitle} testId="unsolved-follow-ups">
      {items.length === 0 && <p style={{ margin: 0 }}>{m.followUps.noneUnsolved}</p>}
      {items.map((f) => (
        <div key={f.id}>
          <Link to="/matters/$id" params={{ id: String(f.matterId) }}>
            {f.caseNumber} · {f.subject}
          </Link>
          <FollowUpItem item={f} />
        </div>
      ))}
    </Panel>
  );
}

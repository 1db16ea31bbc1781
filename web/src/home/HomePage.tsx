import { Alert, Button, Col, Row, Spin, Statistic } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { MATTER_STATES } from '../../../src/shared/enums.ts';
import { STATE_LABELS } from '../../../src/shared/labels.ts';
import { api } from '../api/client.ts';
import type { Page, QueueItem } from '../../../src/shared/api.schema.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { navigate } from '../common/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { StatsChart } from './StatsChart.tsx';

const BADGES = ['overdue', 'warning', 'on_time'] as const;
const BADGE_COLOR = { overdue: '#c62828', warning: '#b26a00', on_time: '#2e7d32' };

interface Counts {
  total: number;
  byState: Record<string, number>;
  byBadge: Record<string, number>;
}

/** Counts from the queue endpoint's totals (pageSize 1 per filter): modest, and always in scope. */
async function loadCounts(): Promise<Counts> {
  const total = (q: Record<string, string>) =>
    api.get<Page<QueueItem>>('/api/matters', { ...q, pageSize: 1 }).then((r) => r.total);
  const [all, states, badges] = await Promise.all([
    total({}),
    Promise.all(MATTER_STATES.map((s) => total({ state: s }))),
    Promise.all(BADGES.map((b) => total({ deadline: b }))),
  ]);
  return {
    total: all,
    byState: Object.fromEntries(MATTER_STATES.map((s, i) => [s, states[i] ?? 0])),
    byBadge: Object.fromEntries(BADGES.map((b, i) => [b, badges[i] ?? 0])),
  };
}

export function HomePage() {
  const { m, lang, lbl } = useI18n();
  const { user, hasRole } = useSession();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canQueue = hasRole('registrar', 'officer', 'unit_head', 'leader', 'supervisor', 'analyst');

  useEffect(() => {
    if (!canQueue) return;
    loadCounts()
      .then(setCounts)
      .catch((e: unknown) => setError(errorText(e, lang, m)));
  }, [canQueue]);

  const stateRows = useMemo(
    () =>
      counts
        ? MATTER_STATES.filter((s) => (counts.byState[s] ?? 0) > 0).map((s) => ({
            label: lbl(STATE_LABELS, s),
            value: counts.byState[s] ?? 0,
          }))
        : [],
    [counts, lbl],
  );
  const badgeLabel = { overdue: m.home.overdue, warning: m.home.warning, on_time: m.home.onTime };
  const badgeRows = useMemo(
    () =>
      counts
        ? BADGES.map((b) => ({ label: badgeLabel[b], value: counts.byBadge[b] ?? 0, color: BADGE_COLOR[b] }))
        : [],
    [counts, lang],
  );

  return (
    <div>
      <h1 style={{ fontSize: 22 }}>{m.auth.welcome(user?.displayName ?? '')}</h1>
      {error && <Alert role="alert" type="error" showIcon title={error} />}
      {canQueue && !counts && !error && <Spin />}
      {counts && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Panel>
                <Statistic title={m.home.visibleTotal} value={counts.total} />
              </Panel>
            </Col>
            {BADGES.map((b) => (
              <Col xs={12} md={6} key={b}>
                <Panel>
                  <Statistic
                    title={badgeLabel[b]}
                    value={counts.byBadge[b] ?? 0}
                    styles={{ content: { color: BADGE_COLOR[b] } }}
                  />
                </Panel>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Panel title={m.home.byState}>
                <StatsChart title={m.home.byState} rows={stateRows} />
              </Panel>
            </Col>
            <Col xs={24} lg={10}>
              <Panel title={m.home.byDeadline}>
                <StatsChart title={m.home.byDeadline} rows={badgeRows} />
              </Panel>
            </Col>
          </Row>
          <Button type="primary" style={{ marginTop: 16 }} onClick={() => navigate('/queue')}>
            {m.home.openQueue}
          </Button>
        </>
      )}
    </div>
  );
}

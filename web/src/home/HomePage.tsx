import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Col, Row, Spin, Statistic } from 'antd';
import { useMemo } from 'react';
import { MATTER_STATES } from '../../../src/shared/enums.ts';
import { STATE_LABELS } from '../../../src/shared/labels.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import type { DashboardSummary } from '../../../src/shared/api.schema.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { STATS_READER_ROLES } from '../../../src/shared/stats-roles.ts';
import { KeyIndicators } from './KeyIndicators.tsx';
import { StatsChart } from './StatsChart.tsx';

const BADGES = ['overdue', 'warning', 'on_time'] as const;
const BADGE_COLOR = { overdue: '#c62828', warning: '#b26a00', on_time: '#2e7d32' };

export function HomePage() {
  const { m, lang, lbl } = useI18n();
  const { user, hasRole } = useSession();
  const navigate = useNavigate();
  const canQueue = hasRole('registrar', 'officer', 'unit_head', 'leader', 'supervisor', 'analyst');
  const canStats = hasRole(...STATS_READER_ROLES);
  // One request: exact counts of the matters in the user's scope.
  const { data: counts, error: loadError } = useQuery({
    queryKey: keys.dashboard,
    queryFn: () => api.get<DashboardSummary>('/api/dashboard/summary'),
    enabled: canQueue,
  });
  const error = loadError ? errorText(loadError, lang, m) : null;

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
  const badgeLabel = useMemo(
    () => ({ overdue: m.home.overdue, warning: m.home.warning, on_time: m.home.onTime }),
    [m],
  );
  const badgeRows = useMemo(
    () =>
      counts
        ? BADGES.map((b) => ({ label: badgeLabel[b], value: counts.byBadge[b], color: BADGE_COLOR[b] }))
        : [],
    [counts, badgeLabel],
  );

  return (
    <div>
      <h1 style={{ fontSize: 22 }}>{m.auth.welcome(user?.displayName ?? '')}</h1>
      {canStats && <KeyIndicators />}
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
          <Button type="primary" style={{ marginTop: 16 }} onClick={() => void navigate({ to: '/queue' })}>
            {m.home.openQueue}
          </Button>
        </>
      )}
    </div>
  );
}

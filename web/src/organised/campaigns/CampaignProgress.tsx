import { Progress, Space, Tag } from 'antd';
import { CAMPAIGN_OUTCOME_LABELS } from '../../../../src/shared/campaign-labels.ts';
import { useWorkI18n } from '../i18n.ts';
import type { Campaign } from './types.ts';

const pct = (share: number | null) => Math.round((share ?? 0) * 1000) / 10;

/** The resolved share against the target as a bar, with the target named and whether it is reached. */
export function ProgressBar({ progress }: { progress: Campaign['progress'] }) {
  const { m } = useWorkI18n();
  const c = m.campaign;
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      <Progress
        percent={pct(progress.share)}
        success={{ percent: Math.min(pct(progress.share), progress.targetPercent) }}
        status={progress.reached ? 'success' : 'active'}
        aria-label={c.progress}
      />
      <span data-testid="campaign-progress-text">
        {c.progressOf(progress.resolved, progress.total)} · {c.targetOf(progress.targetPercent)} ·{' '}
        <Tag color={progress.reached ? 'green' : 'orange'}>{progress.reached ? c.reached : c.notReached}</Tag>
      </span>
    </Space>
  );
}

/** Progress by the unit leading each matter, and how many matters ended in each outcome. */
export function ProgressBreakdown({ progress }: { progress: Campaign['progress'] }) {
  const { m, lbl } = useWorkI18n();
  const c = m.campaign;
  return (
    <div style={{ display: 'flex', gap: 32, flexWrap: 'wrap' }}>
      <div style={{ flex: '1 1 320px' }} data-testid="progress-by-unit">
        <h3 style={{ fontSize: 15 }}>{c.byUnit}</h3>
        {progress.byUnit.map((u) => (
          <div key={u.unitId ?? 0}>
            <span>
              {u.unitName ?? '—'} · {c.progressOf(u.resolved, u.total)}
            </span>
            <Progress percent={pct(u.share)} size="small" />
          </div>
        ))}
      </div>
      <div style={{ flex: '1 1 260px' }} data-testid="progress-by-outcome">
        <h3 style={{ fontSize: 15 }}>{c.byOutcome}</h3>
        {progress.byOutcome.map((o) => (
          <div key={o.outcome} style={{ display: 'flex', justifyContent: 'space-between' }}>
            <span>{lbl(CAMPAIGN_OUTCOME_LABELS, o.outcome)}</span>
            <strong>{o.count}</strong>
          </div>
        ))}
        <p style={{ color: '#666', fontSize: 12 }}>{c.countsNote}</p>
      </div>
    </div>
  );
}

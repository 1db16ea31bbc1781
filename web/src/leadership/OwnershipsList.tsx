import { useQuery } from '@tanstack/react-query';
import { Alert, Spin } from 'antd';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { OwnershipItem } from './OwnershipItem.tsx';
import type { OwnershipList } from './types.ts';

export type OwnershipView = 'mine' | 'team' | 'opened';

/**
 * A leader's owned cases with their progress and overdue steps, and the resolution rate read from
 * the matters; or the cases the user works on, or those their unit set up.
 */
export function OwnershipsList({ view, overdue }: { view: OwnershipView; overdue: boolean }) {
  const { m, lang } = useWorkbenchI18n();
  const { data, error, isPending } = useQuery({
    queryKey: keys.ownershipList(`${view}:${overdue}`),
    queryFn: () =>
      api.get<OwnershipList>('/api/ownerships', { view, ...(overdue ? { overdue: 'true' } : {}) }),
  });
  const rate =
    data?.summary.resolutionRate == null
      ? '—'
      : `${(data.summary.resolutionRate * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {
          maximumFractionDigits: 1,
        })}%`;
  return (
    <Panel
      title={m.ownership[view]}
      extra={
        data && (
          <span data-testid="ownership-summary" title={m.ownership.rateNote}>
            {m.ownership.summary(data.summary.owned, data.summary.resolved, rate, data.summary.overdueSteps)}
          </span>
        )
      }
    >
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {isPending && <Spin />}
      {data?.items.length === 0 && <p style={{ margin: 0 }}>{m.ownership.empty}</p>}
      {data && data.items.length > 0 && (
        <p style={{ marginTop: 0, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>{m.ownership.rateNote}</p>
      )}
      {data?.items.map((o) => (
        <OwnershipItem key={o.id} ownership={o} showMatter />
      ))}
    </Panel>
  );
}

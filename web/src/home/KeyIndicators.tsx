import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert } from 'antd';
import type { Indicator, IndicatorSet } from '../../../src/shared/stats.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useCanOpenQueue } from '../analytics/can-open-queue.ts';
import { IndicatorCards } from '../analytics/IndicatorCards.tsx';
import { chinaToday, namedPeriod } from '../analytics/stats-search.ts';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

/** The figures a leader looks at first: acceptance and completion on time, satisfaction, overdue now. */
const KEY: readonly Indicator[] = ['on_time_acceptance', 'on_time_completion', 'satisfaction', 'overdue_now'];

/** This year's key indicators (to date) of the user's own region, each figure a link, the page a link to /stats. */
export function KeyIndicators() {
  const { m, lang } = useWorkbenchI18n();
  const today = chinaToday();
  const period = namedPeriod('year', today, today);
  const linkable = useCanOpenQueue();
  const { data, error } = useQuery({
    queryKey: keys.stats('indicators', { ...period }),
    queryFn: () => api.get<IndicatorSet>('/api/stats/indicators', period),
  });
  return (
    <Panel
      title={m.stats.homeTitle(Number(today.slice(0, 4)))}
      extra={<Link to="/stats">{m.stats.openStats}</Link>}
      style={{ marginBottom: 16 }}
      testId="key-indicators"
    >
      {error ? (
        <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />
      ) : data ? (
        <IndicatorCards set={data} only={KEY} compact linkable={linkable} />
      ) : (
        m.app.loading
      )}
    </Panel>
  );
}

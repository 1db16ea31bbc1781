import { Alert } from 'antd';
import {
  LIVE_INDICATORS,
  INDICATOR_DEFINITIONS,
  INDICATOR_ITEMS,
} from '../../../src/shared/stats-definitions.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { DRILL_DOWN_CLEARED, type QueueQuery } from './queue-search.ts';

/**
 * Says which figure the queue is listing the matters of (a drill-down from the statistics), with
 * the figure's definition; closing it drops the drill-down and keeps the other filters.
 */
export function DrillDownBanner({
  query,
  update,
}: {
  query: QueueQuery;
  update: (p: Partial<QueueQuery>) => void;
}) {
  const { m, lang } = useWorkbenchI18n();
  if (!query.indicator) return null;
  const def = INDICATOR_DEFINITIONS[query.indicator];
  const name = def.label[lang];
  const items = INDICATOR_ITEMS[query.indicator];
  const title = LIVE_INDICATORS.includes(query.indicator)
    ? m.queue.drillDownLive(name)
    : m.queue.drillDown(
        name,
        query.part === 'denominator' ? m.queue.denominator : m.queue.numerator,
        query.from ?? '',
        query.to ?? '',
      );
  return (
    <Alert
      type="info"
      showIcon
      title={title}
      description={
        <>
          <div>{def.definition[lang]}</div>
          {items && <div data-testid="drill-down-items">{m.drillDownItems[items]}</div>}
        </>
      }
      closable={{ onClose: () => update(DRILL_DOWN_CLEARED) }}
      style={{ marginBottom: 12 }}
      data-testid="drill-down-banner"
    />
  );
}

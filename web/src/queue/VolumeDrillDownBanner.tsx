import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { UNIT_LEVEL_LABELS } from '../../../src/shared/labels.ts';
import type { Unit } from '../../../src/shared/api.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useCategoryName } from '../common/categories.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { VOLUME_DRILL_DOWN_CLEARED, type QueueQuery } from './queue-search.ts';

/**
 * Says which cell of a volume table the queue lists the matters of: the days they were received and
 * the filters the queue's own controls do not show (level lodged, lead unit, category subtree,
 * collective visits). Closing it drops them and keeps the other filters.
 */
export function VolumeDrillDownBanner({
  query,
  update,
}: {
  query: QueueQuery;
  update: (p: Partial<QueueQuery>) => void;
}) {
  const { m, lang, lbl } = useI18n();
  const categoryName = useCategoryName();
  const leadUnit = query.leadUnit;
  const units = useQuery({
    queryKey: keys.units,
    queryFn: () => api.get<{ items: Unit[] }>('/api/units').then((r) => r.items),
    enabled: leadUnit !== undefined && leadUnit !== 'none',
  }).data;
  const active = Object.keys(VOLUME_DRILL_DOWN_CLEARED).some(
    (k) => query[k as keyof QueueQuery] !== undefined,
  );
  if (!active) return null;
  const parts: string[] = [];
  if (query.lodgedLevel)
    parts.push(m.common.labelled(m.queue.lodgedLevel, lbl(UNIT_LEVEL_LABELS, query.lodgedLevel)));
  if (leadUnit)
    parts.push(
      m.common.labelled(
        m.queue.leadUnit,
        leadUnit === 'none'
          ? m.queue.unassigned
          : (units?.find((u) => String(u.id) === leadUnit)?.name ?? leadUnit),
      ),
    );
  if (query.category)
    parts.push(
      m.common.labelled(
        m.queue.category,
        query.category === 'uncategorised'
          ? m.queue.uncategorised
          : (categoryName(query.category, lang) ?? query.category),
      ),
    );
  if (query.collective === 'true') parts.push(m.queue.collectiveOnly);
  if (query.regionExact) parts.push(m.queue.regionExact);
  const title =
    query.receivedFrom || query.receivedTo
      ? m.queue.receivedBetween(query.receivedFrom ?? '…', query.receivedTo ?? '…')
      : m.queue.volumeDrillDown;
  return (
    <Alert
      type="info"
      showIcon
      title={title}
      description={parts.length > 0 ? m.common.clauses(parts) : undefined}
      closable={{ onClose: () => update(VOLUME_DRILL_DOWN_CLEARED) }}
      style={{ marginBottom: 12 }}
      data-testid="volume-drill-down-banner"
    />
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import type { Page, QueueItem } from '../../../src/shared/api.schema.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ExportLinks } from '../common/ExportLinks.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';
import { DrillDownBanner } from './DrillDownBanner.tsx';
import { VolumeDrillDownBanner } from './VolumeDrillDownBanner.tsx';
import { useQueueQuery } from './useQueueQuery.ts';

export function QueuePage() {
  const { m } = useI18n();
  const [query, update] = useQueueQuery();
  // The previous page stays on screen while the next filters load; the key keeps answers apart.
  const { data, isFetching, error } = useQuery({
    queryKey: keys.queue({ ...query }),
    queryFn: () => api.get<Page<QueueItem>>('/api/matters', { ...query }),
    placeholderData: keepPreviousData,
  });

  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const exportParams = filters as Record<string, string | number | undefined>;

  return (
    <div>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 12,
          flexWrap: 'wrap',
        }}
      >
        <h1 style={{ fontSize: 22 }}>{m.queue.title}</h1>
        {/* Every matter of the current filters, whatever the page: streamed by the server. */}
        <ExportLinks path="/api/matters/export" params={exportParams} name="queue" />
      </div>
      <DrillDownBanner query={query} update={update} />
      <VolumeDrillDownBanner query={query} update={update} />
      <QueueFilters query={query} update={update} />
      <ErrorAlert error={error} />
      <QueueTable data={data ?? null} loading={isFetching} query={query} update={update} />
    </div>
  );
}

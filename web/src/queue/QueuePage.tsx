import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Page, QueueItem } from '../../../src/shared/api.schema.ts';
import { errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';
import { useQueueQuery } from './useQueueQuery.ts';

export function QueuePage() {
  const { m, lang } = useI18n();
  const [query, update] = useQueueQuery();
  const [data, setData] = useState<Page<QueueItem> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<Page<QueueItem>>('/api/matters', { ...query })
      .then((r) => {
        if (!live) return;
        setData(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <div>
      <h1 style={{ fontSize: 22 }}>{m.queue.title}</h1>
      <QueueFilters query={query} update={update} />
      {error !== null && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={errorText(error, lang, m)}
          style={{ marginBottom: 12 }}
        />
      )}
      <QueueTable data={data} loading={loading} query={query} update={update} />
    </div>
  );
}

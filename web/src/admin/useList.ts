import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';

/** Loads `{ items }` from an endpoint; reload after a change. */
export function useList<T>(endpoint: string | null, query?: Record<string, string | undefined>) {
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const q = JSON.stringify(query ?? {});
  const reload = useCallback(async () => {
    if (!endpoint) return;
    setLoading(true);
    try {
      setItems((await api.get<{ items: T[] }>(endpoint, JSON.parse(q) as Record<string, string>)).items);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [endpoint, q]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, loading, error, reload };
}

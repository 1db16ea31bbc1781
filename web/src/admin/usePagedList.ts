import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';

export const ADMIN_PAGE_SIZE = 20;

/** Loads one page of `{ items, total }` from an endpoint, with a search box's text; reload after a change. */
export function usePagedList<T>(endpoint: string) {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.get<{ items: T[]; total: number }>(endpoint, {
        page: String(page),
        pageSize: String(ADMIN_PAGE_SIZE),
        ...(q ? { q } : {}),
      });
      setItems(r.items);
      setTotal(r.total);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [endpoint, page, q]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const search = (text: string) => {
    setQ(text.trim());
    setPage(1);
  };
  return { items, total, page, setPage, search, loading, error, reload };
}

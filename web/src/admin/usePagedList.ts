import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { invalidateAdminLists } from './useList.ts';

export const ADMIN_PAGE_SIZE = 20;

/** One page of `{ items, total }` from an endpoint, with a search box's text; reload after a change. */
export function usePagedList<T>(endpoint: string) {
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const r = useQuery({
    queryKey: keys.paged(endpoint, page, q),
    queryFn: () =>
      api.get<{ items: T[]; total: number }>(endpoint, {
        page: String(page),
        pageSize: String(ADMIN_PAGE_SIZE),
        ...(q ? { q } : {}),
      }),
    placeholderData: keepPreviousData,
  });
  const search = (text: string) => {
    setQ(text.trim());
    setPage(1);
  };
  const reload = () => invalidateAdminLists(qc);
  return {
    items: r.data?.items ?? [],
    total: r.data?.total ?? 0,
    page,
    setPage,
    search,
    loading: r.isFetching,
    error: r.error,
    reload,
  };
}

import { navigate, useLocation } from '../common/router.tsx';

export interface QueueQuery {
  mine: 'all' | 'unit';
  state?: string;
  channel?: string;
  purpose?: string;
  categoryCode?: string;
  regionCode?: string;
  deadline?: string;
  q?: string;
  sort: 'registered_at' | 'due_at' | 'case_number';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const KEYS = ['state', 'channel', 'purpose', 'categoryCode', 'regionCode', 'deadline', 'q'] as const;

/** The queue's filters live in the address, so back, reload and shared links keep them. */
export function useQueueQuery(): [QueueQuery, (patch: Partial<QueueQuery>) => void] {
  const { search } = useLocation();
  const sort = search.get('sort');
  const query: QueueQuery = {
    mine: search.get('mine') === 'unit' ? 'unit' : 'all',
    sort: sort === 'due_at' || sort === 'case_number' ? sort : 'registered_at',
    order: search.get('order') === 'asc' ? 'asc' : 'desc',
    page: Math.max(1, Number(search.get('page')) || 1),
    pageSize: Math.min(100, Math.max(1, Number(search.get('pageSize')) || 20)),
  };
  for (const k of KEYS) {
    const v = search.get(k);
    if (v) query[k] = v;
  }
  const update = (patch: Partial<QueueQuery>) => {
    const next = { ...query, ...patch };
    // A new filter starts again at page 1.
    if (!('page' in patch)) next.page = 1;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && v !== '' && v !== null) params.set(k, String(v));
    navigate(`/queue?${params.toString()}`, { replace: true });
  };
  return [query, update];
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';

/** `{ items }` from an endpoint, cached by endpoint and query; reload after a change. */
export function useList<T>(endpoint: string | null, query?: Record<string, string | undefined>) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: keys.list(endpoint ?? '', query),
    queryFn: () => api.get<{ items: T[] }>(endpoint!, query).then((r) => r.items),
    enabled: endpoint !== null,
  });
  // A change makes every cached query of the endpoint stale (another parent's regions, too).
  const reload = () =>
    endpoint ? qc.invalidateQueries({ queryKey: keys.listsOf(endpoint) }) : Promise.resolve();
  return { items: q.data ?? [], loading: q.isFetching, error: q.error, reload };
}

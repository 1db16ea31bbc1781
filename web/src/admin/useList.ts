import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
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
  // A change may show in any list (a renamed unit, another parent's regions): all are refetched.
  const reload = () => invalidateAdminLists(qc);
  return { items: q.data ?? [], loading: q.isFetching, error: q.error, reload };
}

export function invalidateAdminLists(qc: QueryClient): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.allLists }),
    qc.invalidateQueries({ queryKey: keys.allPaged }),
  ]).then(() => undefined);
}

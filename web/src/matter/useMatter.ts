import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';

const valid = (id: number) => Number.isInteger(id) && id > 0;

/** One matter with its timeline, deadlines and allowed actions (one answer, one cache entry). */
export function useMatter(id: number) {
  const q = useQuery({
    queryKey: keys.matter(id),
    queryFn: () => api.get<MatterDetail>(`/api/matters/${id}`),
    enabled: valid(id),
  });
  // A matter outside the user's scope answers 404 like one that does not exist.
  const notFound =
    !valid(id) || (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400));
  return {
    matter: q.data ?? null,
    error: notFound ? null : q.error,
    notFound,
    reload: () => q.refetch(),
  };
}

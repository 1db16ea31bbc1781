import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';

/** What every tab of the statistics page asks with: the period, the region and its own choices. */
export type Params = Record<string, string | number | undefined>;

/** One statistics answer through the query cache; the previous answer stays while the next loads. */
export function useStats<T>(kind: string, path: string, params: Params, enabled = true) {
  return useQuery({
    queryKey: keys.stats(kind, params),
    queryFn: () => api.get<T>(path, params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

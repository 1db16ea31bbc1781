import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { nextQueueSearch, queueQueryOf, rememberQueueSearch, type QueueQuery } from './queue-search.ts';

export type { QueueQuery } from './queue-search.ts';

/** The queue's filters live in the address (typed search parameters), so back, reload and links keep them. */
export function useQueueQuery(): [QueueQuery, (patch: Partial<QueueQuery>) => void] {
  const search = useSearch({ from: '/queue' });
  const navigate = useNavigate({ from: '/queue' });
  useEffect(() => rememberQueueSearch(search), [search]);
  const update = (patch: Partial<QueueQuery>) => {
    void navigate({ search: (prev) => nextQueueSearch(prev, patch), replace: true });
  };
  return [queueQueryOf(search), update];
}

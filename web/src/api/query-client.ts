/**
 * The query cache: one per app. Reads are retried only when a retry can help (the network or the
 * server failed); a 4xx is an answer, not a failure, and commands are never repeated behind the
 * user's back (the idempotency key makes a registration safe to resend, but the user decides).
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

const MAX_RETRIES = 2;

/** Whether a failed read is worth another try: network errors (status 0) and 5xx only. */
export function shouldRetryRead(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetryRead,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
        // Workbench data changes under other users' hands: fresh for half a minute, then refetched
        // when the page is revisited. Commands invalidate what they change at once.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

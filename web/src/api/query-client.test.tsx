import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { keys } from './keys.ts';
import { createQueryClient, shouldRetryRead } from './query-client.ts';

describe('retries', () => {
  it('retries a read after a network error or a 5xx, at most twice', () => {
    expect(shouldRetryRead(0, new ApiError(0, 'network', '', ''))).toBe(true);
    expect(shouldRetryRead(1, new ApiError(503, 'internal', '', ''))).toBe(true);
    expect(shouldRetryRead(2, new ApiError(500, 'internal', '', ''))).toBe(false);
  });

  it('never retries a 4xx answer or an error that is not the API’s', () => {
    for (const status of [400, 401, 403, 404, 409, 429])
      expect(shouldRetryRead(0, new ApiError(status, 'x', '', '')), String(status)).toBe(false);
    expect(shouldRetryRead(0, new TypeError('bug'))).toBe(false);
  });

  it('never retries a command', () => {
    expect(createQueryClient().getDefaultOptions().mutations?.retry).toBe(false);
  });
});

describe('stale answers', () => {
  it('a slow answer for old filters never replaces the answer for the filters now shown', async () => {
    const client = createQueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const pending: Record<string, (v: string) => void> = {};
    const { result, rerender } = renderHook(
      ({ state }: { state: string }) =>
        useQuery({
          queryKey: keys.queue({ state }),
          queryFn: () => new Promise<string>((resolve) => (pending[state] = resolve)),
        }),
      { wrapper, initialProps: { state: 'registered' } },
    );
    await waitFor(() => expect(pending.registered).toBeDefined());
    // The user changes the filter before the first answer has come.
    rerender({ state: 'accepted' });
    await waitFor(() => expect(pending.accepted).toBeDefined());
    act(() => pending.accepted!('accepted matters'));
    await waitFor(() => expect(result.current.data).toBe('accepted matters'));
    // The first request answers late: it lands under its own key, not on the page.
    await act(async () => {
      pending.registered!('registered matters');
      await Promise.resolve();
    });
    expect(result.current.data).toBe('accepted matters');
    expect(client.getQueryData(keys.queue({ state: 'registered' }))).toBe('registered matters');
  });
});

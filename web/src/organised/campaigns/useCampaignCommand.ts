import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { campaignKeys } from './types.ts';

/** Sends a campaign command; afterwards the backlog, the campaigns and the inbox are stale. */
export function useCampaignCommand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<{ id: number; state: string; version: number }>(path, body),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: campaignKeys.all }),
        qc.invalidateQueries({ queryKey: keys.inbox }),
      ]),
  });
}

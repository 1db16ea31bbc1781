import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';

/**
 * Sends a command to a case of the workflow kernel (an instruction …); afterwards the case lists,
 * the matter it is on (its timeline), the inbox and the dashboard are out of date.
 */
export function useCaseCommand(matterId?: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post(path, body),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.instructions }),
        qc.invalidateQueries({ queryKey: keys.cards }),
        qc.invalidateQueries({ queryKey: keys.followUps }),
        qc.invalidateQueries({ queryKey: keys.ownerships }),
        qc.invalidateQueries({ queryKey: keys.inbox }),
        ...(matterId ? [qc.invalidateQueries({ queryKey: keys.matter(matterId) })] : []),
      ]),
  });
}

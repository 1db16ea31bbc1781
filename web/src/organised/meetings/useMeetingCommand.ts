import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { meetingKeys } from './types.ts';

/** Sends a command to a meeting or an assignment; afterwards the meeting pages and the inbox are stale. */
export function useMeetingCommand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post(path, body),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: meetingKeys.all }),
        qc.invalidateQueries({ queryKey: keys.inbox }),
      ]),
  });
}

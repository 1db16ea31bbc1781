import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { invalidateAfterMatterCommand } from '../api/invalidate.ts';

/** Sends one lifecycle command; on success the matter, the lists and the dashboard are refetched. */
export function useMatterCommand(matterId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ endpoint, body }: { endpoint: string; body: unknown }) =>
      api.post(`/api/matters/${matterId}/${endpoint}`, body),
    onSuccess: () => invalidateAfterMatterCommand(qc, matterId),
  });
}

/** Uploads files to a matter one by one; the matter is refetched after the last. */
export function useMatterUpload(matterId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload(`/api/matters/${matterId}/attachments`, file),
    onSettled: () => invalidateAfterMatterCommand(qc, matterId),
  });
}

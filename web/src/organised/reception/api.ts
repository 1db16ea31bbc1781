import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WireOf } from '../../../../src/shared/api.schema.ts';
import type {
  LeaderOptionsSchema,
  ReceptionFiguresSchema,
  SessionDetailSchema,
  SessionListSchema,
  StaffRequestListSchema,
} from '../../../../src/shared/reception.schema.ts';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';

export type SessionList = WireOf<typeof SessionListSchema>;
export type Session = SessionList['items'][number];
export type SessionDetail = WireOf<typeof SessionDetailSchema>;
export type RequestList = WireOf<typeof StaffRequestListSchema>;
export type StaffRequest = RequestList['items'][number];
export type Figures = WireOf<typeof ReceptionFiguresSchema>;
export type Leaders = WireOf<typeof LeaderOptionsSchema>;

/** Every query of the page lives under this key, so one command refreshes them all. */
export const receptionKey = ['reception'] as const;

/** Sends a command of the page; afterwards its lists and the inbox are out of date. */
export function useReceptionCommand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post(path, body),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: receptionKey }),
        qc.invalidateQueries({ queryKey: keys.inbox }),
      ]),
  });
}

/** A datetime-local value (Beijing wall clock) as an instant with its offset. */
export const beijing = (local: string) => `${local.length === 16 ? `${local}:00` : local}+08:00`;

import type { QueryClient } from '@tanstack/react-query';
import { keys } from './keys.ts';

/**
 * After a command on a matter: the matter (its timeline, deadlines and allowed actions come in the
 * same answer), every list of matters and the dashboard's figures are out of date.
 */
export function invalidateAfterMatterCommand(qc: QueryClient, matterId: number): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.matter(matterId) }),
    qc.invalidateQueries({ queryKey: keys.matterLists }),
    qc.invalidateQueries({ queryKey: keys.dashboard }),
  ]).then(() => undefined);
}

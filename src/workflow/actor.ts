import type { Actor } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';

/** Who runs a command: a signed-in staff member, a petitioner through the portal, or the system (the scanner). */
export type CaseActor = { kind: 'staff'; user: StaffUser } | { kind: 'petitioner' } | { kind: 'system' };

export const toEventActor = (actor: CaseActor): Actor =>
  actor.kind === 'staff'
    ? { kind: 'staff', userId: actor.user.id, unitId: actor.user.unit.id }
    : { kind: actor.kind, userId: null, unitId: null };

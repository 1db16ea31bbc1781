import type { Role, UnitLevel } from '../shared/enums.ts';

/** A signed-in staff member with what permission checks need to know about their unit. */
export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unit: { id: number; name: string; kind: string; level: UnitLevel; regionCode: string };
}

export const hasRole = (user: StaffUser, ...roles: Role[]) => roles.some((r) => user.roles.includes(r));

import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import type { Role, UnitLevel } from '../shared/enums.ts';
import type { Command } from './state-machine.ts';
import { accessRule, holds, type MatterAccessFacts } from './access-rule.ts';

const LEVEL_RANK: Record<UnitLevel, number> = {
  grid: 0,
  village: 1,
  township: 2,
  county: 3,
  city: 4,
  province: 5,
  national: 6,
};

export const isHigherLevel = (a: UnitLevel, b: UnitLevel) => LEVEL_RANK[a] > LEVEL_RANK[b];

const GOVERNMENTS = ['township_government', 'county_government', 'city_government'];

/**
 * 条例 §35–36: review is decided by the body above the one that answered — a higher level, or the
 * people's government of the same level above one of its departments (区政府 over 区住建局).
 */
export function isSuperiorBody(
  reviewer: { level: UnitLevel; kind: string },
  answered: { level: UnitLevel; kind: string },
): boolean {
  if (isHigherLevel(reviewer.level, answered.level)) return true;
  return (
    reviewer.level === answered.level &&
    GOVERNMENTS.includes(reviewer.kind) &&
    !GOVERNMENTS.includes(answered.kind)
  );
}

/**
 * Data scope (the rule itself is `accessRule` in access-rule.ts, shared with the SQL of every list):
 * region scope for petition bureaus and people's governments, own matters for everyone else, and a
 * report of misconduct only for its registering unit and the units it is routed to.
 */
export function canSeeMatter(user: StaffUser, m: MatterAccessFacts): boolean {
  return holds(accessRule(user), m);
}

const DECIDERS: Role[] = ['registrar', 'unit_head', 'leader'];

/** Who may run which command on a visible matter: one table of rules, checked before any change. */
export function canRunCommand(user: StaffUser, command: Command, m: MatterAccessFacts): boolean {
  if (!canSeeMatter(user, m)) return false;
  const ownUnit = user.unit.id;
  const isDecidingUnit =
    m.registeringUnitId === ownUnit ||
    (user.unit.kind === 'petition_bureau' && m.regionCode.startsWith(user.unit.regionCode));
  switch (command) {
    case 'accept':
    case 'forward':
    case 'hand_down':
    case 'not_accept':
    case 'merge':
      return isDecidingUnit && hasRole(user, ...DECIDERS);
    case 'sign_for':
    case 'object':
      return m.leadUnitId === ownUnit && hasRole(user, 'officer', 'unit_head');
    case 'extend':
    case 'suspend':
    case 'resume':
    case 'reply':
      return m.leadUnitId === ownUnit && hasRole(user, 'unit_head');
    case 'add_note':
      return !hasRole(user, 'analyst') || user.roles.length > 1;
    case 'rate':
    case 'request_review':
    case 'request_recheck':
      // Recorded on the petitioner's behalf when it arrives by letter or at the desk.
      return isDecidingUnit && hasRole(user, 'registrar');
    case 'decide_review':
      return (
        hasRole(user, 'unit_head', 'leader') &&
        ownUnit !== m.leadUnitId &&
        m.leadUnitLevel !== null &&
        isSuperiorBody(user.unit, { level: m.leadUnitLevel, kind: m.leadUnitKind ?? 'other' }) &&
        m.regionCode.startsWith(user.unit.regionCode)
      );
    case 'decide_recheck':
      return (
        hasRole(user, 'unit_head', 'leader') &&
        m.reviewUnitLevel !== null &&
        isSuperiorBody(user.unit, { level: m.reviewUnitLevel, kind: m.reviewUnitKind ?? 'other' }) &&
        m.regionCode.startsWith(user.unit.regionCode)
      );
    case 'close':
      return (isDecidingUnit || m.leadUnitId === ownUnit) && hasRole(user, 'registrar', 'unit_head');
    case 'conclude':
      return hasRole(user, 'unit_head', 'leader') && m.recheckUnitId === ownUnit;
    case 'identify_reported_unit':
      // The registrar of the deciding bureau confirms whom a report of misconduct is about.
      return m.isMisconductReport && isDecidingUnit && hasRole(user, 'registrar');
  }
}

/** Petitioner-side commands through the portal, authenticated by case number + query code. */
export const PETITIONER_COMMANDS: readonly Command[] = ['rate', 'request_review', 'request_recheck'];

/** Roles that may see unmasked ID and phone numbers (each view is logged). */
export const UNMASK_ROLES: readonly Role[] = ['registrar', 'officer', 'unit_head', 'leader'];

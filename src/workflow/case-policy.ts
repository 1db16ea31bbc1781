import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { accessRule, holds, type MatterAccessFacts } from '../lifecycle/access-rule.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type { InstructionCommand } from '../shared/leadership.schema.ts';
import type { CardCommand } from '../shared/supervision.schema.ts';
import type { FollowUpCommand } from '../shared/follow-up.schema.ts';
import type { OwnershipCommand } from '../shared/ownership.schema.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';

/**
 * Who may do what to the cases of the workflow kernel: one table of rules per case type, beside the
 * matter's (lifecycle/policy.ts), and always inside the matter's data scope — a case on a matter is
 * invisible to whoever may not see the matter, which keeps a misconduct report, and every
 * instruction or card on it, away from the unit it reports.
 */

/** What the rules need to know about an instruction. */
export interface InstructionFacts {
  matter: MatterAccessFacts;
  issuedBy: number;
  issuerUnitId: number;
  addressees: readonly { unitId: number; answered: boolean }[];
}

/** Whether a unit (any of its users) could see the matter under the one access rule. */
export function unitMaySeeMatter(unit: StaffUser['unit'], m: MatterAccessFacts): boolean {
  return holds(accessRule({ id: 0, username: '', displayName: '', roles: [], unit }), m);
}

/** 阅批 is a leader's act, on a matter of their scope. */
export const canIssueInstruction = (user: StaffUser, m: MatterAccessFacts): boolean =>
  hasRole(user, 'leader') && canSeeMatter(user, m);

export const canSeeInstruction = (user: StaffUser, i: InstructionFacts): boolean =>
  canSeeMatter(user, i.matter);

export function canRunInstruction(
  user: StaffUser,
  command: InstructionCommand,
  i: InstructionFacts,
): boolean {
  if (!canSeeInstruction(user, i)) return false;
  const addressed = i.addressees.find((a) => a.unitId === user.unit.id);
  const issuerSide = hasRole(user, 'leader') && (i.issuedBy === user.id || i.issuerUnitId === user.unit.id);
  switch (command) {
    case 'answer':
      // An addressed unit answers through its officers, its head or its own leader (once: a second
      // answer is refused by the command with its own message, see instructionAnswerPending).
      return addressed !== undefined && hasRole(user, 'officer', 'unit_head', 'leader');
    case 'close':
    case 'withdraw':
      return issuerSide;
    case 'comment':
      return issuerSide || (addressed !== undefined && hasRole(user, 'officer', 'unit_head', 'leader'));
  }
}

/** Whether the user's unit still owes an answer: the answer action is offered only then. */
export const instructionAnswerPending = (user: StaffUser, i: InstructionFacts): boolean =>
  i.addressees.some((a) => a.unitId === user.unit.id && !a.answered);

/** What the rules need to know about a supervision card. */
export interface CardFacts {
  /** The card's matter, or each matter of the unit's set it was issued on. */
  matters: readonly MatterAccessFacts[];
  issuerUnitId: number;
  targetUnitId: number;
  answered: boolean;
}

/**
 * 督查督办 is a supervisor's act, from a unit that answers for the matter's region (a petition
 * bureau or a people's government), on a matter of that region.
 */
export const canIssueCard = (user: StaffUser, m: MatterAccessFacts): boolean =>
  hasRole(user, 'supervisor') &&
  hasRegionScope(user.unit) &&
  canSeeMatter(user, m) &&
  m.regionCode.startsWith(user.unit.regionCode);

/**
 * A card is seen by whoever may see each of its matters: a card on a unit's set never shows one
 * matter (a misconduct report, say) to someone the access rule keeps it from.
 */
export const canSeeCard = (user: StaffUser, c: CardFacts): boolean =>
  c.matters.length > 0 && c.matters.every((m) => canSeeMatter(user, m));

export function canRunCard(user: StaffUser, command: CardCommand, c: CardFacts): boolean {
  if (!canSeeCard(user, c)) return false;
  const issuerSide = hasRole(user, 'supervisor') && user.unit.id === c.issuerUnitId;
  const targetSide = user.unit.id === c.targetUnitId && hasRole(user, 'officer', 'unit_head', 'leader');
  switch (command) {
    case 'answer':
      return targetSide;
    case 'accept':
    case 'return':
    case 'withdraw':
      return issuerSide;
    case 'comment':
      return issuerSide || targetSide;
    case 'escalate':
      // Only the deadline scanner escalates, when the card's time has run out.
      return false;
  }
}

/**
 * 回访 after a reply: recorded by the unit that handled the matter (its officers and head) or by
 * the petition bureau of the matter's region.
 */
export function canRecordFollowUp(user: StaffUser, m: MatterAccessFacts): boolean {
  if (!canSeeMatter(user, m)) return false;
  const handler = m.leadUnitId === user.unit.id && hasRole(user, 'officer', 'unit_head');
  const bureau =
    user.unit.kind === 'petition_bureau' &&
    m.regionCode.startsWith(user.unit.regionCode) &&
    hasRole(user, 'registrar', 'officer', 'unit_head', 'supervisor');
  return handler || bureau;
}

export interface FollowUpFacts {
  matter: MatterAccessFacts;
  recorderUnitId: number;
}

export function canRunFollowUp(user: StaffUser, command: FollowUpCommand, f: FollowUpFacts): boolean {
  if (!canSeeMatter(user, f.matter)) return false;
  const supervisor =
    hasRole(user, 'supervisor') &&
    hasRegionScope(user.unit) &&
    f.matter.regionCode.startsWith(user.unit.regionCode);
  switch (command) {
    case 'take_up':
      // A problem the petitioner says is not solved is the supervisors' to follow up.
      return supervisor;
    case 'comment':
      return supervisor || (user.unit.id === f.recorderUnitId && !hasRole(user, 'analyst'));
  }
}

/** What the rules need to know about an owned case (包案). */
export interface OwnershipFacts {
  matter: MatterAccessFacts;
  leaderId: number;
  /** The region the lead leader answers for: the team and the plan's owners come from within it. */
  leaderRegionCode: string;
  openerUnitId: number;
  memberUserIds: readonly number[];
  memberUnitIds: readonly number[];
  stepOwnerIds: readonly number[];
}

const covers = (unit: StaffUser['unit'], m: MatterAccessFacts) =>
  hasRegionScope(unit) && m.regionCode.startsWith(unit.regionCode);

/** A leader of a unit answering for the matter's region (a people's government or a bureau). */
export const mayLeadOwnership = (user: StaffUser, m: MatterAccessFacts): boolean =>
  hasRole(user, 'leader') && covers(user.unit, m) && canSeeMatter(user, m);

/**
 * 包案 is taken by a leader of the matter's region, or opened by the petition bureau of that region
 * (its head or supervisors) on a named leader's behalf.
 */
export const canOwnMatter = (user: StaffUser, m: MatterAccessFacts): boolean =>
  mayLeadOwnership(user, m) ||
  (user.unit.kind === 'petition_bureau' &&
    hasRole(user, 'supervisor', 'unit_head') &&
    covers(user.unit, m) &&
    canSeeMatter(user, m));

/**
 * Who may be on the team or own a step: a person of a unit within the lead leader's region who can
 * read the matter (so a report of misconduct is never planned through the unit it reports), and who
 * works cases (not an analyst or administrator only).
 */
export const mayTakePartInOwnership = (person: StaffUser, leaderRegionCode: string, m: MatterAccessFacts) =>
  person.unit.regionCode.startsWith(leaderRegionCode) &&
  hasRole(person, 'registrar', 'officer', 'unit_head', 'leader', 'supervisor') &&
  canSeeMatter(person, m);

/** A unit as a whole on the team: within the leader's region and able to read the matter. */
export const unitMayJoinOwnership = (
  unit: StaffUser['unit'],
  leaderRegionCode: string,
  m: MatterAccessFacts,
) => unit.regionCode.startsWith(leaderRegionCode) && unitMaySeeMatter(unit, m);

/** The lead leader, or the head and supervisors of the unit that opened the case for them. */
const ownerSide = (user: StaffUser, o: OwnershipFacts) =>
  user.id === o.leaderId || (user.unit.id === o.openerUnitId && hasRole(user, 'supervisor', 'unit_head'));

/** A step's progress is reported by its owner or by the owner side. */
export const canReportOnStep = (user: StaffUser, o: OwnershipFacts, stepOwnerId: number): boolean =>
  canSeeMatter(user, o.matter) && (ownerSide(user, o) || user.id === stepOwnerId);

export function canRunOwnership(user: StaffUser, command: OwnershipCommand, o: OwnershipFacts): boolean {
  if (!canSeeMatter(user, o.matter)) return false;
  switch (command) {
    case 'add_step':
    case 'add_member':
    case 'bind_card':
    case 'reply':
    case 'release':
      return ownerSide(user, o);
    case 'report':
      return ownerSide(user, o) || o.stepOwnerIds.includes(user.id);
    case 'comment':
      return (
        ownerSide(user, o) ||
        o.memberUserIds.includes(user.id) ||
        o.stepOwnerIds.includes(user.id) ||
        (o.memberUnitIds.includes(user.unit.id) && hasRole(user, 'officer', 'unit_head', 'leader'))
      );
  }
}

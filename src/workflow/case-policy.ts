import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { accessRule, holds, type MatterAccessFacts } from '../lifecycle/access-rule.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type { InstructionCommand } from '../shared/leadership.schema.ts';
import type { CardCommand } from '../shared/supervision.schema.ts';
import type { FollowUpCommand } from '../shared/follow-up.schema.ts';
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
  matter: MatterAccessFacts;
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

export const canSeeCard = (user: StaffUser, c: CardFacts): boolean => canSeeMatter(user, c.matter);

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

import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { accessRule, holds, type MatterAccessFacts } from '../lifecycle/access-rule.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type { InstructionCommand } from '../shared/leadership.schema.ts';
import type { CardCommand } from '../shared/supervision.schema.ts';
import type { FollowUpCommand } from '../shared/follow-up.schema.ts';
import type { OwnershipCommand } from '../shared/ownership.schema.ts';
import type { AssignmentCommand, MeetingCommand } from '../shared/meeting.schema.ts';
import type { RequestCommand, SessionCommand } from '../shared/reception.schema.ts';
import type { CampaignCommand } from '../shared/campaign.schema.ts';
import type { AccountabilityCommand, LetterCommand } from '../shared/assessment.schema.ts';
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

// — issue 14 · backlog and campaigns: the rules of a campaign (积案专项治理) —

/** A campaign's matter as its rules see it: its access facts and its owner. */
export interface CampaignMatterFacts {
  matter: MatterAccessFacts;
  ownerId: number | null;
}

/** What the rules need to know about a campaign. */
export interface CampaignFacts {
  regionCode: string;
  matters: readonly CampaignMatterFacts[];
}

const coversRegion = (unit: StaffUser['unit'], regionCode: string) =>
  hasRegionScope(unit) && regionCode.startsWith(unit.regionCode);

/**
 * 专项治理 is organised by the supervisors and leaders of a unit answering for a region (a petition
 * bureau or a people's government), in that region.
 */
export const canManageCampaignIn = (user: StaffUser, regionCode: string): boolean =>
  hasRole(user, 'supervisor', 'leader') && coversRegion(user.unit, regionCode);

/**
 * A campaign is read by whoever answers for its region, and by whoever may see one of its matters
 * (who then reads only the matters they may see: see campaign.queries.ts).
 */
export const canSeeCampaign = (user: StaffUser, c: CampaignFacts): boolean =>
  coversRegion(user.unit, c.regionCode) || c.matters.some((m) => canSeeMatter(user, m.matter));

/**
 * The outcome of a campaign's matter is recorded by its owner or by the officers, head and leaders of
 * the unit leading the matter, always within the matter's data scope.
 */
export const mayRecordCampaignOutcome = (user: StaffUser, m: CampaignMatterFacts): boolean =>
  canSeeMatter(user, m.matter) &&
  (m.ownerId === user.id ||
    (m.matter.leadUnitId === user.unit.id && hasRole(user, 'officer', 'unit_head', 'leader')));

/**
 * Who may own a campaign's matter: a person working cases in a unit within the campaign's region who
 * can read the matter (never the unit a misconduct report is about).
 */
export const mayOwnCampaignMatter = (person: StaffUser, regionCode: string, m: MatterAccessFacts) =>
  person.unit.regionCode.startsWith(regionCode) &&
  hasRole(person, 'officer', 'unit_head', 'leader', 'supervisor') &&
  canSeeMatter(person, m);

export function canRunCampaign(user: StaffUser, command: CampaignCommand, c: CampaignFacts): boolean {
  if (!canSeeCampaign(user, c)) return false;
  const manager = canManageCampaignIn(user, c.regionCode);
  switch (command) {
    case 'start':
    case 'close':
    case 'withdraw':
    case 'add_matters':
    case 'remove_matter':
    case 'assign_owner':
    case 'correct_outcome':
      // A closed campaign is corrected by those who answer for it, with a reason, never in place.
      return manager;
    case 'record_outcome':
      // The command checks the one matter named; here: whether the user may record any.
      return c.matters.some((m) => mayRecordCampaignOutcome(user, m));
    case 'comment':
      return manager || c.matters.some((m) => mayRecordCampaignOutcome(user, m));
  }
}

// — Reception days (issue 14 item 1): sessions (领导接访, 下访, 约访) and appointment requests. —

/** What the rules need to know about a reception session. */
export interface SessionFacts {
  /** The region of the bureau that scheduled it. */
  regionCode: string;
  unitId: number;
  leaderId: number;
  /** 约访: the petitioner's matter; the session is seen only by whoever may see the matter. */
  matter: MatterAccessFacts | null;
}

/**
 * The petition bureau (or a people's government) schedules its region's reception days: its
 * registrars and supervisors.
 */
export const canScheduleReception = (user: StaffUser): boolean =>
  hasRegionScope(user.unit) && hasRole(user, 'registrar', 'supervisor');

/** A leader a unit may schedule: one of a unit within the scheduling unit's region. */
export const mayReceiveFor = (scheduler: StaffUser, leader: StaffUser): boolean =>
  hasRole(leader, 'leader') && leader.unit.regionCode.startsWith(scheduler.unit.regionCode);

/** The scheduling side of a session: the registrars and supervisors of a unit answering for its region. */
const schedulerSide = (user: StaffUser, s: { regionCode: string }) =>
  canScheduleReception(user) && s.regionCode.startsWith(user.unit.regionCode);

export function canSeeSession(user: StaffUser, s: SessionFacts): boolean {
  if (s.matter && !canSeeMatter(user, s.matter)) return false;
  return user.id === s.leaderId || s.regionCode.startsWith(user.unit.regionCode);
}

export function canRunSession(user: StaffUser, command: SessionCommand, s: SessionFacts): boolean {
  if (!canSeeSession(user, s)) return false;
  switch (command) {
    case 'record':
    case 'comment':
      return schedulerSide(user, s) || user.id === s.leaderId;
    case 'cancel':
      return schedulerSide(user, s);
  }
}

/** What the rules need to know about an appointment request. */
export interface RequestFacts {
  regionCode: string;
  unitId: number;
  /** The petitioner's matter, when they named it: the request is then seen only with the matter. */
  matter: MatterAccessFacts | null;
}

/** A request is the bureau's to answer: those of a unit answering for the session's region. */
export function canSeeRequest(user: StaffUser, r: RequestFacts): boolean {
  if (r.matter && !canSeeMatter(user, r.matter)) return false;
  return hasRegionScope(user.unit) && r.regionCode.startsWith(user.unit.regionCode);
}

export function canRunRequest(user: StaffUser, command: RequestCommand, r: RequestFacts): boolean {
  if (!canSeeRequest(user, r)) return false;
  switch (command) {
    case 'confirm':
    case 'propose':
    case 'decline':
    case 'comment':
      return hasRole(user, 'registrar', 'supervisor', 'unit_head');
    case 'accept':
    case 'cancel':
      // The petitioner's own answers, on the portal with the request's number and query code.
      return false;
  }
}

// ---- Joint meetings (联席会议, issue 14 item 3) ----

/** What the rules need to know about a joint meeting body. */
export interface MeetingBodyFacts {
  regionCode: string;
  convenerUnitId: number;
  convenerLeaderId: number | null;
  /** Member units now (a unit that left is no longer one). */
  memberUnitIds: readonly number[];
}

/** The petition bureau of the body's own region: it keeps the body, whoever convenes it. */
const bodyBureau = (user: StaffUser, b: MeetingBodyFacts) =>
  user.unit.kind === 'petition_bureau' && user.unit.regionCode === b.regionCode;

/** A body is set up by the supervisors or administrators of a bureau or government, for its own region. */
export const mayCreateMeetingBody = (user: StaffUser, convener: StaffUser['unit']): boolean =>
  hasRole(user, 'supervisor', 'admin') &&
  hasRegionScope(user.unit) &&
  hasRegionScope(convener) &&
  convener.regionCode === user.unit.regionCode;

/** Members, representatives and working groups are kept by the bureau's supervisors and administrators. */
export const mayManageMeetingBody = (user: StaffUser, b: MeetingBodyFacts): boolean =>
  hasRole(user, 'supervisor', 'admin') && (user.unit.id === b.convenerUnitId || bodyBureau(user, b));

/** The convener side: the convener leader, and the leaders, heads and supervisors of the convener or the bureau. */
export const onConvenerSide = (user: StaffUser, b: MeetingBodyFacts): boolean =>
  user.id === b.convenerLeaderId ||
  (hasRole(user, 'supervisor', 'unit_head', 'leader') &&
    (user.unit.id === b.convenerUnitId || bodyBureau(user, b)));

/**
 * The body and its meetings are seen by the convener side, the member units, and the units
 * answering for the region or one around it (the government, the bureaus above).
 */
export const canSeeMeetingBody = (user: StaffUser, b: MeetingBodyFacts): boolean =>
  onConvenerSide(user, b) ||
  mayManageMeetingBody(user, b) ||
  b.memberUnitIds.includes(user.unit.id) ||
  (hasRegionScope(user.unit) && b.regionCode.startsWith(user.unit.regionCode));

const memberSpeaks = (user: StaffUser, b: MeetingBodyFacts) =>
  b.memberUnitIds.includes(user.unit.id) && hasRole(user, 'officer', 'unit_head', 'leader');

export function canRunMeeting(user: StaffUser, command: MeetingCommand, b: MeetingBodyFacts): boolean {
  if (!canSeeMeetingBody(user, b)) return false;
  switch (command) {
    case 'record':
    case 'assign':
    case 'attach':
    case 'close':
    case 'cancel':
      return onConvenerSide(user, b);
    case 'comment':
      return onConvenerSide(user, b) || memberSpeaks(user, b);
  }
}

/** What the rules need to know about an item a meeting handed down (交办). */
export interface AssignmentFacts {
  body: MeetingBodyFacts;
  /** The matter it concerns, if any. */
  matter: MatterAccessFacts | null;
  unitId: number;
}

/**
 * An assignment is seen by whoever sees its meeting, and by the unit it was handed to (even after it
 * left the body); one on a matter only by those who may also see the matter, so a misconduct report
 * handed down never shows through the meeting to the unit it reports or anyone else the rule keeps out.
 */
export const canSeeAssignment = (user: StaffUser, a: AssignmentFacts): boolean =>
  (canSeeMeetingBody(user, a.body) || user.unit.id === a.unitId) &&
  (a.matter === null || canSeeMatter(user, a.matter));

export function canRunAssignment(user: StaffUser, command: AssignmentCommand, a: AssignmentFacts): boolean {
  if (!canSeeAssignment(user, a)) return false;
  const assignee = user.unit.id === a.unitId && hasRole(user, 'officer', 'unit_head', 'leader');
  switch (command) {
    case 'report':
      return assignee;
    case 'accept':
    case 'return':
    case 'withdraw':
      return onConvenerSide(user, a.body);
    case 'comment':
      return assignee || onConvenerSide(user, a.body);
  }
}

// — issue 14 · responsibility letters, frozen scorecards, accountability —

/** A unit answering for a region (a petition bureau, a people's government) whose region holds `code`. */
const answersFor = (unit: StaffUser['unit'], code: string) =>
  hasRegionScope(unit) && code.startsWith(unit.regionCode);

/** What the rules need to know about a responsibility letter. */
export interface LetterFacts {
  issuerUnitId: number;
  /** The issuing bureau's region, where the letter lies. */
  regionCode: string;
  targetUnitId: number;
}

/** 责任书 are issued by a bureau of a region: its supervisors (or administrators) draft and issue them. */
export const canDraftLetter = (user: StaffUser): boolean =>
  hasRole(user, 'supervisor', 'admin') && hasRegionScope(user.unit);

/** A letter goes to another active unit located in the issuer's region. */
export const mayReceiveLetter = (
  issuer: StaffUser['unit'],
  unit: { id: number; regionCode: string; active: boolean },
): boolean => unit.active && unit.id !== issuer.id && unit.regionCode.startsWith(issuer.regionCode);

/** Seen by the units answering for its region and by the unit it binds. */
export const canSeeLetter = (user: StaffUser, l: LetterFacts): boolean =>
  answersFor(user.unit, l.regionCode) || user.unit.id === l.targetUnitId;

export function canRunLetter(user: StaffUser, command: LetterCommand, l: LetterFacts): boolean {
  if (!canSeeLetter(user, l)) return false;
  const issuerSide = user.unit.id === l.issuerUnitId && hasRole(user, 'supervisor', 'admin');
  const unitHead = user.unit.id === l.targetUnitId && hasRole(user, 'unit_head', 'leader');
  switch (command) {
    case 'issue':
    case 'amend':
    case 'withdraw':
      return issuerSide;
    case 'sign':
      // The unit's head signs; the bureau may record a signing done on paper at a meeting.
      return unitHead || issuerSide;
    case 'comment':
      return (
        issuerSide || (user.unit.id === l.targetUnitId && hasRole(user, 'officer', 'unit_head', 'leader'))
      );
  }
}

/** A year's scorecard of a region is frozen (and corrected) by that region's bureau. */
export const canFreezeScorecard = (user: StaffUser, regionCode: string): boolean =>
  hasRole(user, 'supervisor', 'admin') && answersFor(user.unit, regionCode);

/** What the rules need to know about an accountability record. */
export interface AccountabilityFacts {
  /** The matters it cites: a record is seen only by who may see each of them. */
  matters: readonly MatterAccessFacts[];
  issuerUnitId: number;
  regionCode: string;
  targetUnitId: number;
}

/** 责任追究 is opened by a supervisor or leader of a unit answering for a region, against a unit in it. */
export const canOpenAccountability = (user: StaffUser): boolean =>
  hasRole(user, 'supervisor', 'leader') && hasRegionScope(user.unit);

export const canSeeAccountability = (user: StaffUser, a: AccountabilityFacts): boolean =>
  (answersFor(user.unit, a.regionCode) ||
    (user.unit.id === a.targetUnitId && hasRole(user, 'officer', 'unit_head', 'leader'))) &&
  a.matters.every((m) => canSeeMatter(user, m));

export function canRunAccountability(
  user: StaffUser,
  command: AccountabilityCommand,
  a: AccountabilityFacts,
): boolean {
  if (!canSeeAccountability(user, a)) return false;
  const issuerSide = user.unit.id === a.issuerUnitId && hasRole(user, 'supervisor', 'leader');
  const unitSide = user.unit.id === a.targetUnitId && hasRole(user, 'officer', 'unit_head', 'leader');
  switch (command) {
    case 'respond':
      return unitSide;
    case 'conclude':
    case 'return':
    case 'withdraw':
      return issuerSide;
    case 'comment':
      return issuerSide || unitSide;
  }
}

/**
 * Enumerations shared by the server and the web application, so the form and the API say the same
 * thing. Labels live in the i18n resources, keyed by these values.
 */
export const CHANNELS = [
  'letter',
  'visit',
  'phone',
  'web',
  'leader_mailbox',
  'handed_down',
  'outreach',
  'screening',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const PURPOSES = ['accusation', 'appeal', 'request', 'suggestion', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const LODGED_LEVELS = ['township', 'county', 'city', 'province', 'national'] as const;
export type LodgedLevel = (typeof LODGED_LEVELS)[number];

export const MATTER_STATES = [
  'registered',
  'accepted',
  'in_handling',
  'suspended',
  'replied',
  'evaluated',
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
  'closed',
  'concluded',
  'forwarded',
  'handed_down',
  'not_accepted',
  'merged',
] as const;
export type MatterState = (typeof MATTER_STATES)[number];

export const ROLES = [
  'registrar',
  'officer',
  'unit_head',
  'leader',
  'supervisor',
  'analyst',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const REPLY_OUTCOMES = ['supported', 'explained', 'not_supported'] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

export const REVIEW_OUTCOMES = ['upheld', 'changed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** What a follow-up (回访) found, whether staff record it or the petitioner answers on the portal. */
export const FOLLOW_UP_RESULTS = ['solved', 'partly', 'not_solved'] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

export const LAWFUL_CHANNELS = [
  'litigation',
  'arbitration',
  'administrative_review',
  'administrative_reconsideration',
  'labour_arbitration',
  'other',
] as const;
export type LawfulChannel = (typeof LAWFUL_CHANNELS)[number];

export const NOT_ACCEPTED_REASONS = [
  'lawful_channel',
  'already_concluded',
  'outside_remit',
  'under_handling_elsewhere',
  'other',
] as const;
export type NotAcceptedReason = (typeof NOT_ACCEPTED_REASONS)[number];

export const UNIT_KINDS = [
  'petition_bureau',
  'functional_department',
  'township_government',
  'county_government',
  'city_government',
  'political_legal',
  'discipline_inspection',
  'court',
  'procuratorate',
  'public_security',
  'village_committee',
  'grid',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_LEVELS = ['national', 'province', 'city', 'county', 'township', 'village', 'grid'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** What a routing rule does: suggest a unit, point to a lawful channel, or send to discipline inspection. */
export const ROUTING_RULE_ACTIONS = ['assign', 'lawful_channel', 'discipline'] as const;
export type RoutingRuleAction = (typeof ROUTING_RULE_ACTIONS)[number];

/** Lead unit or co-handling unit of a matter (条例 §31: one unit leads, others cooperate). */
export const UNIT_ROLES = ['lead', 'co'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

/** The written decisions of a matter: the reply (处理意见), the review and the second review. */
export const DECISION_KINDS = ['reply', 'review', 'recheck'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * The configurable time limits (table `time_limits`); the 条例's numbers are the defaults.
 * `extension_max` bounds an extension and is never a deadline of its own.
 */
export const TIME_LIMIT_KINDS = [
  'acceptance',
  'handling',
  'handling_suggestion',
  'handling_accusation',
  'extension_max',
  'objection',
  'review_request',
  'review_decision',
  'recheck_request',
  'recheck_decision',
  'instruction_answer',
  'card_answer',
  'card_yellow',
  'card_red',
  'ownership_step',
  'meeting_assignment',
  'accountability_response',
] as const;
export type TimeLimitKind = (typeof TIME_LIMIT_KINDS)[number];

/** Limits of the kernel's case types (instructions, cards, owned cases' steps), not of a matter's own clock. */
export const CASE_TIME_LIMIT_KINDS = [
  'instruction_answer',
  'card_answer',
  'card_yellow',
  'card_red',
  'ownership_step',
  'meeting_assignment',
  'accountability_response',
] as const;
export type CaseTimeLimitKind = (typeof CASE_TIME_LIMIT_KINDS)[number];

/** The units a time limit is counted in. */
export const LIMIT_UNITS = ['days', 'working_days', 'hours'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** A deadline runs under a time limit, or under the date a handing-down body set (`handed_down`). */
export const DEADLINE_KINDS = [
  ...TIME_LIMIT_KINDS.filter(
    (k): k is Exclude<TimeLimitKind, 'extension_max' | CaseTimeLimitKind> =>
      k !== 'extension_max' && !(CASE_TIME_LIMIT_KINDS as readonly string[]).includes(k),
  ),
  'handed_down',
] as const;
export type DeadlineKind = Exclude<TimeLimitKind, 'extension_max' | CaseTimeLimitKind> | 'handed_down';

/** `lapsed`: a petitioner's window or an objection window that ran out unused. */
export const DEADLINE_STATUSES = ['open', 'met', 'cancelled', 'lapsed'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/** Why a matter was closed: by staff, or because the petitioner let the (second) review window run out. */
export const CLOSE_REASONS = ['closed_by_staff', 'review_window_lapsed', 'recheck_window_lapsed'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Every kind of event in a matter's stream, as its timeline shows them. */
export const MATTER_EVENT_KINDS = [
  'registered',
  'accepted',
  'forwarded',
  'handed_down',
  'not_accepted',
  'merged',
  'repeat_linked',
  'signed_for',
  'objected',
  'extended',
  'suspended',
  'resumed',
  'note',
  'replied',
  'rated',
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
  'closed',
  'concluded',
  'attachment_added',
  'deadline_warning',
  'deadline_overdue',
  'petitioner_unmasked',
  'petitioner_found_by_number',
  'reported_unit_identified',
] as const;
export type MatterEventKind = (typeof MATTER_EVENT_KINDS)[number];

/** Limits the form and the API both enforce. */
export const LIMITS = {
  subjectMax: 200,
  contentMax: 20_000,
  nameMax: 100,
  maxRepresentatives: 5, // 条例 §20: people visiting together choose at most five representatives
  maxPetitionersPerMatter: 200,
  collectiveThreshold: 5, // counted as 集体访 from this head count (configuration, not law)
  maxHeadCount: 10_000,
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentsPerMatter: 10,
  attachmentMimeTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  extensionMaxDays: 30,
  pageSizeMax: 100,
} as const;

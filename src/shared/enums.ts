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

export const UNIT_LEVELS = ['national', 'province', 'city', 'county', 'township', 'village', 'grid'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

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

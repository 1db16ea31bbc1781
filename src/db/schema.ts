import type { ColumnType, Generated } from 'kysely';
import type * as A from '../assessment/assessment.tables.ts';

/** Kysely's view of the tables in migrations/*.sql. Keep in step with the SQL (a test checks it). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are parsed as 'YYYY-MM-DD' strings on both drivers. */
type DateOnly = ColumnType<string, string, string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village' | 'grid';
  parent_code: string | null;
  grid_leader: string | null;
  created_at: DefaultedTimestamp;
}

export interface CategoriesTable {
  code: string;
  name_zh: string;
  name_en: string;
  parent_code: string | null;
  level: number;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  level: string;
  region_code: string;
  parent_id: number | null;
  active: Generated<boolean>;
  created_at: DefaultedTimestamp;
  /** 发文机关代字 for 文号; null: derived from the name. */
  doc_code: string | null;
}

export interface UnitRemitsTable {
  id: Generated<number>;
  unit_id: number;
  region_code: string;
  category_code: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  unit_id: number;
  roles: string[];
  active: Generated<boolean>;
  created_at: DefaultedTimestamp;
  /** Where outbound notices go; null: the inbox only. */
  email: Generated<string | null>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
}

export interface PetitionersTable {
  id: Generated<number>;
  kind: Generated<'person' | 'organisation'>;
  name: string;
  id_number: string | null;
  phone: string | null;
  address: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface MattersTable {
  id: Generated<number>;
  case_number: string;
  query_code: string;
  channel: string;
  purpose: string;
  category_code: string | null;
  subject: string;
  content: string;
  region_code: string;
  lodged_level: string;
  target: string | null;
  reported_unit_id: number | null;
  is_misconduct_report: Generated<boolean>;
  head_count: Generated<number>;
  is_collective: Generated<boolean>;
  state: string;
  registering_unit_id: number;
  registered_by: number | null;
  received_at: Timestamp;
  registered_at: DefaultedTimestamp;
  handed_down_from: string | null;
  external_due_date: DateOnly | null;
  /** Migration 0037: the reception session the matter was registered at. */
  reception_session_id: Generated<number | null>;
  repeat_of_id: number | null;
  /** The current lead unit, kept by a trigger on matter_units (migration 0027); never written here. */
  lead_unit_id: Generated<number | null>;
  accepted_at: Timestamp | null;
  replied_at: Timestamp | null;
  closed_at: Timestamp | null;
  extension_days: number | null;
  suspended_at: Timestamp | null;
  version: Generated<number>;
  search_text: Generated<string>;
}

export interface MatterPetitionersTable {
  matter_id: number;
  petitioner_id: number;
  is_representative: Generated<boolean>;
  /** Where the person stood in the list as entered (0 first). */
  position: Generated<number>;
}

export interface MatterUnitsTable {
  id: Generated<number>;
  matter_id: number;
  unit_id: number;
  role: 'lead' | 'co';
  assigned_at: Timestamp;
  signed_at: Timestamp | null;
  released_at: Timestamp | null;
  release_reason: string | null;
  /** Whether the matter is a report of misconduct (kept by triggers, migration 0023). */
  misconduct: Generated<boolean>;
}

export interface AttachmentsTable {
  id: Generated<number>;
  matter_id: number;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: DefaultedTimestamp;
  uploaded_by: number | null;
}

export interface DecisionsTable {
  id: Generated<number>;
  matter_id: number;
  kind: 'reply' | 'review' | 'recheck';
  outcome: string;
  facts: string;
  legal_basis: string;
  body: Generated<string>;
  unit_id: number;
  decided_by: number | null;
  decided_at: Timestamp;
  delivered_at: Timestamp;
  /** A review's or recheck's reviewed unit, set by a trigger (migration 0027); never written here. */
  reviewed_unit_id: Generated<number | null>;
}

export interface RatingsTable {
  id: Generated<number>;
  matter_id: number;
  decision_id: number;
  rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  comment: string | null;
  rated_at: Timestamp;
}

export interface EventsTable {
  id: Generated<number>;
  stream: string;
  seq: number;
  matter_id: number | null;
  kind: string;
  actor_kind: 'staff' | 'petitioner' | 'system';
  actor_id: number | null;
  unit_id: number | null;
  at: Timestamp;
  public: Generated<boolean>;
  payload: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  stream: string;
  seq: number;
  hash: string;
}

export interface TimeLimitsTable {
  kind: string;
  amount: number;
  unit: 'days' | 'working_days' | 'hours';
  roll_forward: Generated<boolean>;
  warn_amount: Generated<number>;
  warn_unit: Generated<'days' | 'working_days' | 'hours'>;
  description_zh: string;
  description_en: string;
  updated_at: DefaultedTimestamp;
}

export interface DeadlinesTable {
  id: Generated<number>;
  matter_id: number;
  kind: string;
  main: Generated<boolean>;
  unit_id: number | null;
  starts_at: Timestamp;
  due_at: Timestamp;
  due_date: DateOnly;
  warn_at: Timestamp;
  status: Generated<'open' | 'met' | 'cancelled' | 'lapsed'>;
  closed_at: Timestamp | null;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
}

export interface CalendarOverridesTable {
  date: DateOnly;
  kind: 'workday' | 'holiday';
  name: string | null;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface CalendarYearsLoadedTable {
  year: number;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  name: string;
  region_prefix: Generated<string>;
  category_code: string | null;
  purpose: string | null;
  keywords: Generated<string[]>;
  action: 'assign' | 'lawful_channel' | 'discipline';
  unit_id: number | null;
  co_unit_ids: Generated<number[]>;
  lawful_channel: string | null;
  reason_zh: string;
  reason_en: string;
  priority: Generated<number>;
  active: Generated<boolean>;
  updated_at: DefaultedTimestamp;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json | null;
  created_at: DefaultedTimestamp;
}

export interface UnmaskLogTable {
  id: Generated<number>;
  user_id: number;
  petitioner_id: number;
  matter_id: number | null;
  fields: string[];
  at: DefaultedTimestamp;
}

export interface MatterTextSignaturesTable {
  matter_id: number;
  signature: Uint8Array;
}

export interface MatterLshBandsTable {
  band_key: number;
  matter_id: number;
}

export interface AppSettingsTable {
  key: string;
  value: Json;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  last_failure_at: Timestamp;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
}

/** Migration 0020: a unit's target for a rate indicator in a year, 0..1 (numeric: read as a string). */
export interface UnitTargetsTable {
  unit_id: number;
  year: number;
  indicator: string;
  target: ColumnType<string, number, number>;
  updated_by: number;
  updated_at: Timestamp;
  /** The responsibility letter these targets come from (migration 0040); null: set by an administrator. */
  letter_case_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DocumentSequencesTable {
  unit_id: number;
  kind: string;
  year: number;
  last_seq: number;
}

export interface IssuedDocumentsTable {
  id: Generated<number>;
  matter_id: number;
  kind: string;
  unit_id: number;
  year: number;
  seq: number;
  doc_number: string;
  issued_at: Timestamp;
}

export interface StatsRegionScopesTable {
  region_code: string;
  scope: string;
  child: string;
}

/** The delta log of the statistics rollups (migration 0017): written by triggers, folded by analytics/rollup.ts. */
export interface StatsPendingTable {
  id: Generated<number>;
  sign: number;
  /** 0, or the registering unit of a report of misconduct: the one unit that counts it (migration 0025). */
  viewer: Generated<number>;
  day: string;
  region_code: string;
  lodged_level: string;
  channel: string;
  purpose: string;
  category_code: string | null;
  unit_id: number | null;
  state: string;
  head_count: number;
  is_collective: boolean;
  is_repeat: boolean;
}

export interface StatsVolumeTable {
  scope: string;
  /** 0, or the registering unit of a report of misconduct: the one unit that counts it (migration 0025). */
  viewer: Generated<number>;
  dim: string;
  day: string;
  value: string;
  cases: number;
  people: number;
  visit_batches: number;
  visit_people: number;
  collective_batches: number;
  collective_people: number;
  repeats: number;
}

/** The same figures by month (migration 0022): `month` is the month's first day. */
export interface StatsVolumeMonthTable extends Omit<StatsVolumeTable, 'day'> {
  month: string;
}

export interface StatsDeadlinePendingTable {
  id: Generated<number>;
  sign: number;
  /** 0, or the registering unit of a report of misconduct: the one unit that counts it (migration 0025). */
  viewer: Generated<number>;
  region_code: string;
  unit_id: number;
  warn_at: Date;
  due_at: Date;
}

/** Open main limits by subtree, unit, warning day and due day (migration 0018). */
export interface StatsDeadlinesTable {
  scope: string;
  /** 0, or the registering unit of a report of misconduct: the one unit that counts it (migration 0025). */
  viewer: Generated<number>;
  warn_at: Date;
  due_at: Date;
  open: number;
}

/** A case of the workflow kernel (workflow/): the columns every case type shares. */
export interface CasesTable {
  id: Generated<number>;
  type:
    | 'instruction'
    | 'supervision_card'
    | 'follow_up'
    | 'ownership'
    | 'reception_session'
    | 'appointment_request'
    | 'campaign'
    | 'meeting'
    | 'meeting_assignment'
    | 'responsibility_letter'
    | 'accountability';
  state: string;
  version: Generated<number>;
  matter_id: number | null;
  unit_id: number;
  region_code: string;
  /** Null only for the petitioner's own follow-up on the portal (migration 0035). */
  opened_by: number | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface CaseDeadlinesTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  unit_id: number | null;
  starts_at: Timestamp;
  due_at: Timestamp;
  due_date: DateOnly;
  warn_at: Timestamp;
  status: Generated<'open' | 'met' | 'cancelled' | 'lapsed'>;
  closed_at: Timestamp | null;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
}

export interface InstructionsTable {
  case_id: number;
  body: string;
  answer_by: DateOnly | null;
}

export interface InstructionAddresseesTable {
  case_id: number;
  unit_id: number;
  answer: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
}

export interface SupervisionCardsTable {
  case_id: number;
  target_unit_id: number;
  level: 'normal' | 'yellow' | 'red';
  reason: string;
  demand: string;
  answer_by: DateOnly;
  answer: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
  escalations: Generated<number>;
}

export interface CardAnswerAttachmentsTable {
  case_id: number;
  attachment_id: number;
}

export interface SupervisionCardMattersTable {
  case_id: number;
  matter_id: number;
}

export interface FollowUpsTable {
  case_id: number;
  method: 'phone' | 'visit' | 'sms' | 'online';
  reached: boolean;
  solved: 'solved' | 'partly' | 'not_solved' | null;
  opinion: string | null;
}

export interface CaseOwnershipsTable {
  case_id: number;
  matter_id: number;
  leader_id: number;
  problem: string;
  goal: string | null;
  card_case_id: number | null;
  written_reply: string | null;
  replied_by: number | null;
  replied_at: Timestamp | null;
  in_force: Generated<boolean>;
}

export interface OwnershipMembersTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  user_id: number | null;
  role: 'deputy_leader' | 'lead_unit' | 'cooperating_unit' | 'liaison';
  added_at: Timestamp;
}

export interface OwnershipStepsTable {
  id: Generated<number>;
  case_id: number;
  position: number;
  title: string;
  owner_id: number;
  due_date: DateOnly;
  status: Generated<'planned' | 'in_progress' | 'done' | 'cancelled'>;
  progress: Generated<number>;
  last_report: string | null;
  last_reported_at: Timestamp | null;
  deadline_id: number | null;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  stream: string;
  seq: number;
  matter_id: number | null;
  case_id: number | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  notification_id: number;
  channel: 'email';
  address: string;
  status: Generated<'pending' | 'sent' | 'failed' | 'expired'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
  lease_token: string | null;
  leased_until: Timestamp | null;
  created_at: Timestamp;
}

/** Migration 0038: a backlog campaign (积案专项治理), a case of type `campaign`. */
export interface CampaignsTable {
  case_id: number;
  name: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  region_code: string;
  lead_unit_id: number | null;
  target_percent: number;
  description: string | null;
}

export interface CampaignMattersTable {
  case_id: number;
  matter_id: number;
  owner_id: number | null;
  added_by: number;
  added_at: Timestamp;
  /** The campaign is draft or active (a matter is in at most one such campaign). */
  open: Generated<boolean>;
}

/** Append-only (a trigger refuses UPDATE and DELETE): the current outcome is a matter's latest row. */
export interface CampaignOutcomesTable {
  id: Generated<number>;
  case_id: number;
  matter_id: number;
  outcome: 'resolved' | 'legal_channel' | 'explained_accepted' | 'hardship_assistance' | 'concluded';
  note: string;
  recorded_by: number;
  recorded_at: Timestamp;
  correction_of: number | null;
  correction_reason: string | null;
}

export interface CampaignOutcomeAttachmentsTable {
  outcome_id: number;
  attachment_id: number;
}

/** Migration 0037: a reception session (领导接访 / 下访 / 约访), a case of type `reception_session`. */
export interface ReceptionSessionsTable {
  case_id: number;
  kind: 'reception' | 'outreach' | 'appointment';
  leader_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string;
  place_region_code: string | null;
  topics: Generated<string>;
  capacity: number;
  published: Generated<boolean>;
  matter_id: number | null;
  people_received: number | null;
  outcome: string | null;
  recorded_by: number | null;
  recorded_at: Timestamp | null;
  cancel_reason: string | null;
}

/** Migration 0037: a petitioner's appointment request from the portal (`appointment_request`). */
export interface AppointmentRequestsTable {
  case_id: number;
  number: string;
  query_code_hash: string;
  session_id: number;
  proposed_session_id: number | null;
  confirmed_session_id: number | null;
  name: string;
  phone: string;
  reason: string;
  matter_id: number | null;
  message: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
}

/** Migration 0039: a joint meeting body (联席会议), configuration changed by audited commands. */
export interface MeetingBodiesTable {
  id: Generated<number>;
  name: string;
  region_code: string;
  convener_unit_id: number;
  convener_leader_id: number | null;
  duties: string | null;
  version: Generated<number>;
  created_by: number;
  created_at: Timestamp;
}

export interface MeetingBodyMembersTable {
  body_id: number;
  unit_id: number;
  joined_at: Timestamp;
  left_at: Timestamp | null;
}

export interface MeetingBodyRepresentativesTable {
  body_id: number;
  unit_id: number;
  user_id: number;
}

export interface MeetingWorkingGroupsTable {
  id: Generated<number>;
  body_id: number;
  name: string;
  lead_unit_id: number;
  created_at: Timestamp;
  dissolved_at: Timestamp | null;
}

export interface MeetingWorkingGroupUnitsTable {
  group_id: number;
  unit_id: number;
}

export interface MeetingWorkingGroupCategoriesTable {
  group_id: number;
  category_code: string;
}

/** Migration 0039: a meeting of a joint meeting body, a case of type `meeting`. */
export interface MeetingsTable {
  case_id: number;
  body_id: number;
  title: string;
  starts_at: Timestamp;
  place: string;
  agenda: string;
  minutes: string | null;
  decisions: Generated<string[]>;
  recorded_by: number | null;
  recorded_at: Timestamp | null;
}

export interface MeetingAttendeesTable {
  id: Generated<number>;
  case_id: number;
  unit_id: number;
  user_id: number | null;
}

export interface MeetingFilesTable {
  id: Generated<number>;
  case_id: number;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Timestamp;
  uploaded_by: number;
}

/** Migration 0039: an item a meeting hands down to a member unit, a case of type `meeting_assignment`. */
export interface MeetingAssignmentsTable {
  case_id: number;
  meeting_case_id: number;
  position: number;
  unit_id: number;
  task: string;
  due_date: DateOnly;
  report: string | null;
  reported_by: number | null;
  reported_at: Timestamp | null;
  returns: Generated<number>;
}

export interface Database {
  regions: RegionsTable;
  categories: CategoriesTable;
  units: UnitsTable;
  unit_remits: UnitRemitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  petitioners: PetitionersTable;
  matters: MattersTable;
  matter_petitioners: MatterPetitionersTable;
  matter_units: MatterUnitsTable;
  attachments: AttachmentsTable;
  decisions: DecisionsTable;
  ratings: RatingsTable;
  events: EventsTable;
  audit_heads: AuditHeadsTable;
  time_limits: TimeLimitsTable;
  deadlines: DeadlinesTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_years_loaded: CalendarYearsLoadedTable;
  routing_rules: RoutingRulesTable;
  idempotency_keys: IdempotencyKeysTable;
  unmask_log: UnmaskLogTable;
  app_settings: AppSettingsTable;
  document_sequences: DocumentSequencesTable;
  unit_targets: UnitTargetsTable;
  issued_documents: IssuedDocumentsTable;
  matter_text_signatures: MatterTextSignaturesTable;
  matter_lsh_bands: MatterLshBandsTable;
  login_throttle: LoginThrottleTable;
  stats_region_scopes: StatsRegionScopesTable;
  stats_pending: StatsPendingTable;
  stats_volume: StatsVolumeTable;
  stats_volume_month: StatsVolumeMonthTable;
  stats_deadline_pending: StatsDeadlinePendingTable;
  stats_deadlines: StatsDeadlinesTable;
  cases: CasesTable;
  case_deadlines: CaseDeadlinesTable;
  instructions: InstructionsTable;
  instruction_addressees: InstructionAddresseesTable;
  notifications: NotificationsTable;
  supervision_cards: SupervisionCardsTable;
  card_answer_attachments: CardAnswerAttachmentsTable;
  supervision_card_matters: SupervisionCardMattersTable;
  follow_ups: FollowUpsTable;
  case_ownerships: CaseOwnershipsTable;
  ownership_members: OwnershipMembersTable;
  ownership_steps: OwnershipStepsTable;
  notification_deliveries: NotificationDeliveriesTable;
  // — issue 14 · reception days (migration 0037) —
  reception_sessions: ReceptionSessionsTable;
  appointment_requests: AppointmentRequestsTable;
  // — issue 14 · backlog and campaigns (migration 0038) —
  campaigns: CampaignsTable;
  campaign_matters: CampaignMattersTable;
  campaign_outcomes: CampaignOutcomesTable;
  campaign_outcome_attachments: CampaignOutcomeAttachmentsTable;
  // — issue 14 · joint meetings (migration 0039) —
  meeting_bodies: MeetingBodiesTable;
  meeting_body_members: MeetingBodyMembersTable;
  meeting_body_representatives: MeetingBodyRepresentativesTable;
  meeting_working_groups: MeetingWorkingGroupsTable;
  meeting_working_group_units: MeetingWorkingGroupUnitsTable;
  meeting_working_group_categories: MeetingWorkingGroupCategoriesTable;
  meetings: MeetingsTable;
  meeting_attendees: MeetingAttendeesTable;
  meeting_files: MeetingFilesTable;
  meeting_assignments: MeetingAssignmentsTable;
  // — issue 14 · responsibility letters, frozen scorecards, accountability (migration 0040) —
  responsibility_letters: A.ResponsibilityLettersTable;
  letter_revisions: A.LetterRevisionsTable;
  frozen_scorecards: A.FrozenScorecardsTable;
  accountability_records: A.AccountabilityRecordsTable;
  accountability_matters: A.AccountabilityMattersTable;
  accountability_figures: A.AccountabilityFiguresTable;
}

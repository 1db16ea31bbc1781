import type { ColumnType, Generated } from 'kysely';

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
  // — issue 14 · backlog and campaigns (migration 0038) —
  // — issue 14 · joint meetings (migration 0039) —
  // — issue 14 · responsibility letters, frozen scorecards, accountability (migration 0040) —
}

/**
 * The API's answers: one Zod schema per response body, declared on the routes (`schema.response`),
 * published in the OpenAPI document at /docs/json, and imported by the web app as types (`Wire<…>`).
 * Integration tests check every real answer against these (http/response-contract.ts), so a field a
 * route adds without declaring it here fails the suite instead of silently reaching the web app untyped.
 *
 * No server-only imports here: the web app bundles this module.
 */
import { z } from 'zod';
import {
  CHANNELS,
  DECISION_KINDS,
  FOLLOW_UP_RESULTS,
  LAWFUL_CHANNELS,
  LIMIT_UNITS,
  MATTER_STATES,
  PURPOSES,
  ROLES,
  UNIT_LEVELS,
  UNIT_ROLES,
} from './enums.ts';

/**
 * A point in time. Handlers return `Date`s (Kysely's timestamptz) or ISO strings; on the wire both
 * are ISO 8601 strings, which is what {@link Wire} gives the web app.
 */
export const timestamp = z.union([z.date(), z.iso.datetime({ offset: true })]);
/** A local calendar date, YYYY-MM-DD (Asia/Shanghai). */
export const localDate = z.iso.date();

/** What a body of type T is after JSON: dates become strings. The web app reads `Wire<z.infer<…>>`. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
/** The wire type of a response schema. */
export type WireOf<S extends z.ZodType> = Wire<z.output<S>>;

// ---- Errors (src/errors/): the one shape of every 4xx and 5xx answer ----

export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'illegal_transition',
  'conflict',
  'window_closed',
  'limit_exceeded',
  'idempotency_mismatch',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
] as const;

export const FieldErrorSchema = z.object({
  path: z.string(),
  message_zh: z.string(),
  message_en: z.string(),
});

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message_zh: z.string(),
      message_en: z.string(),
      fields: z.array(FieldErrorSchema),
      correlationId: z.string().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ description: 'Error: a stable code, messages in Chinese and English, and field-level messages' });
export type ErrorBody = z.output<typeof ErrorBodySchema>;

/** Every status an answer may carry besides success, each with the error body. */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500] as const;
const errorResponses = Object.fromEntries(ERROR_STATUSES.map((s) => [s, ErrorBodySchema])) as Record<
  (typeof ERROR_STATUSES)[number],
  typeof ErrorBodySchema
>;

/**
 * A route's `schema.response`: its success bodies plus the error body for every error status.
 * Typed loosely on purpose: database rows type enum columns as plain strings, so handlers are held
 * to these schemas by the test suite's check of every real answer (http/response-contract.ts)
 * rather than by the compiler; the schemas' own types stay exact for the web app.
 */
export const responses = (ok: Record<number, unknown>): Record<number, unknown> => ({
  ...errorResponses,
  ...ok,
});

/** A binary download (DOCX, attachments): the body is the file, described for OpenAPI. */
export const fileResponse = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.string().meta({ format: 'binary' }) } },
});

// ---- Shared pieces ----

export const Ok = z.object({ ok: z.literal(true) });
export const IdResult = z.object({ id: z.number().int() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const page = <T extends z.ZodType>(item: T) =>
  z.object({
    total: z.number().int(),
    /** The server stops counting at 10,000: the real total is larger. */
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(item),
  });
/** A page of list results. */
export type Page<T> = { total: number; totalCapped?: boolean; page: number; pageSize: number; items: T[] };
export const BilingualLabel = z.object({ zh: z.string(), en: z.string() });

// ---- Session and organisation ----

export const UnitRef = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  level: z.enum(UNIT_LEVELS),
  regionCode: z.string(),
});
export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unit: UnitRef,
});
export const SessionSchema = z.object({
  user: UserSchema,
  csrfToken: z.string(),
  expiresAt: timestamp.optional(),
});
export const LoginLockSchema = z.object({
  username: z.string(),
  userId: z.number().int().nullable(),
  displayName: z.string().nullable(),
  failures: z.number().int(),
  lastFailureAt: timestamp,
  lockedUntil: timestamp,
});

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentCode: z.string().nullable(),
  gridLeader: z.string().nullable().optional(),
});
export const RegionList = items(RegionSchema);
export const UnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  level: z.string(),
  regionCode: z.string(),
  parentId: z.number().int().nullable(),
  active: z.boolean(),
});
export const UnitList = items(UnitSchema);
export const CategorySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
});
export const CategoryList = items(CategorySchema);
export const LabelsSchema = z.record(z.string(), z.record(z.string(), BilingualLabel));

// ---- Matters ----

export const BADGES = ['on_time', 'warning', 'overdue'] as const;
export const BadgeSchema = z.enum(BADGES);

export const QueueItemSchema = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  state: z.enum(MATTER_STATES),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  registeredAt: timestamp,
  receivedAt: timestamp,
  isCollective: z.boolean(),
  headCount: z.number().int().nullable(),
  isMisconductReport: z.boolean(),
  deadline: z
    .object({
      kind: z.string(),
      dueAt: timestamp,
      dueDate: localDate,
      badge: BadgeSchema,
      daysLeft: z.number().int().optional(),
    })
    .nullable(),
});
export const MatterPage = page(QueueItemSchema);

export const MatterPetitionerSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  isRepresentative: z.boolean(),
  masked: z.boolean(),
});
export const MatterUnitSchema = z.object({
  unitId: z.number().int(),
  name: z.string(),
  role: z.enum(UNIT_ROLES),
  assignedAt: timestamp,
  signedAt: timestamp.nullable(),
  releasedAt: timestamp.nullable(),
  releaseReason: z.string().nullable(),
});
export const DecisionSchema = z.object({
  id: z.number().int(),
  kind: z.enum(DECISION_KINDS),
  outcome: z.string(),
  facts: z.string(),
  legalBasis: z.string(),
  body: z.string().nullable(),
  unitId: z.number().int().nullable(),
  decidedAt: timestamp,
});
export const MatterDeadlineSchema = z.object({
  kind: z.string(),
  main: z.boolean(),
  status: z.string(),
  startsAt: timestamp,
  dueAt: timestamp,
  dueDate: localDate,
  warnAt: timestamp.nullable(),
  warnedAt: timestamp.nullable(),
  overdueAt: timestamp.nullable(),
});
export const AttachmentSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int(),
  sha256: z.string(),
  uploaded_at: timestamp,
});
export const TimelineEntrySchema = z.object({
  /** Null for the matter's own events; the case (instruction, card …) an event belongs to otherwise. */
  caseId: z.number().int().nullable(),
  seq: z.number().int(),
  kind: z.string(),
  at: timestamp,
  actorKind: z.string(),
  actorName: z.string().nullable(),
  unitName: z.string().nullable(),
  public: z.boolean(),
  payload: z.record(z.string(), z.unknown()).nullable(),
});
export const MatterDetailSchema = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  queryCode: z.string(),
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  subject: z.string(),
  content: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  lodgedLevel: z.string().nullable(),
  target: z.string().nullable(),
  reportedUnitId: z.number().int().nullable(),
  reportedUnitName: z.string().nullable(),
  /** Units whose names match the petitioner's words (`target`), while the reported unit is unconfirmed. */
  reportedUnitSuggestions: z.array(
    z.object({ unitId: z.number().int(), name: z.string(), score: z.number() }),
  ),
  isMisconductReport: z.boolean(),
  headCount: z.number().int().nullable(),
  isCollective: z.boolean(),
  state: z.enum(MATTER_STATES),
  version: z.number().int(),
  receivedAt: timestamp,
  registeredAt: timestamp,
  acceptedAt: timestamp.nullable(),
  repliedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  extensionDays: z.number().int().nullable(),
  repeatOfId: z.number().int().nullable(),
  handedDownFrom: z.string().nullable(),
  petitioners: z.array(MatterPetitionerSchema),
  units: z.array(MatterUnitSchema),
  decisions: z.array(DecisionSchema),
  ratings: z.array(z.object({ rating: z.string(), comment: z.string().nullable(), ratedAt: timestamp })),
  deadlines: z.array(MatterDeadlineSchema),
  currentDeadline: z
    .object({ kind: z.string(), dueAt: timestamp, dueDate: localDate, badge: BadgeSchema })
    .nullable(),
  attachments: z.array(AttachmentSchema),
  timeline: z.array(TimelineEntrySchema),
  allowedActions: z.array(z.string()),
});

export const RoutingSuggestionSchema = z.object({
  action: z.enum(['assign', 'lawful_channel', 'discipline']),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  coUnitIds: z.array(z.number().int()),
  lawfulChannel: z.enum(LAWFUL_CHANNELS).nullable(),
  reasonZh: z.string(),
  reasonEn: z.string(),
  source: z.string(),
  score: z.number(),
});
export const RoutingSuggestions = z.object({ suggestions: z.array(RoutingSuggestionSchema) });
export const CategorySuggestionSchema = z.object({
  category: z.string(),
  confidence: z.number(),
  top: z.array(z.object({ category: z.string(), score: z.number() })),
  lowConfidence: z.boolean(),
});
export const SimilarMatterSchema = z.object({
  matterId: z.number().int(),
  caseNumber: z.string(),
  similarity: z.number(),
  sharedWords: z.array(z.string()),
  samePetitioner: z.boolean(),
});
export const RegisterResultSchema = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  queryCode: z.string(),
  state: z.enum(MATTER_STATES),
  receivedAt: timestamp,
  acceptanceDueDate: localDate,
  isCollective: z.boolean(),
  headCount: z.number().int().nullable(),
  petitionerIds: z.array(z.number().int()),
  routingSuggestions: z.array(RoutingSuggestionSchema),
  categorySuggestion: CategorySuggestionSchema.nullable(),
  similarMatters: z.array(SimilarMatterSchema),
});

/** What a lifecycle command answers: the new state and version, and what the command computed. */
export const CommandResultSchema = z.object({
  matterId: z.number().int(),
  state: z.enum(MATTER_STATES),
  version: z.number().int(),
  result: z.record(z.string(), z.unknown()),
});
export const SavedAttachmentSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  sha256: z.string(),
  size: z.number().int(),
});
export const UnmaskedPetitionerSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export const PetitionerMattersSchema = items(
  z.object({
    id: z.number().int(),
    caseNumber: z.string(),
    subject: z.string(),
    state: z.enum(MATTER_STATES),
    receivedAt: timestamp,
    repeatOfId: z.number().int().nullable(),
  }),
);
export const PetitionerHitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  matterCount: z.number().int(),
});
export const PetitionerHits = items(PetitionerHitSchema);

// ---- Text assistance and analytics ----

export const CategorySuggestionAnswer = z.object({ suggestion: CategorySuggestionSchema.nullable() });
export const SimilarAnswer = items(SimilarMatterSchema);
export const HotIssueSchema = z.object({
  rank: z.number().int(),
  label: z.string(),
  entity: z.string().nullable(),
  keywords: z.array(z.string()),
  matterIds: z.array(z.number().int()),
  caseNumbers: z.array(z.string()),
  size: z.number().int(),
  people: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  heat: z.number(),
  rising: z.boolean(),
  units: z.array(z.object({ id: z.number().int(), name: z.string(), matters: z.number().int() })),
});
export const HotIssuesAnswer = z.object({
  from: localDate,
  to: localDate,
  items: z.array(HotIssueSchema),
  matters: z.number().int(),
  truncated: z.boolean(),
  cap: z.number().int(),
  skipped: z.number().int(),
  note_zh: z.string().optional(),
  note_en: z.string().optional(),
});

// ---- Dashboard ----

const count = z.number().int().nonnegative();
/** Exact counts of the matters a user may see: all, by state and by deadline badge (no cap). */
export const DashboardSummarySchema = z.object({
  total: count,
  byState: z.record(z.enum(MATTER_STATES), count),
  byBadge: z.object({ overdue: count, warning: count, on_time: count }),
  /** Matters with no open main deadline (closed, suspended, not yet accepted…). */
  noDeadline: count,
});

// ---- Calendar ----

export const DayInfoSchema = z.object({
  date: localDate,
  working: z.boolean(),
  name: z.string().optional(),
  source: z.enum(['override', 'official', 'statutory-fallback', 'weekend', 'weekday']),
});
export const CalendarDueAnswer = z.object({
  from: localDate,
  days: z.number().int(),
  working: z.boolean(),
  due: localDate,
});
export const CalendarStatusAnswer = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      officialNotice: z.boolean(),
      warning_zh: z.string().nullable(),
      warning_en: z.string().nullable(),
    }),
  ),
});
export const CalendarDaysAnswer = items(DayInfoSchema);

// ---- Administration ----

export const AdminUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  email: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
});
export const AdminUserPage = page(AdminUserSchema);
export const UpdatedUserSchema = z.object({
  id: z.number().int(),
  displayName: z.string(),
  unitId: z.number().int(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  email: z.string().nullable(),
});
export const AdminUnitSchema = UnitSchema.extend({
  /** 发文机关代字 set by an administrator; null: derived from the name. */
  docCode: z.string().nullable(),
  remits: z.array(z.object({ regionCode: z.string(), categoryCode: z.string().nullable() })),
});
export const AdminUnitPage = page(AdminUnitSchema);
export const AdminCategorySchema = CategorySchema.extend({ active: z.boolean() });
export const AdminCategoryList = items(AdminCategorySchema);
export const TimeLimitSchema = z.object({
  kind: z.string(),
  amount: z.number().int(),
  unit: z.enum(LIMIT_UNITS),
  roll_forward: z.boolean(),
  warn_amount: z.number().int(),
  warn_unit: z.enum(LIMIT_UNITS),
  description_zh: z.string(),
  description_en: z.string(),
  updated_at: timestamp,
});
export const TimeLimitList = items(TimeLimitSchema);
export const CalendarOverrideSchema = z.object({
  date: localDate,
  kind: z.enum(['workday', 'holiday']),
  name: z.string().nullable(),
});
export const CalendarOverrideList = items(CalendarOverrideSchema);
export const RoutingRuleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  region_prefix: z.string(),
  category_code: z.string().nullable(),
  purpose: z.string().nullable(),
  keywords: z.array(z.string()),
  action: z.enum(['assign', 'lawful_channel', 'discipline']),
  unit_id: z.number().int().nullable(),
  co_unit_ids: z.array(z.number().int()),
  lawful_channel: z.string().nullable(),
  reason_zh: z.string(),
  reason_en: z.string(),
  priority: z.number().int(),
  active: z.boolean(),
  updated_at: timestamp,
});
export const RoutingRuleList = items(RoutingRuleSchema);
// What each administrative change answers: the key of what it changed and the values it stored
// (the list endpoints give the full rows). Creating a unit or saving a routing rule answers IdResult,
// removing a calendar correction Ok.
export const UnitChangeResult = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  level: z.enum(UNIT_LEVELS),
  regionCode: z.string(),
  parentId: z.number().int().nullable(),
  active: z.boolean(),
  docCode: z.string().nullable(),
});
export const CategoryChangeResult = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
});
export const CategoryCreated = z.object({ code: z.string(), level: z.number().int() });
export const RegionCreated = z.object({ code: z.string() });
export const TimeLimitChangeResult = z.object({
  kind: z.string(),
  amount: z.number().int(),
  unit: z.enum(LIMIT_UNITS),
  rollForward: z.boolean(),
  warnAmount: z.number().int(),
  warnUnit: z.enum(LIMIT_UNITS),
});
export const CalendarOverrideSaved = z.object({
  date: localDate,
  kind: z.enum(['workday', 'holiday']),
  name: z.string().optional(),
});

// ---- Portal ----

export const PublicReceiptSchema = z.object({
  caseNumber: z.string(),
  queryCode: z.string(),
  receivedAt: timestamp,
  acceptanceDueDate: localDate,
});
export const PublicDecisionSchema = z.object({
  kind: z.enum(DECISION_KINDS),
  outcome: z.string(),
  facts: z.string(),
  legalBasis: z.string(),
  body: z.string().nullable(),
  decidedAt: timestamp,
  unitName: z.string().nullable(),
  /** 文号 of the written decision; null for one issued before numbering began. */
  docNumber: z.string().nullable(),
  /** Review decisions: the last day to ask for second review. */
  recheckDueDate: localDate.nullable(),
});
/** The petitioner's own answer to the follow-up questionnaire (网上回访); nothing staff recorded. */
export const PublicFollowUpSchema = z.object({
  solved: z.enum(FOLLOW_UP_RESULTS),
  opinion: z.string().nullable(),
  answeredAt: timestamp,
});
export const PublicLookupSchema = z.object({
  caseNumber: z.string(),
  subject: z.string(),
  state: z.enum(MATTER_STATES),
  stateLabel: BilingualLabel,
  receivedAt: timestamp,
  timeline: z.array(z.object({ kind: z.string(), at: timestamp, text_zh: z.string(), text_en: z.string() })),
  reply: PublicDecisionSchema.nullable(),
  reviews: z.array(PublicDecisionSchema),
  rating: z
    .object({ rating: z.string(), comment: z.string().nullable().optional(), ratedAt: timestamp.optional() })
    .nullable(),
  canRate: z.boolean(),
  canRequestReview: z.boolean(),
  reviewDueDate: localDate.nullable(),
  canRequestRecheck: z.boolean(),
  recheckDueDate: localDate.nullable(),
  /** The questionnaire is open: the matter has its reply and the petitioner has not answered yet. */
  canFollowUp: z.boolean(),
  followUp: PublicFollowUpSchema.nullable(),
});
export const PublicCommandResultSchema = z.object({
  state: z.enum(MATTER_STATES),
  result: z.record(z.string(), z.unknown()),
});

export const HealthSchema = z.object({ ok: z.literal(true), database: z.string() });

// ---- Types for the web app ----

export type Badge = z.output<typeof BadgeSchema>;
export type User = WireOf<typeof UserSchema>;
export type Unit = WireOf<typeof UnitSchema>;
export type Session = WireOf<typeof SessionSchema>;
export type Region = WireOf<typeof RegionSchema>;
export type Category = WireOf<typeof CategorySchema>;
export type QueueItem = WireOf<typeof QueueItemSchema>;
export type QueueDeadline = NonNullable<QueueItem['deadline']>;
export type MatterPetitioner = WireOf<typeof MatterPetitionerSchema>;
export type MatterUnit = WireOf<typeof MatterUnitSchema>;
export type Decision = WireOf<typeof DecisionSchema>;
export type MatterDeadline = WireOf<typeof MatterDeadlineSchema>;
export type Attachment = WireOf<typeof AttachmentSchema>;
export type TimelineEntry = WireOf<typeof TimelineEntrySchema>;
export type MatterDetail = WireOf<typeof MatterDetailSchema>;
export type RoutingSuggestion = WireOf<typeof RoutingSuggestionSchema>;
export type CategorySuggestion = WireOf<typeof CategorySuggestionSchema>;
export type SimilarMatter = WireOf<typeof SimilarMatterSchema>;
export type RegisterResult = WireOf<typeof RegisterResultSchema>;
export type PetitionerHit = WireOf<typeof PetitionerHitSchema>;
export type PublicReceipt = WireOf<typeof PublicReceiptSchema>;
export type PublicLookup = WireOf<typeof PublicLookupSchema>;
export type PublicDecision = WireOf<typeof PublicDecisionSchema>;
export type PublicFollowUp = WireOf<typeof PublicFollowUpSchema>;
export type CommandResult = WireOf<typeof CommandResultSchema>;
export type HotIssues = WireOf<typeof HotIssuesAnswer>;
export type DashboardSummary = WireOf<typeof DashboardSummarySchema>;
export type AdminUser = WireOf<typeof AdminUserSchema>;
export type AdminUnit = WireOf<typeof AdminUnitSchema>;
export type TimeLimit = WireOf<typeof TimeLimitSchema>;
export type RoutingRule = WireOf<typeof RoutingRuleSchema>;
export type HotIssueItem = WireOf<typeof HotIssueSchema>;
export type LoginLock = WireOf<typeof LoginLockSchema>;
export type CalendarOverride = WireOf<typeof CalendarOverrideSchema>;
export type UnmaskedPetitioner = WireOf<typeof UnmaskedPetitionerSchema>;
export type PetitionerMatter = WireOf<typeof PetitionerMattersSchema>['items'][number];

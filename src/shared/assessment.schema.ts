/**
 * The API contract of responsibility letters (信访工作责任书), frozen year-end scorecards and
 * accountability records (责任追究), issue 14 item 4, shared with the web app.
 *
 * No server-only imports here: the web app bundles this module.
 */
import { z } from 'zod';
import { localDate, timestamp } from './api.schema.ts';
import { id, isoDate, regionCode, text } from './schemas.ts';
import {
  INDICATORS,
  LOWER_IS_BETTER,
  PeriodSchema,
  RATE_INDICATORS,
  ScorecardRowSchema,
  ScorecardWeightsSchema,
  StatsRegionSchema,
  TARGET_YEARS,
  type Indicator,
  type RateIndicator,
} from './stats.schema.ts';

// ---- Which indicators a letter may set a target on (issue 14 item 5) ----

/**
 * The indicators a letter may set a target on: the rates of the statistics, which measure how
 * matters were handled (on time, rated, satisfied, resolved at the first contact, followed up), less
 * 越级访率. None of the indicator set counts people petitioning; the cross-level rate is a share of
 * matters, but a target on it is a "control target" on petitions going higher by another name, which
 * rewards keeping people from petitioning: it stays a figure shown beside the targets, as a measure
 * of where matters were not resolved, never a target. The counts (cards, overdue, backlog) are live
 * states, not yearly results, and carry no target in the scorecard either.
 */
export const LETTER_INDICATORS = RATE_INDICATORS.filter(
  (k): k is Exclude<RateIndicator, 'cross_level_rate'> => k !== 'cross_level_rate',
);
export type LetterIndicator = (typeof LETTER_INDICATORS)[number];
/** Indicators of the set that are never a target nor a ground for accountability. */
export const NEVER_TARGETED: readonly Indicator[] = ['cross_level_rate'];
/** The figures an accountability record may cite: the letter's indicators and the unit's live counts. */
export const CITABLE_INDICATORS: readonly Indicator[] = INDICATORS.filter((k) => !NEVER_TARGETED.includes(k));

/** Whether meeting a target means staying at or below it (repeats, changes on review). */
export const targetIsCeiling = (k: Indicator): boolean => LOWER_IS_BETTER.includes(k);

/** The most targets one letter names: one per indicator. */
export const LETTER_TARGETS_MAX = LETTER_INDICATORS.length;

// ---- Responsibility letters ----

export const LETTER_STATES = ['draft', 'issued', 'signed', 'withdrawn'] as const;
export type LetterState = (typeof LETTER_STATES)[number];
export const LETTER_COMMANDS = ['issue', 'sign', 'amend', 'withdraw', 'comment'] as const;
export type LetterCommand = (typeof LETTER_COMMANDS)[number];

/**
 * A target as the body names it. The indicator stays a string here so that the service names an
 * unknown one, or one a letter may not target, in words (targets.N.indicator); a rate's target is
 * a ratio 0..1 like every rate of the statistics API (0.95 = 95 %).
 */
export const LetterTargetInput = z.object({ indicator: z.string().max(60), target: z.number() }).strict();
const Signatory = z.object({ name: text(100), title: text(100) }).strict();
const year = z.number().int().min(TARGET_YEARS.min).max(TARGET_YEARS.max);

export const CreateLetterInput = z
  .object({
    unitId: id,
    year,
    /** 年度信访工作目标责任书 by default. */
    title: text(200).optional(),
    /** 文号, e.g. 南信字〔2026〕3号. */
    docNumber: text(100).optional(),
    /** The duties the letter sets out; a standard text by default. */
    body: text(8000).optional(),
    targets: z.array(LetterTargetInput).min(1).max(LETTER_TARGETS_MAX),
    /** Who signs for the bureau (its leader). */
    bureauSignatory: Signatory,
  })
  .strict();
export const IssueLetterInput = z.object({ note: text(1000).optional() }).strict();
export const SignLetterInput = z
  .object({
    signedOn: isoDate,
    /** Who signs for the unit (its head). */
    unitSignatory: Signatory,
  })
  .strict();
export const AmendLetterInput = z
  .object({
    reason: text(2000),
    body: text(8000).optional(),
    targets: z.array(LetterTargetInput).min(1).max(LETTER_TARGETS_MAX).optional(),
  })
  .strict();
export const LetterReasonInput = z.object({ reason: text(2000) }).strict();
export const LetterCommentInput = z.object({ comment: text(2000) }).strict();

export const LetterListQuery = z
  .object({
    year: z
      .string()
      .regex(/^[0-9]{4}$/)
      .transform(Number)
      .pipe(year),
  })
  .strict();

export const TARGET_STATUSES = ['met', 'not_met', 'no_data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const LetterTargetSchema = z.object({
  indicator: z.enum(LETTER_INDICATORS),
  target: z.number(),
  /** At most the target (repeats, changes on review) rather than at least. */
  ceiling: z.boolean(),
  /** The unit's live figure for the letter's year so far. */
  numerator: z.number().int(),
  denominator: z.number().int().nullable(),
  actual: z.number().nullable(),
  status: z.enum(TARGET_STATUSES),
});
export type LetterTarget = z.infer<typeof LetterTargetSchema>;

const SignatorySchema = z.object({ name: z.string(), title: z.string() });

export const LetterSummarySchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  state: z.enum(LETTER_STATES),
  version: z.number().int(),
  title: z.string(),
  docNumber: z.string().nullable(),
  unitId: z.number().int(),
  unitName: z.string(),
  issuerUnitName: z.string(),
  revision: z.number().int(),
  issuedAt: timestamp.nullable(),
  signedOn: localDate.nullable(),
  met: z.number().int(),
  notMet: z.number().int(),
  noData: z.number().int(),
});

export const LetterRevisionSchema = z.object({
  revision: z.number().int(),
  reason: z.string().nullable(),
  createdByName: z.string(),
  createdAt: timestamp,
  targets: z.array(z.object({ indicator: z.string(), target: z.number() })),
});

export const LetterHistorySchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  at: timestamp,
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const LetterSchema = LetterSummarySchema.extend({
  body: z.string(),
  period: PeriodSchema,
  targets: z.array(LetterTargetSchema),
  /** Shown beside the targets, never a target: where the unit's matters went above its level. */
  context: z.array(
    z.object({
      indicator: z.enum(INDICATORS),
      numerator: z.number().int(),
      denominator: z.number().int().nullable(),
      value: z.number().nullable(),
    }),
  ),
  bureauSignatory: SignatorySchema,
  unitSignatory: SignatorySchema.nullable(),
  signedRecordedByName: z.string().nullable(),
  revisions: z.array(LetterRevisionSchema),
  history: z.array(LetterHistorySchema),
  allowedActions: z.array(z.enum(LETTER_COMMANDS)),
});
export type Letter = z.infer<typeof LetterSchema>;

export const LetterListSchema = z.object({
  year: z.number().int(),
  items: z.array(LetterSummarySchema),
  /** Whether the user may draft letters (a bureau's supervisor or administrator). */
  canIssue: z.boolean(),
  /** The units of the user's region a letter may go to, for the form. */
  units: z.array(z.object({ id: z.number().int(), name: z.string(), hasLetter: z.boolean() })),
});

// ---- Frozen scorecards ----

export const FreezeScorecardInput = z
  .object({
    year,
    /** The region whose scorecard is frozen: the user's unit's region by default. */
    scope: regionCode.optional(),
  })
  .strict();
export const CorrectScorecardInput = z.object({ reason: text(2000) }).strict();
export const FrozenListQuery = LetterListQuery;

export const FrozenScorecardSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  region: StatsRegionSchema,
  period: PeriodSchema,
  weights: ScorecardWeightsSchema,
  sha256: z.string(),
  /** Whether the stored snapshot still hashes to its stored SHA-256. */
  intact: z.boolean(),
  frozenAt: timestamp,
  frozenByName: z.string(),
  supersedesId: z.number().int().nullable(),
  supersededById: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** The ranked rows (only the user's own unit's, for a unit that sees only its own matters). */
  rows: z.array(ScorecardRowSchema),
});
export type FrozenScorecard = z.infer<typeof FrozenScorecardSchema>;
export const FrozenListSchema = z.object({
  year: z.number().int(),
  items: z.array(FrozenScorecardSchema),
  canFreeze: z.boolean(),
});

// ---- Accountability records ----

export const ACCOUNTABILITY_STATES = ['opened', 'responded', 'concluded', 'withdrawn'] as const;
export type AccountabilityState = (typeof ACCOUNTABILITY_STATES)[number];
export const ACCOUNTABILITY_COMMANDS = ['respond', 'conclude', 'return', 'withdraw', 'comment'] as const;
export type AccountabilityCommand = (typeof ACCOUNTABILITY_COMMANDS)[number];
/** 通报 (a notice of criticism), 约谈 (an admonishment talk), 书面检查 (a written self-examination). */
export const ACCOUNTABILITY_KINDS = ['notice', 'talk', 'self_examination'] as const;
export type AccountabilityKind = (typeof ACCOUNTABILITY_KINDS)[number];

export const ACCOUNTABILITY_MATTERS_MAX = 50;
export const ACCOUNTABILITY_FIGURES_MAX = 20;

export const CitedFigureInput = z
  .object({
    indicator: z.string().max(60),
    from: isoDate,
    to: isoDate,
    frozenScorecardId: id.optional(),
  })
  .strict();

export const OpenAccountabilityInput = z
  .object({
    unitId: id,
    kind: z.enum(ACCOUNTABILITY_KINDS),
    /** What the unit failed to do. */
    failure: text(4000),
    /** What it must do: a written self-examination, a rectification report … */
    demand: text(2000),
    /** 约谈: when, where and who takes part. */
    talk: z
      .object({ on: isoDate, place: text(200), participants: text(1000) })
      .strict()
      .optional(),
    /** The unit's response is due by; the configured time limit from today by default. */
    respondBy: isoDate.optional(),
    matterIds: z.array(id).max(ACCOUNTABILITY_MATTERS_MAX).default([]),
    figures: z.array(CitedFigureInput).max(ACCOUNTABILITY_FIGURES_MAX).default([]),
  })
  .strict();
export const RespondAccountabilityInput = z.object({ response: text(8000) }).strict();
export const ConcludeAccountabilityInput = z.object({ finding: text(4000) }).strict();
export const ReturnAccountabilityInput = z.object({ reason: text(2000), respondBy: isoDate }).strict();
export const AccountabilityReasonInput = z.object({ reason: text(2000) }).strict();
export const AccountabilityCommentInput = z.object({ comment: text(2000) }).strict();

export const CitedFigureSchema = z.object({
  indicator: z.enum(INDICATORS),
  period: PeriodSchema,
  numerator: z.number().int(),
  denominator: z.number().int().nullable(),
  value: z.number().nullable(),
  frozenScorecardId: z.number().int().nullable(),
  frozenValue: z.number().nullable(),
  frozenRank: z.number().int().nullable(),
  capturedAt: timestamp,
});

export const AccountabilitySummarySchema = z.object({
  id: z.number().int(),
  state: z.enum(ACCOUNTABILITY_STATES),
  version: z.number().int(),
  kind: z.enum(ACCOUNTABILITY_KINDS),
  unitId: z.number().int(),
  unitName: z.string(),
  issuerUnitName: z.string(),
  openedByName: z.string(),
  openedAt: timestamp,
  respondBy: localDate,
  overdue: z.boolean(),
  failure: z.string(),
});

export const AccountabilitySchema = AccountabilitySummarySchema.extend({
  demand: z.string(),
  talk: z.object({ on: localDate, place: z.string(), participants: z.string() }).nullable(),
  response: z.string().nullable(),
  respondedByName: z.string().nullable(),
  respondedAt: timestamp.nullable(),
  finding: z.string().nullable(),
  closedAt: timestamp.nullable(),
  matters: z.array(z.object({ id: z.number().int(), caseNumber: z.string(), subject: z.string() })),
  figures: z.array(CitedFigureSchema),
  history: z.array(LetterHistorySchema),
  allowedActions: z.array(z.enum(ACCOUNTABILITY_COMMANDS)),
});
export type Accountability = z.infer<typeof AccountabilitySchema>;

export const AccountabilityListSchema = z.object({
  items: z.array(AccountabilitySummarySchema),
  canOpen: z.boolean(),
  units: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

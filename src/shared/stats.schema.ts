/**
 * The statistics API's contract (issue 12): the query parameters and the answers of `/api/stats/*`,
 * shared by the server, the CLI and the web app. Definitions of every figure: ../shared/spec/indicators.md,
 * shown to users from src/shared/stats-definitions.ts.
 *
 * No server-only imports here: the web app bundles this module.
 */
import { z } from 'zod';

/** What a volume table can be split by. `category1..3` are the levels of the category tree. */
export const VOLUME_DIMENSIONS = [
  'level',
  'channel',
  'purpose',
  'category1',
  'category2',
  'category3',
  'region',
  'unit',
  'state',
  'year',
  'month',
] as const;
export type VolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

/** The procedure indicators of indicators.md, in the order reports list them. */
export const INDICATORS = [
  'on_time_acceptance',
  'on_time_completion',
  'rating_rate',
  'satisfaction',
  'repeat_rate',
  'first_contact_resolution',
  'cross_level_rate',
  'changed_on_review',
  'follow_up_coverage',
  'follow_up_solved',
  'cards_received',
  'overdue_now',
  'backlog',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const count = z.number().int().nonnegative();

/** The six volume figures of a petition report. */
export const VolumeFiguresSchema = z.object({
  /** 件次: matters received. */
  cases: count,
  /** 人次: people, the head count of each matter summed. */
  people: count,
  /** 来访批次: visit matters. */
  visitBatches: count,
  /** 来访人次. */
  visitPeople: count,
  /** 集体访批次: visits of at least the collective threshold (5 people). */
  collectiveBatches: count,
  collectivePeople: count,
});
export type VolumeFigures = z.infer<typeof VolumeFiguresSchema>;

export const VolumeRowSchema = VolumeFiguresSchema.extend({
  /** The dimension's code (`visit`, `city`, a region code, a unit id…); null on the total row. */
  key: z.string().nullable(),
  label: z.string(),
  labelEn: z.string(),
  /** The same figures for the same days a year before. */
  previous: VolumeFiguresSchema,
});
export type VolumeRow = z.infer<typeof VolumeRowSchema>;

export const PeriodSchema = z.object({ from: z.iso.date(), to: z.iso.date() });

export const StatsRegionSchema = z.object({ code: z.string(), name: z.string() });

export const VolumeTableSchema = z.object({
  period: PeriodSchema,
  previousPeriod: PeriodSchema,
  region: StatsRegionSchema,
  by: z.enum(VOLUME_DIMENSIONS).nullable(),
  rows: z.array(VolumeRowSchema),
  total: VolumeRowSchema,
  generatedAt: z.union([z.date(), z.iso.datetime({ offset: true })]),
});
export type VolumeTable = z.infer<typeof VolumeTableSchema>;

export const IndicatorFigureSchema = z.object({
  indicator: z.enum(INDICATORS),
  numerator: count,
  /** Null for the counts (overdue now, backlog), which are not rates. */
  denominator: count.nullable(),
  /** numerator / denominator, 0..1; null when the denominator is 0 or the figure is a count. */
  value: z.number().nullable(),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigureSchema>;

export const IndicatorSetSchema = z.object({
  period: PeriodSchema,
  region: StatsRegionSchema,
  unitId: z.number().int().nullable(),
  category: z.string().nullable(),
  figures: z.array(IndicatorFigureSchema),
  generatedAt: z.union([z.date(), z.iso.datetime({ offset: true })]),
});
export type IndicatorSet = z.infer<typeof IndicatorSetSchema>;

export const AnnualRowSchema = z.object({
  year: z.number().int(),
  /** The part of the year inside the period asked for. */
  period: PeriodSchema,
  /** 信访总量 件次 / 人次. */
  cases: count,
  people: count,
  /** 县级集体访 批次 / 人次: collective visits lodged at county level. */
  countyCollectiveBatches: count,
  countyCollectivePeople: count,
  /** 赴市访 批次 / 人次: visits lodged at city level. */
  cityVisitBatches: count,
  cityVisitPeople: count,
  /** 赴省访 件次 / 人次. */
  provinceVisitCases: count,
  provinceVisitPeople: count,
  /** 进京访 件次 / 人次. */
  nationalVisitCases: count,
  nationalVisitPeople: count,
});
export type AnnualRow = z.infer<typeof AnnualRowSchema>;

export const AnnualTableSchema = z.object({
  period: PeriodSchema,
  region: StatsRegionSchema,
  rows: z.array(AnnualRowSchema),
  generatedAt: z.union([z.date(), z.iso.datetime({ offset: true })]),
});
export type AnnualTable = z.infer<typeof AnnualTableSchema>;

/** The signed change against the year before, as a ratio (0.125 = +12.5 %); null when there was nothing. */
export function yearOnYear(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

// ---- Unit scorecards and unit comparison (issue 12, items 3 and 4) ----

/** The indicators that are rates (numerator / denominator): what may carry a target and a weight. */
export const RATE_INDICATORS = [
  'on_time_acceptance',
  'on_time_completion',
  'rating_rate',
  'satisfaction',
  'repeat_rate',
  'first_contact_resolution',
  'cross_level_rate',
  'changed_on_review',
  'follow_up_coverage',
  'follow_up_solved',
] as const satisfies readonly Indicator[];
export type RateIndicator = (typeof RATE_INDICATORS)[number];

/**
 * The figures where less is better: a unit ranks higher the lower they are, and a weight on one of
 * them scores 1 − rate. The other rates rank and score the higher the better.
 */
export const LOWER_IS_BETTER: readonly Indicator[] = [
  'repeat_rate',
  'cross_level_rate',
  'changed_on_review',
  'cards_received',
  'overdue_now',
  'backlog',
];

const points = z.number().min(0).max(100);

/**
 * How a scorecard scores (configuration, app_settings 'scorecard_weights'): points for each weighted
 * rate and points off for each repeat matter. The formula: analytics/scorecard-score.ts.
 */
export const ScorecardWeightsSchema = z.strictObject({
  /** Points a rate of 100 % earns (0 % where less is better); a rate left out is not scored. */
  weights: z.partialRecord(z.enum(RATE_INDICATORS), points),
  /** Points taken off for each repeat matter the unit leads, received in the period. */
  repeatPenalty: points,
  /**
   * Points taken off for each matter under a supervision card issued to the unit in the period (the
   * grid systems' penalty points per card; 0 in the published scheme, and for settings saved before).
   */
  cardPenalty: points.default(0),
});
export type ScorecardWeights = z.infer<typeof ScorecardWeightsSchema>;

/** The published local scheme: 及时受理率 ×5, 按期办结率 ×10, 满意率 ×10, 参评率 ×5, −1 per repeat matter. */
export const DEFAULT_SCORECARD_WEIGHTS: ScorecardWeights = {
  weights: { on_time_acceptance: 5, on_time_completion: 10, satisfaction: 10, rating_rate: 5 },
  repeatPenalty: 1,
  cardPenalty: 0,
};

/** A year a target is set for (the 年度 of a responsibility letter). */
export const TARGET_YEARS = { min: 1990, max: 2099 } as const;

/** A target: a ratio 0..1 with at most four decimals (95.25 % is 0.9525), as the table stores it. */
const target = z.number().min(0).max(1).multipleOf(0.0001);

/** PUT /api/admin/unit-targets/:unitId/:year: each indicator named is set, or cleared with null. */
export const UnitTargetsInput = z.strictObject({
  targets: z.partialRecord(z.enum(RATE_INDICATORS), target.nullable()),
});
export type UnitTargetsInput = z.infer<typeof UnitTargetsInput>;

export const UnitTargetsSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  targets: z.partialRecord(z.enum(RATE_INDICATORS), z.number()),
  /** The latest change to any of them (null: none set). */
  updatedAt: z.union([z.date(), z.iso.datetime({ offset: true })]).nullable(),
  updatedBy: z.number().int().nullable(),
});
export type UnitTargets = z.infer<typeof UnitTargetsSchema>;

/** The units with at least one target in the year, by unit id. */
export const UnitTargetList = z.object({ year: z.number().int(), items: z.array(UnitTargetsSchema) });

export const ScorecardFigureSchema = IndicatorFigureSchema.extend({
  /** The unit's target for the year (rates only); null: none set. */
  target: z.number().nullable(),
  /** value − target; null when either is. Negative is short of the target, except where less is better. */
  gap: z.number().nullable(),
  /** The weight the score gives this rate; null: not scored. */
  weight: z.number().nullable(),
  /** weight × rate (× (1 − rate) where less is better); null when not scored or nothing was counted. */
  points: z.number().nullable(),
});
export type ScorecardFigure = z.infer<typeof ScorecardFigureSchema>;

const unitColumns = {
  unitId: z.number().int(),
  unitName: z.string(),
  level: z.string(),
  kind: z.string(),
  /** Units of the same level and kind in this answer, the unit included. */
  peers: count,
  /** Among those peers, 1 = best; equal figures share a rank; a unit with nothing counted is last. */
  rank: z.number().int().positive(),
};

export const ScorecardRowSchema = z.object({
  ...unitColumns,
  /** Whether any of the unit's figures counted a row; if not, its score is null and it ranks last. */
  hasRows: z.boolean(),
  /** Σ points − penalty, to four decimals; null without rows. */
  score: z.number().nullable(),
  /** The unit's repeat matters received in the period (the numerator of its repeat rate). */
  repeatMatters: count,
  /** The matters under supervision cards issued to the unit in the period (被督办件次). */
  cardMatters: count,
  /** Points off: repeatPenalty × repeatMatters + cardPenalty × cardMatters. */
  penalty: z.number(),
  figures: z.array(ScorecardFigureSchema),
});
export type ScorecardRow = z.infer<typeof ScorecardRowSchema>;

export const ScorecardSchema = z.object({
  period: PeriodSchema,
  region: StatsRegionSchema,
  category: z.string().nullable(),
  /** Whose targets: the year of the period's last day unless asked. */
  year: z.number().int(),
  weights: ScorecardWeightsSchema,
  /** By peer group (level from the top, then kind), then rank, then unit. */
  rows: z.array(ScorecardRowSchema),
  generatedAt: z.union([z.date(), z.iso.datetime({ offset: true })]),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

export const UnitComparisonRowSchema = z.object({
  ...unitColumns,
  numerator: count,
  denominator: count.nullable(),
  value: z.number().nullable(),
});
export type UnitComparisonRow = z.infer<typeof UnitComparisonRowSchema>;

export const UnitComparisonSchema = z.object({
  period: PeriodSchema,
  region: StatsRegionSchema,
  category: z.string().nullable(),
  indicator: z.enum(INDICATORS),
  /** Whether a lower figure ranks higher (repeats, cross-level, changed on review, overdue, backlog). */
  lowerIsBetter: z.boolean(),
  /** Ranked by the rate (by the count for overdue now and backlog) within each peer group. */
  rows: z.array(UnitComparisonRowSchema),
  generatedAt: z.union([z.date(), z.iso.datetime({ offset: true })]),
});
export type UnitComparison = z.infer<typeof UnitComparisonSchema>;

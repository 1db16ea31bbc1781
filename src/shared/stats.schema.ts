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

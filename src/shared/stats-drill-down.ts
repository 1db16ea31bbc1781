/**
 * From a cell of a volume table to the matters behind it (issue 12, item 3: "drill-down from any
 * cell"): the queue's filter (GET /api/matters, lifecycle/matter.queries.ts) that lists exactly the
 * matters a cell counts, so the queue's total equals the cell's 件次. Shared by the statistics page
 * (its links) and the test that checks the equality on both databases.
 *
 * No server-only imports here: the web app bundles this module.
 */
import type { AnnualRow, AnnualTable, VolumeFigures, VolumeRow, VolumeTable } from './stats.schema.ts';

export type VolumeFigure = keyof VolumeFigures;

/** The six figures in the order a report lists them. */
export const VOLUME_FIGURES = [
  'cases',
  'people',
  'visitBatches',
  'visitPeople',
  'collectiveBatches',
  'collectivePeople',
] as const satisfies readonly VolumeFigure[];

/** The queue's parameters of a volume drill-down (all strings, as in an address). */
export interface VolumeDrillDown {
  /** Received on these Beijing days, both included. */
  receivedFrom: string;
  receivedTo: string;
  regionCode: string;
  /** The matters placed at regionCode itself, not below it. */
  regionExact?: 'true';
  lodgedLevel?: string;
  channel?: string;
  purpose?: string;
  state?: string;
  /** A category subtree, or `uncategorised`. */
  category?: string;
  /** The level of the table's category split (a coarser category then stands for itself only). */
  categoryLevel?: string;
  /** The lead unit's id, or `none`. */
  leadUnit?: string;
  collective?: 'true';
}

type Table = Pick<VolumeTable, 'period' | 'previousPeriod' | 'region' | 'by'>;

/** The days of a year ('2026') or month ('2026-03') key. */
function spanOf(key: string): { from: string; to: string } {
  if (key.length === 4) return { from: `${key}-01-01`, to: `${key}-12-31` };
  const [y, m] = key.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${key}-01`, to: `${key}-${String(last).padStart(2, '0')}` };
}

/** A year or month key a year earlier ('2026-03' → '2025-03'). */
export function yearBefore(key: string): string {
  return `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;
}

/** A year or month key a year later ('2025-03' → '2026-03'): the row a 上年同期 figure stands on. */
export function yearAfter(key: string): string {
  return `${Number(key.slice(0, 4)) + 1}${key.slice(4)}`;
}

/**
 * The queue's filter for the matters one cell counts: the table's period (or the year before's, for
 * a 上年同期 cell), its region, the row's value of the split and the figure's own condition (visits;
 * collective visits). 人次 cells list the same matters as their 件次 cells: the people are theirs.
 * Null when no matter can be behind the cell (a visit column of a non-visit channel's row, a month
 * outside the period).
 */
export function volumeDrillDown(
  table: Table,
  row: Pick<VolumeRow, 'key'>,
  figure: VolumeFigure,
  previous = false,
): VolumeDrillDown | null {
  let period = previous ? table.previousPeriod : table.period;
  const out: VolumeDrillDown = {
    receivedFrom: period.from,
    receivedTo: period.to,
    regionCode: table.region.code,
  };
  if (figure === 'visitBatches' || figure === 'visitPeople') out.channel = 'visit';
  if (figure === 'collectiveBatches' || figure === 'collectivePeople') out.collective = 'true';
  const key = row.key;
  if (key === null || table.by === null) return out;
  switch (table.by) {
    case 'level':
      out.lodgedLevel = key;
      break;
    case 'channel':
      if (out.channel && out.channel !== key) return null;
      out.channel = key;
      break;
    case 'purpose':
      out.purpose = key;
      break;
    case 'state':
      out.state = key;
      break;
    case 'category1':
    case 'category2':
    case 'category3':
      out.category = key;
      if (key !== 'uncategorised') out.categoryLevel = table.by.slice(-1);
      break;
    case 'region':
      if (key === table.region.code) out.regionExact = 'true';
      else out.regionCode = key;
      break;
    case 'unit':
      out.leadUnit = key === 'unassigned' ? 'none' : key;
      break;
    case 'year':
    case 'month': {
      const span = spanOf(previous ? yearBefore(key) : key);
      period = {
        from: span.from > period.from ? span.from : period.from,
        to: span.to < period.to ? span.to : period.to,
      };
      if (period.from > period.to) return null;
      out.receivedFrom = period.from;
      out.receivedTo = period.to;
      break;
    }
  }
  return out;
}

type AnnualCount = Exclude<keyof AnnualRow, 'year' | 'period'>;

/** Which volume cell (level lodged, figure) each column of the annual table reads (analytics/annual.ts). */
const ANNUAL_CELLS: Record<AnnualCount, [level: string | null, figure: VolumeFigure]> = {
  cases: [null, 'cases'],
  people: [null, 'people'],
  countyCollectiveBatches: ['county', 'collectiveBatches'],
  countyCollectivePeople: ['county', 'collectivePeople'],
  cityVisitBatches: ['city', 'visitBatches'],
  cityVisitPeople: ['city', 'visitPeople'],
  provinceVisitCases: ['province', 'visitBatches'],
  provinceVisitPeople: ['province', 'visitPeople'],
  nationalVisitCases: ['national', 'visitBatches'],
  nationalVisitPeople: ['national', 'visitPeople'],
};

/** The queue's filter for the matters behind one cell of the annual table: its year's days, its level and figure. */
export function annualDrillDown(
  table: Pick<AnnualTable, 'region'>,
  row: Pick<AnnualRow, 'period'>,
  column: AnnualCount,
): VolumeDrillDown {
  const [level, figure] = ANNUAL_CELLS[column];
  return volumeDrillDown(
    { period: row.period, previousPeriod: row.period, region: table.region, by: 'level' },
    { key: level },
    figure,
  )!;
}

import { z } from 'zod';
import {
  INDICATORS,
  VOLUME_DIMENSIONS,
  type Indicator,
  type VolumeDimension,
} from '../../../src/shared/stats.schema.ts';

/**
 * The statistics page's controls as the address's search parameters (like the queue's): a link or
 * a reload shows the same figures. A value that makes no sense (a hand-edited address) falls back to
 * its default instead of failing the page.
 */
export const STATS_TABS = ['volume', 'indicators', 'units', 'scorecard', 'trend', 'annual'] as const;
export type StatsTab = (typeof STATS_TABS)[number];

/** How the period was chosen: a year, a quarter or a month (to date when it is the current one), or any range. */
export const PERIOD_KINDS = ['year', 'quarter', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const year = z.coerce.number().int().min(1990).max(2099).optional().catch(undefined);

export const StatsSearch = z.object({
  tab: z.enum(STATS_TABS).optional().catch(undefined),
  period: z.enum(PERIOD_KINDS).optional().catch(undefined),
  from: date,
  to: date,
  region: z.coerce
    .string()
    .regex(/^\d{2,15}$/)
    .optional()
    .catch(undefined),
  by: z.enum(VOLUME_DIMENSIONS).optional().catch(undefined),
  /** The indicators' unit and category. */
  unit: z.coerce.number().int().min(1).optional().catch(undefined),
  category: z.coerce.string().trim().min(1).max(80).optional().catch(undefined),
  /** The unit ranking's indicator. */
  indicator: z.enum(INDICATORS).optional().catch(undefined),
  /** The annual table's years. */
  fromYear: year,
  toYear: year,
});
export type StatsSearch = z.infer<typeof StatsSearch>;

export interface StatsQuery {
  tab: StatsTab;
  period: PeriodKind;
  from: string;
  to: string;
  region?: string;
  by: VolumeDimension;
  unit?: number;
  category?: string;
  indicator: Indicator;
  fromYear: number;
  toYear: number;
}

/** Today's date in Beijing, the day matters are counted in (a browser in UTC would be a day behind before 08:00). */
export function chinaToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The days of the year, quarter or month that `anchor` lies in. The current one ends today, so that
 * its 上年同期 is the same days of last year and the change compares like with like.
 */
export function namedPeriod(
  kind: Exclude<PeriodKind, 'range'>,
  anchor: string,
  today: string,
): { from: string; to: string } {
  const y = Number(anchor.slice(0, 4));
  const mo = Number(anchor.slice(5, 7));
  const [first, last] =
    kind === 'year'
      ? [1, 12]
      : kind === 'quarter'
        ? [mo - ((mo - 1) % 3), mo - ((mo - 1) % 3) + 2]
        : [mo, mo];
  const from = `${y}-${pad(first)}-01`;
  const end = `${y}-${pad(last)}-${pad(lastDay(y, last))}`;
  return { from, to: end > today && from <= today ? today : end };
}

/** The search parameters with their defaults: this year to date, split by the level lodged. */
export function statsQueryOf(s: StatsSearch, today: string): StatsQuery {
  const thisYear = Number(today.slice(0, 4));
  const period = s.period ?? 'year';
  const named = namedPeriod('year', today, today);
  let from = s.from ?? named.from;
  let to = s.to ?? (s.from ? s.from : named.to);
  if (from > to) [from, to] = [to, from];
  const toYear = s.toYear ?? thisYear;
  return {
    tab: s.tab ?? 'volume',
    period,
    from,
    to,
    ...(s.region ? { region: s.region } : {}),
    by: s.by ?? 'level',
    ...(s.unit ? { unit: s.unit } : {}),
    ...(s.category ? { category: s.category } : {}),
    indicator: s.indicator ?? 'on_time_completion',
    fromYear: Math.min(s.fromYear ?? toYear - 4, toYear),
    toYear,
  };
}

/** The next search parameters after a change, without the defaults (a short address). */
export function nextStatsSearch(current: StatsSearch, patch: Partial<StatsSearch>): StatsSearch {
  const next: Record<string, unknown> = { ...current, ...patch };
  for (const [k, v] of Object.entries(next)) if (v === undefined || v === '' || v === null) delete next[k];
  return next;
}

/** The annual table's period: whole years, the current one to date. */
export function annualPeriod(q: Pick<StatsQuery, 'fromYear' | 'toYear'>, today: string) {
  const end = `${q.toYear}-12-31`;
  return { from: `${q.fromYear}-01-01`, to: end > today ? today : end };
}

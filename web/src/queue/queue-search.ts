import { z } from 'zod';
import { INDICATORS, type Indicator, type IndicatorSet } from '../../../src/shared/stats.schema.ts';

/**
 * The queue's filters as the address's search parameters: a filtered queue is a link to share, and
 * back and reload keep it. A value that makes no sense (a hand-edited address) falls back to its
 * default instead of failing the page; codes that look like numbers ("440305") stay strings.
 */
const text = z.coerce.string().trim().min(1).optional().catch(undefined);

export const QueueSearch = z.object({
  mine: z.enum(['all', 'unit']).optional().catch(undefined),
  state: text,
  channel: text,
  purpose: text,
  categoryCode: text,
  regionCode: text,
  deadline: z.enum(['on_time', 'warning', 'overdue']).optional().catch(undefined),
  q: text,
  sort: z.enum(['registered_at', 'due_at', 'case_number']).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
  // A drill-down from a statistics figure: the matters behind one part of one indicator.
  indicator: z.enum(INDICATORS).optional().catch(undefined),
  part: z.enum(['numerator', 'denominator']).optional().catch(undefined),
  from: text,
  to: text,
  statsUnit: z.coerce.number().int().min(1).optional().catch(undefined),
  statsCategory: text,
  // A drill-down from a volume cell (src/shared/stats-drill-down.ts): the matters one cell counts.
  receivedFrom: text,
  receivedTo: text,
  regionExact: z.enum(['true']).optional().catch(undefined),
  lodgedLevel: text,
  leadUnit: text,
  category: text,
  categoryLevel: text,
  collective: z.enum(['true', 'false']).optional().catch(undefined),
});
export type QueueSearch = z.infer<typeof QueueSearch>;

export interface QueueQuery {
  mine: 'all' | 'unit';
  state?: string;
  channel?: string;
  purpose?: string;
  categoryCode?: string;
  regionCode?: string;
  deadline?: string;
  q?: string;
  sort: 'registered_at' | 'due_at' | 'case_number';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  indicator?: Indicator;
  part?: 'numerator' | 'denominator';
  from?: string;
  to?: string;
  statsUnit?: number;
  statsCategory?: string;
  receivedFrom?: string;
  receivedTo?: string;
  regionExact?: 'true';
  lodgedLevel?: string;
  leadUnit?: string;
  category?: string;
  categoryLevel?: string;
  collective?: 'true' | 'false';
}

/** The drill-down's parameters, all cleared at once when its banner is dismissed. */
export const DRILL_DOWN_CLEARED: Partial<QueueQuery> = {
  indicator: undefined,
  part: undefined,
  from: undefined,
  to: undefined,
  statsUnit: undefined,
  statsCategory: undefined,
};

/** A volume cell's drill-down, cleared at once by its banner (the region stays: it is a filter of its own). */
export const VOLUME_DRILL_DOWN_CLEARED: Partial<QueueQuery> = {
  receivedFrom: undefined,
  receivedTo: undefined,
  regionExact: undefined,
  lodgedLevel: undefined,
  leadUnit: undefined,
  category: undefined,
  categoryLevel: undefined,
  collective: undefined,
};

/**
 * The queue's search parameters that list exactly the matters behind one part of a figure of an
 * indicator set: its period, region, unit and category, as the server computed them.
 */
export function drillDownSearch(
  set: Pick<IndicatorSet, 'period' | 'region' | 'unitId' | 'category'>,
  indicator: Indicator,
  part: 'numerator' | 'denominator',
): QueueSearch {
  return {
    indicator,
    part,
    from: set.period.from,
    to: set.period.to,
    regionCode: set.region.code,
    ...(set.unitId !== null ? { statsUnit: set.unitId } : {}),
    ...(set.category !== null ? { statsCategory: set.category } : {}),
  };
}

/** The search parameters with their defaults filled in: what the queue endpoint is asked. */
export function queueQueryOf(s: QueueSearch): QueueQuery {
  return {
    ...s,
    mine: s.mine ?? 'all',
    sort: s.sort ?? 'registered_at',
    order: s.order ?? 'desc',
    page: s.page ?? 1,
    pageSize: s.pageSize ?? 20,
  };
}

/** The next search parameters after a change; a new filter starts again at page 1. */
export function nextQueueSearch(current: QueueSearch, patch: Partial<QueueQuery>): QueueSearch {
  const next: Record<string, unknown> = { ...current, ...patch };
  if (!('page' in patch)) delete next.page;
  for (const [k, v] of Object.entries(next)) if (v === undefined || v === '' || v === null) delete next[k];
  return next;
}

const LAST_SEARCH = 'minsheng.queue.search';

/** The queue as last filtered in this tab: "back to the queue" from a matter returns to it. */
export function rememberQueueSearch(s: QueueSearch): void {
  try {
    sessionStorage.setItem(LAST_SEARCH, JSON.stringify(s));
  } catch {
    // storage refused (private mode): the link goes to the unfiltered queue
  }
}

export function lastQueueSearch(): QueueSearch {
  try {
    return QueueSearch.parse(JSON.parse(sessionStorage.getItem(LAST_SEARCH) ?? '{}'));
  } catch {
    return {};
  }
}

import { expressionBuilder, sql, type RawBuilder } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf } from '../calendar/index.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { fieldError } from '../errors/app-error.ts';
import {
  INDICATORS,
  type Indicator,
  type IndicatorFigure,
  type IndicatorSet,
} from '../shared/stats.schema.ts';
import {
  CARD_ROWS,
  INDICATOR_SQL,
  matterFilter,
  matterHasRows,
  rowCondition,
  type IndicatorParams,
  type IndicatorPart,
  type IndicatorSql,
  type ItemSource,
} from './indicators.sql.ts';
import { parsePeriod, periodBounds, type Period } from './period.ts';
import { resolveStatsScope, visibleInScope, type StatsScope } from './stats-scope.ts';

export interface IndicatorFilter {
  period: Period;
  unitId: number | null;
  /** A category code: the matter's category or any below it in the tree. */
  category: string | null;
}

export interface ResolvedFilter {
  unitId: number | null;
  categoryCodes: string[] | null;
}

/** Checks that the unit and the category exist; a category stands for its whole subtree. */
export async function resolveFilter(
  db: Db,
  f: { unitId: number | null; category: string | null },
  paths: { unit: string; category: string },
): Promise<ResolvedFilter> {
  if (f.unitId !== null) {
    const unit = await db.selectFrom('units').select('id').where('id', '=', f.unitId).executeTakeFirst();
    if (!unit) throw fieldError(paths.unit, `未知的单位 ${f.unitId}`, `unknown unit ${f.unitId}`);
  }
  let categoryCodes: string[] | null = null;
  if (f.category !== null) {
    const rows = await sql<{ code: string }>`
      WITH RECURSIVE sub(code) AS (
        SELECT code FROM categories WHERE code = ${f.category}
        UNION ALL
        SELECT c.code FROM categories c JOIN sub ON c.parent_code = sub.code
      ) SELECT code FROM sub`.execute(db);
    if (rows.rows.length === 0)
      throw fieldError(paths.category, `未知的问题分类 ${f.category}`, `unknown category ${f.category}`);
    categoryCodes = rows.rows.map((r) => r.code);
  }
  return { unitId: f.unitId, categoryCodes };
}

export const fieldPath = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

export const paramsOf = (period: Period, now: Date): IndicatorParams => ({
  ...periodBounds(period),
  from: period.from,
  to: period.to,
  now,
});

/** Where each kind of row is read, under the alias its conditions use, with its matter as `m`. */
export const TABLES: Record<ItemSource, { table: RawBuilder<unknown>; alias: RawBuilder<unknown> }> = {
  deadlines: { table: sql`deadlines`, alias: sql.raw('sd') },
  decisions: { table: sql`decisions`, alias: sql.raw('sdc') },
  matters: { table: sql`matters`, alias: sql.raw('m') },
  cards: { table: CARD_ROWS, alias: sql.raw('scm') },
};

/**
 * The indicators that count the same rows under the same unit rule, grouped so each group is one
 * query (`unitRule` says which rule: the filter's for one unit, the value's for all units).
 */
export function indicatorGroups(unitRule: (def: IndicatorSql) => unknown): Indicator[][] {
  const groups = new Map<unknown, Map<boolean, Indicator[]>>();
  for (const k of INDICATORS) {
    const def = INDICATOR_SQL[k];
    const byCount = groups.get(unitRule(def)) ?? new Map<boolean, Indicator[]>();
    byCount.set(def.count, [...(byCount.get(def.count) ?? []), k]);
    groups.set(unitRule(def), byCount);
  }
  return [...groups.values()].flatMap((byCount) => [...byCount.values()]);
}

/** What one group's query selects and reads: its count columns, its rows, and its matter joined as m. */
export function groupQueryParts(keys: Indicator[], p: IndicatorParams) {
  const def = INDICATOR_SQL[keys[0]!];
  const { table, alias } = TABLES[def.source];
  const columns = sql.join(
    keys.flatMap((k) => [
      sql`count(*) FILTER (WHERE ${rowCondition(k, 'denominator', p, null)}) AS ${sql.id(`${k}_d`)}`,
      sql`count(*) FILTER (WHERE ${rowCondition(k, 'numerator', p, null)}) AS ${sql.id(`${k}_n`)}`,
    ]),
  );
  // Only rows that some indicator counts are read: each branch is an indexable range.
  const any = sql<boolean>`(${sql.join(
    keys.map((k) => rowCondition(k, 'denominator', p, null)),
    sql` OR `,
  )})`;
  const withMatter = def.source === 'matters' ? sql`` : sql` JOIN matters m ON m.id = ${alias}.matter_id`;
  return { def, table, alias, columns, any, withMatter };
}

/**
 * The procedure indicators of indicators.md for a period, a region subtree (the scope's), optionally
 * a unit and a category, counting only the matters the user may see. One grouped query per kind of
 * row counted, way of naming its unit and period or live (limits due, open limits, replies, reviews,
 * matters, open matters), whatever the number of indicators. Counted from the matters through the
 * access rule in both scope modes: these rows are not in the volume rollups.
 */
export async function computeIndicators(
  db: Db,
  scope: StatsScope,
  filter: IndicatorFilter,
  now: Date,
  /** Where the unit and category came from, as errors name them ('querystring' over HTTP). */
  fieldPrefix = '',
): Promise<IndicatorSet> {
  const resolved = await resolveFilter(db, filter, {
    unit: fieldPath(fieldPrefix, 'unit'),
    category: fieldPath(fieldPrefix, 'category'),
  });
  const p = paramsOf(filter.period, now);
  const matters = matterFilter(scope.region.code, resolved.categoryCodes);
  const visible = visibleInScope(scope)(expressionBuilder<Database & { m: Database['matters'] }, 'm'>());
  const counts = new Map<string, number>();
  // The groups are independent reads: on PostgreSQL they run side by side on the pool.
  const rows = await Promise.all(
    indicatorGroups((def) => def.unit).map(async (keys) => {
      const { def, table, alias, columns, any, withMatter } = groupQueryParts(keys, p);
      // A unit's rows are few and indexed by unit and time (a matter names its lead unit itself since
      // migration 0027): they are read first, and a limit's or a decision's matter fetched one by
      // one. The materialised CTE and OFFSET 0 keep the planner from starting from the region,
      // whose size it underestimates (the region is in the access rule too): at ten million matters
      // letting it choose made the median set twice as slow.
      const eachMatter =
        def.source === 'matters'
          ? sql``
          : sql` CROSS JOIN LATERAL (SELECT * FROM matters WHERE id = ${alias}.matter_id OFFSET 0) m`;
      const query =
        resolved.unitId === null
          ? sql<Record<string, string | number>>`SELECT ${columns} FROM ${table} ${alias}${withMatter}
            WHERE ${visible} AND ${matters} AND ${any}`
          : sql<Record<string, string | number>>`WITH unit_rows AS MATERIALIZED (
              SELECT ${alias}.* FROM ${table} ${alias} WHERE ${def.unit(resolved.unitId)} AND ${any})
            SELECT ${columns} FROM unit_rows ${alias}${eachMatter} WHERE ${visible} AND ${matters}`;
      return (await query.execute(db)).rows[0] ?? {};
    }),
  );
  for (const row of rows) for (const [k, v] of Object.entries(row)) counts.set(k, Number(v));
  return {
    period: filter.period,
    region: { code: scope.region.code, name: scope.region.name },
    unitId: filter.unitId,
    category: filter.category,
    figures: figuresOf(counts),
    generatedAt: now,
  };
}

/** The figures from the counts of one query set (`<indicator>_n`, `<indicator>_d`); none counted: zeros. */
export function figuresOf(counts: ReadonlyMap<string, number>): IndicatorFigure[] {
  return INDICATORS.map((k) => {
    const numerator = counts.get(`${k}_n`) ?? 0;
    if (INDICATOR_SQL[k].count) return { indicator: k, numerator, denominator: null, value: null };
    const denominator = counts.get(`${k}_d`) ?? 0;
    return {
      indicator: k,
      numerator,
      denominator,
      value: denominator === 0 ? null : numerator / denominator,
    };
  });
}

/** The queue's drill-down parameters (GET /api/matters): the figure, its part and its filters. */
export interface DrillDown {
  indicator?: Indicator | undefined;
  part?: IndicatorPart | undefined;
  from?: string | undefined;
  to?: string | undefined;
  regionCode?: string | undefined;
  statsUnit?: number | undefined;
  statsCategory?: string | undefined;
}

const DRILL_ONLY = ['part', 'from', 'to', 'statsUnit', 'statsCategory'] as const;

/**
 * The condition over `m` that keeps exactly the matters behind one part of one indicator (null
 * when no indicator is asked), with the same defaults and checks as the figure itself: the region
 * defaults to the user's unit's and must be theirs, the unit and the category must exist. The
 * queue applies it beside the access rule, as the count does.
 */
export async function drillDownCondition(
  db: Db,
  user: StaffUser,
  q: DrillDown,
  now: Date,
  fieldPrefix = 'querystring',
): Promise<RawBuilder<boolean> | null> {
  const path = (key: string) => fieldPath(fieldPrefix, key);
  if (!q.indicator) {
    const stray = DRILL_ONLY.find((k) => q[k] !== undefined);
    if (stray)
      throw fieldError(
        path('indicator'),
        `${stray} 须与 indicator 一起使用`,
        `${stray} is read only with indicator`,
      );
    return null;
  }
  const def = INDICATOR_SQL[q.indicator];
  const part = q.part ?? 'numerator';
  if (def.count && part === 'denominator')
    throw fieldError(path('part'), '该指标是件数，没有分母', 'this figure is a count and has no denominator');
  // A live count's period is never read, so it may be left out.
  const today = localDateOf(now);
  const period =
    def.live && q.from === undefined && q.to === undefined
      ? { from: today, to: today }
      : parsePeriod({ from: q.from ?? '', to: q.to ?? '' }, fieldPrefix);
  const scope = await resolveStatsScope(db, user, q.regionCode ?? null, path('regionCode'));
  const resolved = await resolveFilter(
    db,
    { unitId: q.statsUnit ?? null, category: q.statsCategory ?? null },
    { unit: path('statsUnit'), category: path('statsCategory') },
  );
  return sql<boolean>`(${matterFilter(scope.region.code, resolved.categoryCodes)} AND ${matterHasRows(
    q.indicator,
    part,
    paramsOf(period, now),
    resolved.unitId,
  )})`;
}

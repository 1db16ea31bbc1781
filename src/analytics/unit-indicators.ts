import { expressionBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { IndicatorFigure } from '../shared/stats.schema.ts';
import {
  fieldPath,
  figuresOf,
  groupQueryParts,
  indicatorGroups,
  paramsOf,
  resolveFilter,
} from './indicators.ts';
import { matterFilter } from './indicators.sql.ts';
import type { Period } from './period.ts';
import { visibleInScope, type StatsScope } from './stats-scope.ts';

export interface UnitIndicatorFilter {
  period: Period;
  /** A category code: the matter's category or any below it in the tree. */
  category: string | null;
}

export interface UnitIndicators {
  unitId: number;
  /** Every indicator of INDICATORS, in that order, as computeIndicators gives them. */
  figures: IndicatorFigure[];
}

/**
 * The procedure indicators of every handling unit at once: for each unit that some counted row of
 * the scope and period belongs to, the figures computeIndicators gives with that unit's filter. Each
 * row is counted for the unit its indicator names (the limit's unit, the replying unit, the current
 * lead unit, the unit whose reply was reviewed: `unitOf` in indicators.sql.ts), with one grouped
 * query per kind of row and way of naming its unit — six queries, whatever the number of units.
 * Only the matters the user may see are counted, so a report of misconduct is in no figure of a
 * viewer who may not see it, the reported unit's own included. Rows that name no unit (a matter not
 * yet routed) are in no unit's figures.
 *
 * `unitIds` keeps only those units (an empty list: none). Sorted by unit id.
 */
export async function computeIndicatorsByUnit(
  db: Db,
  scope: StatsScope,
  filter: UnitIndicatorFilter,
  now: Date,
  unitIds?: readonly number[],
  /** Where the category came from, as errors name it ('querystring' over HTTP). */
  fieldPrefix = '',
): Promise<UnitIndicators[]> {
  const resolved = await resolveFilter(
    db,
    { unitId: null, category: filter.category },
    { unit: fieldPath(fieldPrefix, 'unit'), category: fieldPath(fieldPrefix, 'category') },
  );
  if (unitIds?.length === 0) return [];
  const p = paramsOf(filter.period, now);
  const matters = matterFilter(scope.region.code, resolved.categoryCodes);
  const visible = visibleInScope(scope)(expressionBuilder<Database & { m: Database['matters'] }, 'm'>());
  const only = unitIds ? sql` AND u.unit_id IN (${sql.join([...unitIds])})` : sql``;
  // Indicators that count the same rows under the same unit share a query, as in computeIndicators.
  const queries = indicatorGroups((def) => def.unitOf).map((keys) => {
    const { def, table, alias, columns, any, withMatter } = groupQueryParts(keys, p);
    return sql<Record<string, string | number>>`
        SELECT u.unit_id, ${columns}
        FROM ${table} ${alias}${withMatter}
        CROSS JOIN LATERAL (SELECT ${def.unitOf} AS unit_id) u
        WHERE ${visible} AND ${matters} AND ${any} AND u.unit_id IS NOT NULL${only}
        GROUP BY u.unit_id`;
  });
  // Each query reads the region's matters and its own rows: on PostgreSQL they run side by side on
  // the pool's connections (PGlite, with one, takes them in turn).
  const results = await Promise.all(queries.map((q) => q.execute(db)));
  const counts = new Map<number, Map<string, number>>();
  for (const { rows } of results)
    for (const row of rows) {
      const unitId = Number(row.unit_id);
      const unitCounts = counts.get(unitId) ?? new Map<string, number>();
      for (const [k, v] of Object.entries(row)) if (k !== 'unit_id') unitCounts.set(k, Number(v));
      counts.set(unitId, unitCounts);
    }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([unitId, c]) => ({ unitId, figures: figuresOf(c) }));
}

import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import { visibleTo } from '../lifecycle/access-rule.ts';
import type { VolumeFigures } from '../shared/stats.schema.ts';
import { periodBounds, splitByMonth, type Period } from './period.ts';
import { misconductOutsideRollup, type StatsScope } from './stats-scope.ts';

/**
 * What a volume query groups by, as stored: a rollup dimension (migration 0017), or the day's year or
 * month (read from the 'all' rows). Category levels and regions below the next level are mapped from
 * these values by analytics/volume.ts.
 */
export type StoredDimension =
  'all' | 'level' | 'channel' | 'purpose' | 'category' | 'region' | 'unit' | 'state' | 'year' | 'month';

/** Figures by stored value. For 'region' the value is a region code: the child of the subtree
 * (from the rollup) or the matter's own region (from the matters; mapped to the child afterwards). */
export type VolumeCells = Map<string, VolumeFigures>;

interface CellRow {
  value: string;
  cases: number;
  people: number;
  visit_batches: number;
  visit_people: number;
  collective_batches: number;
  collective_people: number;
}

const FIGURES = sql`sum(cases)::int AS cases, sum(people)::int AS people,
  sum(visit_batches)::int AS visit_batches, sum(visit_people)::int AS visit_people,
  sum(collective_batches)::int AS collective_batches, sum(collective_people)::int AS collective_people`;

/** The value a pending row (p, with its scope row s) or a matter (m, with its lead l) has in `dim`. */
function valueOf(dim: StoredDimension, source: 'pending' | 'matter'): RawBuilder<string> {
  const p = source === 'pending';
  const day = p ? sql`p.day` : sql`minsheng_stats_day(m.received_at)`;
  switch (dim) {
    case 'all':
      return sql<string>`''`;
    case 'year':
      return sql<string>`to_char(${day}, 'YYYY')`;
    case 'month':
      return sql<string>`to_char(${day}, 'YYYY-MM')`;
    case 'level':
      return p ? sql<string>`p.lodged_level` : sql<string>`m.lodged_level`;
    case 'channel':
      return p ? sql<string>`p.channel` : sql<string>`m.channel`;
    case 'purpose':
      return p ? sql<string>`p.purpose` : sql<string>`m.purpose`;
    case 'category':
      return p ? sql<string>`coalesce(p.category_code, '')` : sql<string>`coalesce(m.category_code, '')`;
    case 'region':
      return p ? sql<string>`s.child` : sql<string>`m.region_code`;
    case 'unit':
      return p ? sql<string>`coalesce(p.unit_id::text, '')` : sql<string>`coalesce(l.unit_id::text, '')`;
    case 'state':
      return p ? sql<string>`p.state` : sql<string>`m.state`;
  }
}

function toCells(rows: CellRow[], into: VolumeCells = new Map()): VolumeCells {
  for (const r of rows) {
    const prev = into.get(r.value);
    const add = {
      cases: Number(r.cases),
      people: Number(r.people),
      visitBatches: Number(r.visit_batches),
      visitPeople: Number(r.visit_people),
      collectiveBatches: Number(r.collective_batches),
      collectivePeople: Number(r.collective_people),
    };
    into.set(
      r.value,
      prev
        ? {
            cases: prev.cases + add.cases,
            people: prev.people + add.people,
            visitBatches: prev.visitBatches + add.visitBatches,
            visitPeople: prev.visitPeople + add.visitPeople,
            collectiveBatches: prev.collectiveBatches + add.collectiveBatches,
            collectivePeople: prev.collectivePeople + add.collectivePeople,
          }
        : add,
    );
  }
  return into;
}

/**
 * The figures of a rollup subtree as a unit counts them (viewers 0 and the unit): the month rollup for
 * the months of the period, the day rollup for its odd days (plus or minus), plus what is still
 * pending, in one statement (one snapshot).
 */
async function fromRollup(
  db: Db,
  scope: string,
  unitId: number,
  period: Period,
  dim: StoredDimension,
): Promise<CellRow[]> {
  const stored = dim === 'year' || dim === 'month' ? 'all' : dim;
  const valueAt = (at: RawBuilder<unknown>) =>
    dim === 'year'
      ? sql`to_char(${at}, 'YYYY')`
      : dim === 'month'
        ? sql`to_char(${at}, 'YYYY-MM')`
        : sql`v.value`;
  const measures = sql`v.cases, v.people, v.visit_batches, v.visit_people, v.collective_batches, v.collective_people`;
  const negated = sql`-v.cases, -v.people, -v.visit_batches, -v.visit_people, -v.collective_batches, -v.collective_people`;
  // The month and day rollups are written in the same transaction, so a month less some of its days
  // is exactly its other days.
  const { months, days, minus } = splitByMonth(period);
  const parts: RawBuilder<unknown>[] = [];
  if (months)
    parts.push(sql`
      SELECT ${valueAt(sql`v.month`)} AS value, ${measures} FROM stats_volume_month v
      WHERE v.scope = ${scope} AND v.viewer IN (0, ${unitId}) AND v.dim = ${stored} AND v.month BETWEEN ${months.from}::date AND ${months.to}::date`);
  for (const [ranges, figures] of [
    [days, measures],
    [minus, negated],
  ] as const)
    for (const d of ranges)
      parts.push(sql`
      SELECT ${valueAt(sql`v.day`)} AS value, ${figures} FROM stats_volume v
      WHERE v.scope = ${scope} AND v.viewer IN (0, ${unitId}) AND v.dim = ${stored} AND v.day BETWEEN ${d.from}::date AND ${d.to}::date`);
  parts.push(sql`
      SELECT ${valueOf(dim, 'pending')} AS value, p.sign, p.sign * p.head_count,
        CASE WHEN p.channel = 'visit' THEN p.sign ELSE 0 END,
        CASE WHEN p.channel = 'visit' THEN p.sign * p.head_count ELSE 0 END,
        CASE WHEN p.is_collective THEN p.sign ELSE 0 END,
        CASE WHEN p.is_collective THEN p.sign * p.head_count ELSE 0 END
      FROM stats_pending p
      JOIN stats_region_scopes s ON s.region_code = p.region_code AND s.scope = ${scope}
      WHERE p.day BETWEEN ${period.from}::date AND ${period.to}::date AND p.viewer IN (0, ${unitId})`);
  const res = await sql<CellRow>`
    SELECT value, ${FIGURES} FROM (${sql.join(parts, sql` UNION ALL `)}) x
    GROUP BY value`.execute(db);
  return res.rows;
}

/**
 * The figures counted from the matters themselves, for the matters of the subtree in the period that
 * the user may see; `misconductOnly` limits them to the reports of misconduct a unit's rollup rows
 * lack (those it handles without having registered them).
 */
async function fromMatters(
  db: Db,
  scope: StatsScope,
  period: Period,
  dim: StoredDimension,
  misconductOnly: boolean,
): Promise<CellRow[]> {
  const { start, end } = periodBounds(period);
  // The reports a unit handles without having registered them are a handful, found from its
  // assignments: they are fetched first (a materialised CTE), or the planner, misjudging a region's
  // size, would read a whole county's matters to find them.
  const source = misconductOnly
    ? db
        .with(
          (w) => w('m').materialized(),
          (qb) =>
            qb
              .selectFrom('matters as m')
              .select([
                'm.id',
                'm.received_at',
                'm.region_code',
                'm.lodged_level',
                'm.channel',
                'm.purpose',
                'm.category_code',
                'm.state',
                'm.head_count',
                'm.is_collective',
              ])
              .where(misconductOutsideRollup(scope.user)),
        )
        .selectFrom('m')
    : db.selectFrom('matters as m');
  let q = source
    .leftJoin('matter_units as l', (j) =>
      j.onRef('l.matter_id', '=', 'm.id').on('l.role', '=', 'lead').on('l.released_at', 'is', null),
    )
    .where('m.received_at', '>=', start)
    .where('m.received_at', '<', end)
    .where('m.region_code', 'like', `${scope.region.code}%`);
  if (!misconductOnly) q = q.where(visibleTo(scope.user));
  const rows = await q
    .select([
      valueOf(dim, 'matter').as('value'),
      sql<number>`count(*)::int`.as('cases'),
      sql<number>`coalesce(sum(m.head_count), 0)::int`.as('people'),
      sql<number>`(count(*) FILTER (WHERE m.channel = 'visit'))::int`.as('visit_batches'),
      sql<number>`coalesce(sum(m.head_count) FILTER (WHERE m.channel = 'visit'), 0)::int`.as('visit_people'),
      sql<number>`(count(*) FILTER (WHERE m.is_collective))::int`.as('collective_batches'),
      sql<number>`coalesce(sum(m.head_count) FILTER (WHERE m.is_collective), 0)::int`.as('collective_people'),
    ])
    .groupBy(sql`1`)
    .execute();
  return rows;
}

/**
 * The volume figures of a scope for a period by one stored dimension. From the rollups where the
 * scope has them (plus the reports of misconduct the user's unit handles without having registered
 * them), else from the matters.
 */
export async function volumeCells(
  db: Db,
  scope: StatsScope,
  period: Period,
  dim: StoredDimension,
): Promise<VolumeCells> {
  if (scope.mode === 'raw') return toCells(await fromMatters(db, scope, period, dim, false));
  const [rolled, own] = await Promise.all([
    fromRollup(db, scope.region.code, scope.user.unit.id, period, dim),
    fromMatters(db, scope, period, dim, true),
  ]);
  return toCells(own, toCells(rolled));
}

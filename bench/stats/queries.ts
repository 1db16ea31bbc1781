import { expressionBuilder, sql, type RawBuilder } from 'kysely';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { addCalendarDays, daysBetween, localDateOf } from '../../src/calendar/index.ts';
import type { Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { badgeColumn } from '../../src/deadlines/badge.sql.ts';
import type { DeadlineBadge } from '../../src/deadlines/plan.ts';
import { visibleTo } from '../../src/lifecycle/access-rule.ts';
import { namedPeriod, periodBounds, previousYear, type Period } from '../../src/analytics/period.ts';
import {
  VOLUME_DIMENSIONS,
  type Indicator,
  type VolumeDimension,
  type VolumeTable,
} from '../../src/shared/stats.schema.ts';
import { plainIndicators, type Counted } from '../../test/helpers/plain-indicators.ts';
import { yearAfter } from '../../src/shared/stats-drill-down.ts';
import { FIRST_DAY } from './matters.ts';

/**
 * The benchmark's random queries and their plain counterparts: the same figures computed the way one
 * would without rollups, by GROUP BY over the raw matters through the access rule.
 */

/** A seeded generator (mulberry32), so that two runs ask the same questions. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pickFrom = <T>(rand: () => number, a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;

/**
 * A random period inside the generated years: 60 % a from–to of 1 day to 1 year, 40 % a whole month,
 * quarter or year (the current one included, which runs to its end).
 */
export function randomPeriod(rand: () => number, now: Date): Period {
  const today = localDateOf(now);
  const span = daysBetween(FIRST_DAY, today);
  if (rand() < 0.6) {
    const length = 1 + Math.floor(rand() ** 2 * 365);
    const from = addCalendarDays(FIRST_DAY, Math.floor(rand() * Math.max(1, span - length)));
    return { from, to: addCalendarDays(from, length - 1) };
  }
  const currentYear = Number(today.slice(0, 4));
  const firstYear = Number(FIRST_DAY.slice(0, 4));
  const year = firstYear + Math.floor(rand() * (currentYear - firstYear + 1));
  const lastMonth = year === currentYear ? Number(today.slice(5, 7)) : 12;
  const kind = pickFrom(rand, ['year', 'quarter', 'month'] as const);
  if (kind === 'year') return namedPeriod('year', year);
  if (kind === 'quarter') return namedPeriod('quarter', year, 1 + Math.floor((rand() * lastMonth) / 3));
  return namedPeriod('month', year, 1 + Math.floor(rand() * lastMonth));
}

export const randomDimension = (rand: () => number): VolumeDimension => pickFrom(rand, VOLUME_DIMENSIONS);

/** One row of a plain volume query: the dimension's key as volumeTable names it. */
export interface PlainCell {
  key: string;
  cases: number;
  people: number;
  visitBatches: number;
  visitPeople: number;
  collectiveBatches: number;
  collectivePeople: number;
}

/** The code length of the level below a subtree's (province 2 → city 4 → county 6 → township 9). */
const childLength = (code: string) => (code.length < 6 ? code.length + 2 : code.length + 3);

function plainKey(by: VolumeDimension, subtree: string): RawBuilder<string> {
  switch (by) {
    case 'level':
      return sql`m.lodged_level`;
    case 'channel':
      return sql`m.channel`;
    case 'purpose':
      return sql`m.purpose`;
    case 'state':
      return sql`m.state`;
    case 'year':
      return sql`to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY')`;
    case 'month':
      return sql`to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
    case 'unit':
      return sql`coalesce(l.unit_id::text, 'unassigned')`;
    case 'region':
      return sql`CASE WHEN length(m.region_code) > ${sql.lit(subtree.length)}
        THEN left(m.region_code, ${sql.lit(childLength(subtree))}) ELSE m.region_code END`;
    // A matter filed under a coarser category than the level asked keeps its own.
    case 'category1':
      return sql`coalesce(CASE c.level WHEN 1 THEN c.code WHEN 2 THEN c.parent_code
        ELSE (SELECT p.parent_code FROM categories p WHERE p.code = c.parent_code) END, 'uncategorised')`;
    case 'category2':
      return sql`coalesce(CASE WHEN c.level <= 2 THEN c.code ELSE c.parent_code END, 'uncategorised')`;
    case 'category3':
      return sql`coalesce(c.code, 'uncategorised')`;
  }
}

/** The volume figures of a period by one dimension, counted from the matters the user may see. */
export async function plainVolume(
  db: Db,
  user: StaffUser,
  subtree: string,
  period: Period,
  by: VolumeDimension,
): Promise<PlainCell[]> {
  const { start, end } = periodBounds(period);
  const rows = await db
    .selectFrom('matters as m')
    .$if(by === 'unit', (q) =>
      q.leftJoin('matter_units as l', (j) =>
        j.onRef('l.matter_id', '=', 'm.id').on('l.role', '=', 'lead').on('l.released_at', 'is', null),
      ),
    )
    .$if(by.startsWith('category'), (q) => q.leftJoin('categories as c', 'c.code', 'm.category_code'))
    .where(visibleTo(user))
    .where('m.region_code', 'like', `${subtree}%`)
    .where('m.received_at', '>=', start)
    .where('m.received_at', '<', end)
    .select([
      plainKey(by, subtree).as('key'),
      sql<number>`count(*)::int`.as('cases'),
      sql<number>`sum(m.head_count)::int`.as('people'),
      sql<number>`(count(*) FILTER (WHERE m.channel = 'visit'))::int`.as('visitBatches'),
      sql<number>`coalesce(sum(m.head_count) FILTER (WHERE m.channel = 'visit'), 0)::int`.as('visitPeople'),
      sql<number>`(count(*) FILTER (WHERE m.is_collective))::int`.as('collectiveBatches'),
      sql<number>`coalesce(sum(m.head_count) FILTER (WHERE m.is_collective), 0)::int`.as('collectivePeople'),
    ])
    .groupBy(sql`1`)
    .execute();
  return rows.map((r) => ({ ...r, key: String(r.key) }));
}

/** Both periods of a volume table (this one and a year before), as volumeTable asks for them. */
export async function plainVolumeTable(
  db: Db,
  user: StaffUser,
  subtree: string,
  period: Period,
  by: VolumeDimension,
): Promise<{ current: PlainCell[]; previous: PlainCell[] }> {
  const [current, previous] = await Promise.all([
    plainVolume(db, user, subtree, period, by),
    plainVolume(db, user, subtree, previousYear(period), by),
  ]);
  // A split by year or month compares each with the same one a year before, on its row.
  const shifted =
    by === 'year' || by === 'month' ? previous.map((c) => ({ ...c, key: yearAfter(c.key) })) : previous;
  return { current, previous: shifted };
}

/** Differences between a volume table and the plain count of the same query (empty when equal). */
export function compareVolume(
  table: VolumeTable,
  plain: { current: PlainCell[]; previous: PlainCell[] },
): string[] {
  const out: string[] = [];
  const FIELDS = [
    'cases',
    'people',
    'visitBatches',
    'visitPeople',
    'collectiveBatches',
    'collectivePeople',
  ] as const;
  const sides = [
    ['current', plain.current, (r: VolumeTable['rows'][number]) => r],
    ['previous', plain.previous, (r: VolumeTable['rows'][number]) => r.previous],
  ] as const;
  for (const [name, cells, figuresOf] of sides) {
    const plainByKey = new Map(cells.map((c) => [c.key, c]));
    const keys = new Set([...plainByKey.keys(), ...table.rows.map((r) => r.key ?? '')]);
    for (const key of keys) {
      const row = table.rows.find((r) => r.key === key);
      const p = plainByKey.get(key);
      for (const f of FIELDS) {
        const a = row ? figuresOf(row)[f] : 0;
        const e = p ? p[f] : 0;
        if (a !== e) out.push(`${name} ${key} ${f}: rollup ${a}, plain ${e}`);
      }
    }
    const total = name === 'current' ? table.total : table.total.previous;
    const sum = cells.reduce((s, c) => s + c.cases, 0);
    if (total.cases !== sum) out.push(`${name} total cases: rollup ${total.cases}, plain ${sum}`);
  }
  return out;
}

export interface PlainDashboard {
  total: number;
  byState: Record<string, number>;
  byBadge: Record<DeadlineBadge, number>;
  noDeadline: number;
}

/** The home page's counts the plain way: visible matters by state, joined to their open main deadline. */
export async function plainDashboard(db: Db, user: StaffUser, now: Date): Promise<PlainDashboard> {
  const rows = await db
    .selectFrom('matters as m')
    .leftJoin('deadlines as d', (j) =>
      j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
    )
    .where(visibleTo(user))
    .select(['m.state', badgeColumn(now).as('badge'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['m.state', sql`2`])
    .execute();
  const out: PlainDashboard = {
    total: 0,
    byState: {},
    byBadge: { overdue: 0, warning: 0, on_time: 0 },
    noDeadline: 0,
  };
  for (const r of rows) {
    out.total += r.n;
    out.byState[r.state] = (out.byState[r.state] ?? 0) + r.n;
    if (r.badge) out.byBadge[r.badge] += r.n;
    else out.noDeadline += r.n;
  }
  return out;
}

/** p50, p95 and max of a list of milliseconds. */
export function percentiles(ms: number[]): { p50: number; p95: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

/** Runs `fn` and returns its result with the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * The indicator set of one unit by plain SQL over the raw rows the user may see in their region
 * (the tests' oracle, test/helpers/plain-indicators.ts), for comparison with computeIndicators.
 */
export async function plainIndicatorSet(
  db: Db,
  user: StaffUser,
  period: Period,
  now: Date,
  unitId: number,
): Promise<Record<Indicator, Counted>> {
  const like = `${user.unit.regionCode}%`;
  const visible = visibleTo(user)(expressionBuilder<Database & { m: Database['matters'] }, 'm'>());
  return plainIndicators(db, sql<boolean>`(m.region_code LIKE ${like} AND ${visible})`, period, now, unitId);
}

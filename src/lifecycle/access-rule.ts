import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Database } from '../db/schema.ts';
import type { UnitLevel } from '../shared/enums.ts';

/** What the permission rules need to know about a matter. */
export interface MatterAccessFacts {
  regionCode: string;
  registeringUnitId: number;
  leadUnitId: number | null;
  leadUnitLevel: UnitLevel | null;
  leadUnitKind: string | null;
  coUnitIds: number[];
  isMisconductReport: boolean;
  reportedUnitId: number | null;
  /** The level of the unit that decided the review (for second review). */
  reviewUnitLevel: UnitLevel | null;
  reviewUnitKind: string | null;
  /** The unit that decided the second review: it concludes the matter. */
  recheckUnitId: number | null;
}

/**
 * Who may see which matter, written once as a small condition tree over a matter. The tree has two
 * readers: `holds` (the permission check on one matter already read) and `toSql` (the WHERE clause
 * of every list, search and count). A property-based test (test/integration/access-rule.test.ts)
 * checks on both databases that the two readers agree for generated users and matters.
 */
export type MatterCondition =
  | { op: 'const'; value: boolean }
  | { op: 'and' | 'or'; args: MatterCondition[] }
  | { op: 'not'; arg: MatterCondition }
  /** The matter is a report of misconduct (检举控告). */
  | { op: 'misconduct' }
  /** The unit is the one the report is about (never NULL-equal: an unidentified unit is no unit). */
  | { op: 'reportedUnit'; unitId: number }
  | { op: 'registeredBy'; unitId: number }
  /** The unit leads or co-handles the matter now (a released assignment no longer counts). */
  | { op: 'assignedTo'; unitId: number }
  /** The matter's place lies in the region subtree. */
  | { op: 'inRegion'; prefix: string };

const TRUE: MatterCondition = { op: 'const', value: true };
const FALSE: MatterCondition = { op: 'const', value: false };
const and = (...args: MatterCondition[]): MatterCondition => ({ op: 'and', args });
const or = (...args: MatterCondition[]): MatterCondition => ({ op: 'or', args });
const not = (arg: MatterCondition): MatterCondition => ({ op: 'not', arg });
const MISCONDUCT: MatterCondition = { op: 'misconduct' };

/**
 * Units that answer for a whole region (条例 §§4–6: 属地管理, the petition bureaus and the people's
 * governments and their leaders): they see every matter of their region subtree. Any other unit — a
 * functional department, discipline inspection, a court, a village committee — sees only the
 * matters it registered or now leads or co-handles.
 */
export const REGION_SCOPE_KINDS: readonly string[] = [
  'petition_bureau',
  'township_government',
  'county_government',
  'city_government',
];

export const hasRegionScope = (unit: { kind: string }) => REGION_SCOPE_KINDS.includes(unit.kind);

/**
 * The data scope of one user. A report of misconduct (条例 §20, 检举控告) is seen only by the unit
 * that registered it and the units it is routed to (纪检监察, and after the reported unit is
 * identified whoever handles it), never by the unit it reports, and never by region scope: the
 * identity of a reporter must not travel to a colleague of the person reported.
 */
export function accessRule(user: StaffUser): MatterCondition {
  const unitId = user.unit.id;
  const own = or({ op: 'registeredBy', unitId }, { op: 'assignedTo', unitId });
  const region = hasRegionScope(user.unit)
    ? { op: 'inRegion' as const, prefix: user.unit.regionCode }
    : FALSE;
  return and(not(and(MISCONDUCT, { op: 'reportedUnit', unitId })), or(own, and(not(MISCONDUCT), region)));
}

/** Whether the condition holds for one matter's facts. */
export function holds(c: MatterCondition, m: MatterAccessFacts): boolean {
  switch (c.op) {
    case 'const':
      return c.value;
    case 'and':
      return c.args.every((a) => holds(a, m));
    case 'or':
      return c.args.some((a) => holds(a, m));
    case 'not':
      return !holds(c.arg, m);
    case 'misconduct':
      return m.isMisconductReport;
    case 'reportedUnit':
      return m.reportedUnitId === c.unitId;
    case 'registeredBy':
      return m.registeringUnitId === c.unitId;
    case 'assignedTo':
      return m.leadUnitId === c.unitId || m.coUnitIds.includes(c.unitId);
    case 'inRegion':
      return m.regionCode.startsWith(c.prefix);
  }
}

type MatterEb = ExpressionBuilder<Database & { m: Database['matters'] }, 'm'>;

/** The condition as SQL over `matters as m`; every operand is two-valued (no NULL leaks through NOT). */
export function toSql(c: MatterCondition, eb: MatterEb): Expression<SqlBool> {
  switch (c.op) {
    case 'const':
      return c.value ? sql<SqlBool>`true` : sql<SqlBool>`false`;
    case 'and':
      return c.args.length === 0 ? toSql(TRUE, eb) : eb.and(c.args.map((a) => toSql(a, eb)));
    case 'or':
      return c.args.length === 0 ? toSql(FALSE, eb) : eb.or(c.args.map((a) => toSql(a, eb)));
    case 'not':
      return eb.not(toSql(c.arg, eb));
    case 'misconduct':
      return eb('m.is_misconduct_report', '=', true);
    case 'reportedUnit':
      return sql<SqlBool>`(m.reported_unit_id IS NOT DISTINCT FROM ${c.unitId})`;
    case 'registeredBy':
      return eb('m.registering_unit_id', '=', c.unitId);
    case 'assignedTo':
      return eb.exists(
        eb
          .selectFrom('matter_units as mu')
          .select('mu.id')
          .whereRef('mu.matter_id', '=', 'm.id')
          .where('mu.unit_id', '=', c.unitId)
          .where('mu.released_at', 'is', null),
      );
    case 'inRegion':
      return eb('m.region_code', 'like', `${c.prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  }
}

/** The data-scope rule of canSeeMatter, as SQL over `matters as m`: every list, search and count reads through it. */
export function visibleTo(user: StaffUser) {
  const rule = accessRule(user);
  return (eb: ExpressionBuilder<Database & { m: Database['matters'] }, 'm'>) => eb.and([toSql(rule, eb)]);
}

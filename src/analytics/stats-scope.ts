import { sql, type ExpressionBuilder } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import { AppError, forbidden } from '../errors/app-error.ts';
import { hasRegionScope, visibleTo } from '../lifecycle/access-rule.ts';

/** The levels whose subtrees the rollups keep, day by day (migration 0017). */
export const ROLLUP_LEVELS = ['province', 'city', 'county'] as const;

export interface StatsRegion {
  code: string;
  name: string;
  level: string;
}

/**
 * Whose figures, over which region subtree. A user's figures count only the matters they may see
 * (lifecycle/access-rule.ts):
 * - `rollup`: a unit answering for a region (a bureau, a people's government) asking about a
 *   province, city or county inside it: the rollups of that subtree, the rows anyone may count
 *   (viewer 0) and the rows of the reports of misconduct its own unit registered (viewer = the unit),
 *   plus the reports of misconduct it handles without having registered them (counted from the
 *   matters themselves).
 * - `raw`: anything else — a township or village subtree, or a unit that sees only its own matters
 *   (a department, discipline inspection) — counted from the matters through the access rule; these
 *   sets are small and indexed.
 *
 * A report of misconduct is in the rollups only under its registering unit (migration 0025), so no
 * figure of a unit that may not see one (the unit reported, its superiors' bureaus) can count it: not
 * a cell of size one, not a difference of two totals.
 */
export interface StatsScope {
  user: StaffUser;
  region: StatsRegion;
  mode: 'rollup' | 'raw';
}

const unknownRegion = (code: string, path: string) =>
  new AppError(
    'validation_failed',
    `输入有误：${path}：未知的地区代码 ${code}`,
    `Invalid input: ${path}: unknown region code ${code}`,
    [{ path, message_zh: '未知的地区代码', message_en: 'unknown region code' }],
  );

/** Resolves the region a user asks about (their unit's region by default) and checks it is theirs. */
export async function resolveStatsScope(
  db: Db,
  user: StaffUser,
  regionCode?: string | null,
  /** The field's name in errors ('querystring.region' over HTTP). */
  regionPath = 'region',
): Promise<StatsScope> {
  const code = regionCode ?? user.unit.regionCode;
  const region = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!region) throw unknownRegion(code, regionPath);
  const regionScoped = hasRegionScope(user.unit);
  if (regionScoped && !region.code.startsWith(user.unit.regionCode)) {
    throw forbidden(
      `地区 ${region.name} 不在您单位的数据范围内`,
      `${region.name} is outside your unit's data scope`,
    );
  }
  const rollup = regionScoped && (ROLLUP_LEVELS as readonly string[]).includes(region.level);
  return { user, region, mode: rollup ? 'rollup' : 'raw' };
}

/** Who may read statistics (every figure is still limited to what the user may see). */
export const STATS_ROLES = ['unit_head', 'leader', 'supervisor', 'analyst', 'admin'] as const;

type MatterEb = ExpressionBuilder<Database & { m: Database['matters'] }, 'm'>;

/**
 * The reports of misconduct a user may see: the access rule (accessRule) restricted to reports of
 * misconduct — the user's unit registered or handles it, and is not the unit reported. Written out,
 * not derived, so each branch reads its own index; the property test of the volume tables checks
 * it against the access rule.
 */
export function ownMisconductReports(user: StaffUser) {
  const unitId = user.unit.id;
  return (eb: MatterEb) =>
    eb.and([
      eb('m.is_misconduct_report', '=', true),
      sql<boolean>`m.reported_unit_id IS DISTINCT FROM ${unitId}`,
      // The unit's own matters, each set read from its index (registering unit; open assignments
      // of reports of misconduct, migration 0023), rather than every report of misconduct filtered
      // one by one.
      sql<boolean>`m.id IN (
        SELECT o.id FROM matters o WHERE o.is_misconduct_report AND o.registering_unit_id = ${unitId}
        UNION ALL
        ${openMisconductAssignments(unitId)}
      )`,
    ]);
}

/** The matters of a unit's open assignments of reports of misconduct (the partial index of 0023). */
const openMisconductAssignments = (unitId: number) => sql`
  SELECT mu.matter_id FROM matter_units mu
  WHERE mu.unit_id = ${unitId} AND mu.released_at IS NULL AND mu.misconduct`;

/**
 * The reports of misconduct a unit may see that its rollup rows do not hold (migration 0025): those it
 * handles without having registered them — a handful, read from its open assignments of reports of
 * misconduct. With the rollups' viewers 0 and the unit itself, they make exactly `ownMisconductReports`.
 */
export function misconductOutsideRollup(user: StaffUser) {
  const unitId = user.unit.id;
  return (eb: MatterEb) =>
    eb.and([
      eb('m.is_misconduct_report', '=', true),
      sql<boolean>`m.reported_unit_id IS DISTINCT FROM ${unitId}`,
      eb('m.registering_unit_id', '<>', unitId),
      sql<boolean>`m.id IN (${openMisconductAssignments(unitId)})`,
    ]);
}

/**
 * The access rule as it reads inside a scope's region subtree (the caller adds the region prefix):
 * for a unit answering for a region that contains the subtree, "not a report of misconduct, or one
 * of its own" — the same matters as `visibleTo` there, in a form whose first branch the region's
 * indexes serve (the access rule's OR over every unit's assignments is costly on a whole county).
 * Anyone else reads through `visibleTo` itself.
 */
export function visibleInScope(scope: StatsScope) {
  if (!hasRegionScope(scope.user.unit) || !scope.region.code.startsWith(scope.user.unit.regionCode))
    return visibleTo(scope.user);
  const own = ownMisconductReports(scope.user);
  return (eb: MatterEb) => eb.or([eb('m.is_misconduct_report', '=', false), own(eb)]);
}

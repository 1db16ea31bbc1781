import type { Period } from '../analytics/period.ts';
import { figuresOf } from '../analytics/indicators.ts';
import { resolveStatsScope } from '../analytics/stats-scope.ts';
import { computeIndicatorsByUnit } from '../analytics/unit-indicators.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf } from '../calendar/zoned.ts';
import type { Db } from '../db/database.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import type { IndicatorFigure } from '../shared/stats.schema.ts';

/**
 * A unit's figures as the statistics count them (computeIndicatorsByUnit, the scorecard's own
 * computation: no second way of counting), for a period, over the region the case lies in (or the
 * viewer's own, inside it) and what the viewer may see. A period that has not begun has nothing counted.
 */
export async function unitFigures(
  db: Db,
  viewer: StaffUser,
  regionCode: string,
  unitId: number,
  period: Period,
  now: Date,
): Promise<IndicatorFigure[]> {
  if (period.from > period.to) return figuresOf(new Map());
  // A township government reading its own letter answers for a region inside the bureau's: its
  // figures are counted over its own region, where its matters lie.
  const within = !hasRegionScope(viewer.unit) || regionCode.startsWith(viewer.unit.regionCode);
  const scope = await resolveStatsScope(db, viewer, within ? regionCode : viewer.unit.regionCode);
  const [line] = await computeIndicatorsByUnit(db, scope, { period, category: null }, now, [unitId]);
  return line?.figures ?? figuresOf(new Map());
}

/** The letter's year so far: 1 January to today (Beijing), or the whole year once it is over. */
export function yearSoFar(year: number, now: Date): Period {
  const today = localDateOf(now);
  const end = `${year}-12-31`;
  return { from: `${year}-01-01`, to: today < end ? today : end };
}

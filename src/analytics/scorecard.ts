import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import { UNIT_KINDS, UNIT_LEVELS } from '../shared/enums.ts';
import {
  LOWER_IS_BETTER,
  type Indicator,
  type IndicatorFigure,
  type Scorecard,
  type ScorecardRow,
  type UnitComparison,
} from '../shared/stats.schema.ts';
import { figuresOf } from './indicators.ts';
import type { Period } from './period.ts';
import { competitionRanks, scoreUnit } from './scorecard-score.ts';
import { readScorecardWeights, readUnitTargets } from './scorecard-settings.ts';
import type { StatsScope } from './stats-scope.ts';
import { computeIndicatorsByUnit } from './unit-indicators.ts';

/**
 * Unit scorecards and the unit comparison (issue 12, items 3 and 4): every unit of the scope with
 * its procedure indicators, ranked among its peers — the units of the same level and the same kind
 * (a county's functional departments against each other, not against its township governments).
 *
 * Which units: those some counted row of the scope and period belongs to, and, for a user whose unit
 * answers for a region (a bureau, a people's government), also every active unit located in the
 * scope's region subtree, so that a unit with nothing counted is listed — with null figures, ranked
 * last — rather than missing. A user who sees only their own unit's matters (a department,
 * discipline inspection) is shown the units of those matters and their own. Every figure counts only
 * the matters the user may see (computeIndicatorsByUnit).
 */

export interface ScorecardFilter {
  period: Period;
  category: string | null;
  /** Whose targets (the year of a responsibility letter): the year of the period's last day by default. */
  year?: number | null | undefined;
}

interface UnitInfo {
  id: number;
  name: string;
  level: string;
  kind: string;
}

interface UnitLine {
  unit: UnitInfo;
  hasRows: boolean;
  figures: IndicatorFigure[];
}

const NO_ROWS = figuresOf(new Map());
const order = (list: readonly string[], v: string) => {
  const i = list.indexOf(v);
  return i === -1 ? list.length : i;
};

async function unitLines(
  db: Db,
  scope: StatsScope,
  filter: ScorecardFilter,
  now: Date,
  fieldPrefix: string,
): Promise<UnitLine[]> {
  const counted = await computeIndicatorsByUnit(
    db,
    scope,
    { period: filter.period, category: filter.category },
    now,
    undefined,
    fieldPrefix,
  );
  const ids = new Set(counted.map((c) => c.unitId));
  if (!hasRegionScope(scope.user.unit)) ids.add(scope.user.unit.id);
  const like = `${scope.region.code.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const listed = ids.size > 0 ? sql<boolean>`id IN (${sql.join([...ids])})` : sql<boolean>`false`;
  const located = hasRegionScope(scope.user.unit)
    ? sql<boolean>`(active AND region_code LIKE ${like})`
    : sql<boolean>`false`;
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'level', 'kind'])
    .where(sql<boolean>`(${listed} OR ${located})`)
    .execute();
  const byUnit = new Map(counted.map((c) => [c.unitId, c.figures]));
  return units.map((unit) => {
    const figures = byUnit.get(unit.id);
    return { unit, hasRows: figures !== undefined, figures: figures ?? NO_ROWS };
  });
}

/** Groups by peer group (level from the top, then kind), in that order. */
function peerGroups<T extends { unit: UnitInfo }>(lines: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const l of lines) {
    const key = `${l.unit.level}\u0000${l.unit.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()].sort(
    (a, b) =>
      order(UNIT_LEVELS, a[0]!.unit.level) - order(UNIT_LEVELS, b[0]!.unit.level) ||
      order(UNIT_KINDS, a[0]!.unit.kind) - order(UNIT_KINDS, b[0]!.unit.kind) ||
      a[0]!.unit.level.localeCompare(b[0]!.unit.level) ||
      a[0]!.unit.kind.localeCompare(b[0]!.unit.kind),
  );
}

const byRankThenUnit = <T extends { rank: number; unitName: string; unitId: number }>(a: T, b: T) =>
  a.rank - b.rank || a.unitName.localeCompare(b.unitName, 'zh') || a.unitId - b.unitId;

/**
 * The scorecard of every unit of the scope for a period: its indicators, its targets for the year,
 * the gap to each, its weighted score and its rank among its peers (the formula: scorecard-score.ts).
 */
export async function scorecard(
  db: Db,
  scope: StatsScope,
  filter: ScorecardFilter,
  now: Date,
  /** Where the category came from, as errors name it ('querystring' over HTTP). */
  fieldPrefix = '',
): Promise<Scorecard> {
  const year = filter.year ?? Number(filter.period.to.slice(0, 4));
  const [lines, weights, targets] = await Promise.all([
    unitLines(db, scope, filter, now, fieldPrefix),
    readScorecardWeights(db),
    readUnitTargets(db, year),
  ]);
  const rows: ScorecardRow[] = [];
  for (const group of peerGroups(lines)) {
    const scored = group.map((l) => ({
      line: l,
      ...scoreUnit(l.figures, targets.get(l.unit.id) ?? {}, weights, l.hasRows),
    }));
    const ranks = competitionRanks(scored.map((s) => s.score));
    const groupRows = scored.map((s, i): ScorecardRow => ({
      unitId: s.line.unit.id,
      unitName: s.line.unit.name,
      level: s.line.unit.level,
      kind: s.line.unit.kind,
      peers: group.length,
      rank: ranks[i]!,
      hasRows: s.line.hasRows,
      score: s.score,
      repeatMatters: s.repeatMatters,
      cardMatters: s.cardMatters,
      penalty: s.penalty,
      figures: s.figures,
    }));
    rows.push(...groupRows.sort(byRankThenUnit));
  }
  return {
    period: filter.period,
    region: { code: scope.region.code, name: scope.region.name },
    category: filter.category,
    year,
    weights,
    rows,
    generatedAt: now,
  };
}

/**
 * The units of the scope ranked by one indicator within their peer groups: by its rate, or by the
 * count for the counts (cards, overdue now, backlog); the lower the better for repeats, cross-level
 * visits, changes on review, cards, overdue and backlog. A unit whose rate has nothing counted ranks
 * last in its group.
 */
export async function unitComparison(
  db: Db,
  scope: StatsScope,
  filter: ScorecardFilter & { indicator: Indicator },
  now: Date,
  fieldPrefix = '',
): Promise<UnitComparison> {
  const lines = await unitLines(db, scope, filter, now, fieldPrefix);
  const lowerIsBetter = LOWER_IS_BETTER.includes(filter.indicator);
  const rows: UnitComparison['rows'] = [];
  for (const group of peerGroups(lines)) {
    const figures = group.map((l) => l.figures.find((f) => f.indicator === filter.indicator)!);
    const ranks = competitionRanks(
      figures.map((f) => (f.denominator === null ? f.numerator : f.value)),
      lowerIsBetter,
    );
    const groupRows = group.map((l, i) => ({
      unitId: l.unit.id,
      unitName: l.unit.name,
      level: l.unit.level,
      kind: l.unit.kind,
      peers: group.length,
      rank: ranks[i]!,
      numerator: figures[i]!.numerator,
      denominator: figures[i]!.denominator,
      value: figures[i]!.value,
    }));
    rows.push(...groupRows.sort(byRankThenUnit));
  }
  return {
    period: filter.period,
    region: { code: scope.region.code, name: scope.region.name },
    category: filter.category,
    indicator: filter.indicator,
    lowerIsBetter,
    rows,
    generatedAt: now,
  };
}

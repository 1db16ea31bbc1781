import type { Db } from '../db/database.ts';
import type { AnnualTable, AnnualRow } from '../shared/stats.schema.ts';
import type { Period } from './period.ts';
import type { StatsScope } from './stats-scope.ts';
import { ZERO, addFigures } from './volume.ts';
import { volumeCells } from './volume.queries.ts';

/** The calendar years a period touches, each cut to the period. */
export function yearsOf(period: Period): { year: number; period: Period }[] {
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  const out: { year: number; period: Period }[] = [];
  for (let y = first; y <= last; y++) {
    const from = y === first ? period.from : `${y}-01-01`;
    const to = y === last ? period.to : `${y}-12-31`;
    out.push({ year: y, period: { from, to } });
  }
  return out;
}

/**
 * The table every county's annual petition report opens with: a row per year with the total
 * (件次/人次), the collective visits received at county level (批次/人次), and the visits taken to
 * the city (批次/人次), to the province and to Beijing (件次/人次) — the level lodged decides where
 * a visit went. Read from the volume figures by level, so it agrees with every other table.
 */
export async function annualTable(
  db: Db,
  scope: StatsScope,
  period: Period,
  now: Date,
): Promise<AnnualTable> {
  const years = yearsOf(period);
  const cells = await Promise.all(years.map((y) => volumeCells(db, scope, y.period, 'level')));
  const rows = years.map(({ year, period: p }, i): AnnualRow => {
    const byLevel = cells[i]!;
    const at = (level: string) => byLevel.get(level) ?? ZERO;
    const total = [...byLevel.values()].reduce(addFigures, ZERO);
    return {
      year,
      period: p,
      cases: total.cases,
      people: total.people,
      countyCollectiveBatches: at('county').collectiveBatches,
      countyCollectivePeople: at('county').collectivePeople,
      cityVisitBatches: at('city').visitBatches,
      cityVisitPeople: at('city').visitPeople,
      provinceVisitCases: at('province').visitBatches,
      provinceVisitPeople: at('province').visitPeople,
      nationalVisitCases: at('national').visitBatches,
      nationalVisitPeople: at('national').visitPeople,
    };
  });
  return {
    period,
    region: { code: scope.region.code, name: scope.region.name },
    rows,
    generatedAt: now,
  };
}

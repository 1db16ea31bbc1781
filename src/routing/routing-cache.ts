import type { Db } from '../db/database.ts';
import {
  suggestRoutes,
  type RoutingInput,
  type RoutingSuggestion,
  type RuleCandidate,
  type UnitCandidate,
} from './suggest.ts';

interface Snapshot {
  loadedAt: number;
  rules: RuleCandidate[];
  remits: UnitCandidate[];
  units: UnitCandidate[];
  parents: Map<string, string | null>;
}

/**
 * Rules, remits, units and the category tree held in memory: a suggestion at registration costs no
 * query. Administrators' edits invalidate it; other instances pick changes up within `ttlMs`.
 */
export function createRoutingCache(db: Db, ttlMs = 30_000) {
  let snapshot: Promise<Snapshot> | null = null;
  const load = async (): Promise<Snapshot> => {
    const rules = await db
      .selectFrom('routing_rules as r')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .select([
        'r.id',
        'r.name',
        'r.region_prefix as regionPrefix',
        'r.category_code as categoryCode',
        'r.purpose',
        'r.keywords',
        'r.action',
        'r.unit_id as unitId',
        'u.name as unitName',
        'r.co_unit_ids as coUnitIds',
        'r.lawful_channel as lawfulChannel',
        'r.reason_zh as reasonZh',
        'r.reason_en as reasonEn',
        'r.priority',
      ])
      .where('r.active', '=', true)
      .execute();
    const remits = await db
      .selectFrom('unit_remits as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .select([
        'u.id',
        'u.name',
        'u.kind',
        'u.region_code as regionCode',
        'm.category_code as remitCategory',
        'm.region_code as remitRegion',
      ])
      .where('u.active', '=', true)
      .execute();
    const units = await db
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'region_code as regionCode'])
      .where('active', '=', true)
      .where('kind', 'in', [
        'township_government',
        'county_government',
        'city_government',
        'discipline_inspection',
      ])
      .execute();
    const cats = await db.selectFrom('categories').select(['code', 'parent_code']).execute();
    return {
      loadedAt: Date.now(),
      rules,
      remits,
      units,
      parents: new Map(cats.map((c) => [c.code, c.parent_code])),
    };
  };
  const current = async () => {
    const s = await (snapshot ??= load().catch((e: unknown) => {
      snapshot = null;
      throw e;
    }));
    if (Date.now() - s.loadedAt > ttlMs) snapshot = null;
    return s;
  };
  return {
    async suggest(
      input: Omit<RoutingInput, 'categoryPath'> & { categoryCode: string | null | undefined },
    ): Promise<RoutingSuggestion[]> {
      const s = await current();
      const path: string[] = [];
      for (let c = input.categoryCode ?? null; c && path.length < 3; c = s.parents.get(c) ?? null)
        path.push(c);
      return suggestRoutes(
        { ...input, categoryPath: path },
        s.rules,
        s.remits,
        s.units.filter((u) => u.kind !== 'discipline_inspection'),
        s.units.filter((u) => u.kind === 'discipline_inspection'),
      );
    },
    invalidate() {
      snapshot = null;
    },
  };
}

export type RoutingCache = ReturnType<typeof createRoutingCache>;

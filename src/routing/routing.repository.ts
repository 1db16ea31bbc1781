import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { suggestRoutes, type RoutingInput, type RoutingSuggestion } from './suggest.ts';

/** The region codes above and including `code` (44, 4403, 440305, ...), for prefix matching in SQL. */
export function regionAncestors(code: string): string[] {
  const cuts = [2, 4, 6, 9, 12, 15].filter((n) => n <= code.length);
  return cuts.map((n) => code.slice(0, n));
}

export async function categoryPath(db: Kysely<Database>, code: string | null | undefined): Promise<string[]> {
  const path: string[] = [];
  let current = code ?? null;
  while (current && path.length < 3) {
    path.push(current);
    const row = await db.selectFrom('categories').select('parent_code').where('code', '=', current).executeTakeFirst();
    current = row?.parent_code ?? null;
  }
  return path;
}

/** Gathers the rules and units that could apply and ranks them. */
export async function suggestRouting(
  db: Kysely<Database>,
  input: Omit<RoutingInput, 'categoryPath'> & { categoryCode: string | null | undefined },
): Promise<RoutingSuggestion[]> {
  const ancestors = regionAncestors(input.regionCode);
  const path = await categoryPath(db, input.categoryCode);
  // Sequential on purpose: inside a transaction there is one connection.
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
      .where((eb) => eb.or([eb('r.region_prefix', '=', ''), eb('r.region_prefix', 'in', ancestors)]))
      .execute();
  const remits = await db
      .selectFrom('unit_remits as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .select(['u.id', 'u.name', 'u.kind', 'u.region_code as regionCode', 'm.category_code as remitCategory', 'm.region_code as remitRegion'])
      .where('u.active', '=', true)
      .where('m.region_code', 'in', ancestors)
      .execute();
  const locals = await db
      .selectFrom('units')
      .select(['id', 'name', 'kind', 'region_code as regionCode'])
      .where('active', '=', true)
      .where('region_code', 'in', ancestors)
      .where('kind', 'in', ['township_government', 'county_government', 'city_government', 'discipline_inspection'])
      .execute();
  return suggestRoutes(
    { ...input, categoryPath: path },
    rules,
    remits,
    locals.filter((u) => u.kind !== 'discipline_inspection'),
    locals.filter((u) => u.kind === 'discipline_inspection'),
  );
}

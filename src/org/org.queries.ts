import type { AppContext } from '../app/context.ts';

export async function listRegions(ctx: AppContext, parent: string | undefined) {
  let q = ctx.db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code as parentCode', 'grid_leader as gridLeader']);
  q = parent ? q.where('parent_code', '=', parent) : q.where('parent_code', 'is', null);
  return { items: await q.orderBy('code').limit(2000).execute() };
}

export async function getRegion(ctx: AppContext, code: string) {
  return ctx.db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code as parentCode'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listUnits(
  ctx: AppContext,
  filter: { regionCode?: string | undefined; kind?: string | undefined },
) {
  let q = ctx.db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'level', 'region_code as regionCode', 'parent_id as parentId', 'active'])
    .where('active', '=', true);
  if (filter.regionCode) q = q.where('region_code', 'like', `${filter.regionCode}%`);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return { items: await q.orderBy('region_code').orderBy('id').limit(1000).execute() };
}

export async function listCategories(ctx: AppContext) {
  return {
    items: await ctx.db
      .selectFrom('categories')
      .select(['code', 'name_zh as nameZh', 'name_en as nameEn', 'parent_code as parentCode', 'level'])
      .where('active', '=', true)
      .orderBy('level')
      .orderBy('sort')
      .orderBy('code')
      .execute(),
  };
}

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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

interface AdminListFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  active?: 'true' | 'false' | undefined;
}

/** Administration › 用户: users with their unit, by name, login or unit name. */
export async function listAdminUsers(
  ctx: AppContext,
  filter: AdminListFilter & { unitId?: number | undefined },
) {
  const { page, pageSize, q, active, unitId } = filter;
  let query = ctx.db.selectFrom('users as u').innerJoin('units as n', 'n.id', 'u.unit_id');
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.username', 'ilike', like),
        eb('u.display_name', 'ilike', like),
        eb('n.name', 'ilike', like),
      ]),
    );
  }
  if (active) query = query.where('u.active', '=', active === 'true');
  if (unitId) query = query.where('u.unit_id', '=', unitId);
  const [items, total] = await Promise.all([
    query
      .select([
        'u.id',
        'u.username',
        'u.display_name as displayName',
        'u.roles',
        'u.active',
        'u.email',
        'u.unit_id as unitId',
        'n.name as unitName',
      ])
      .orderBy('u.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), page, pageSize };
}

/** Administration › 单位: units (inactive ones too) with their remits, by name or region code. */
export async function listAdminUnits(ctx: AppContext, filter: AdminListFilter) {
  const { page, pageSize, q, active } = filter;
  let query = ctx.db.selectFrom('units as n');
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([eb('n.name', 'ilike', like), eb('n.region_code', 'like', `${escapeLike(q)}%`)]),
    );
  }
  if (active) query = query.where('n.active', '=', active === 'true');
  const [rows, total] = await Promise.all([
    query
      .select([
        'n.id',
        'n.name',
        'n.kind',
        'n.level',
        'n.region_code as regionCode',
        'n.parent_id as parentId',
        'n.active',
        'n.doc_code as docCode',
      ])
      .orderBy('n.region_code')
      .orderBy('n.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const remits =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('unit_remits')
          .select(['unit_id', 'region_code as regionCode', 'category_code as categoryCode'])
          .where(
            'unit_id',
            'in',
            rows.map((u) => u.id),
          )
          .execute();
  const items = rows.map((u) => ({
    ...u,
    remits: remits
      .filter((m) => m.unit_id === u.id)
      .map(({ regionCode, categoryCode }) => ({ regionCode, categoryCode })),
  }));
  return { items, total: Number(total.n), page, pageSize };
}

/** Administration › 问题分类: every category, inactive ones too. */
export async function listAdminCategories(ctx: AppContext) {
  return {
    items: await ctx.db
      .selectFrom('categories')
      .select([
        'code',
        'name_zh as nameZh',
        'name_en as nameEn',
        'parent_code as parentCode',
        'level',
        'active',
      ])
      .orderBy('level')
      .orderBy('sort')
      .orderBy('code')
      .execute(),
  };
}

export async function listCalendarOverrides(ctx: AppContext) {
  return {
    items: await ctx.db
      .selectFrom('calendar_overrides')
      .select(['date', 'kind', 'name'])
      .orderBy('date')
      .execute(),
  };
}

export async function listRoutingRules(ctx: AppContext) {
  return { items: await ctx.db.selectFrom('routing_rules').selectAll().orderBy('id').execute() };
}

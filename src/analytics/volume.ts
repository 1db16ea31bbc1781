import type { Db } from '../db/database.ts';
import { LODGED_LEVELS, MATTER_STATES, CHANNELS, PURPOSES } from '../shared/enums.ts';
import {
  CHANNEL_LABELS,
  PURPOSE_LABELS,
  STATE_LABELS,
  UNIT_LEVEL_LABELS,
  label,
  type Label,
} from '../shared/labels.ts';
import type { VolumeDimension, VolumeFigures, VolumeRow, VolumeTable } from '../shared/stats.schema.ts';
import { yearAfter } from '../shared/stats-drill-down.ts';
import { previousYear, type Period } from './period.ts';
import type { StatsScope } from './stats-scope.ts';
import { volumeCells, type StoredDimension, type VolumeCells } from './volume.queries.ts';

export const ZERO: VolumeFigures = {
  cases: 0,
  people: 0,
  visitBatches: 0,
  visitPeople: 0,
  collectiveBatches: 0,
  collectivePeople: 0,
};

export function addFigures(a: VolumeFigures, b: VolumeFigures): VolumeFigures {
  return {
    cases: a.cases + b.cases,
    people: a.people + b.people,
    visitBatches: a.visitBatches + b.visitBatches,
    visitPeople: a.visitPeople + b.visitPeople,
    collectiveBatches: a.collectiveBatches + b.collectiveBatches,
    collectivePeople: a.collectivePeople + b.collectivePeople,
  };
}

const STORED: Record<VolumeDimension, StoredDimension> = {
  level: 'level',
  channel: 'channel',
  purpose: 'purpose',
  category1: 'category',
  category2: 'category',
  category3: 'category',
  region: 'region',
  unit: 'unit',
  state: 'state',
  year: 'year',
  month: 'month',
};

/** What the assembler needs to name and regroup stored values. */
export interface VolumeLookups {
  categories: { code: string; parentCode: string | null; level: number; name: Label }[];
  /** The subtree's children (the next level down) and the subtree itself. */
  regions: { code: string; name: string }[];
  units: { id: number; name: string }[];
}

/** Values of an enumeration are all listed, zeros included, in the enumeration's order. */
const FIXED_ORDER: Partial<Record<VolumeDimension, readonly string[]>> = {
  level: LODGED_LEVELS,
  channel: CHANNELS,
  purpose: PURPOSES,
  state: MATTER_STATES,
};

const NONE: Record<string, Label> = {
  category: { zh: '未分类', en: 'Uncategorised' },
  unit: { zh: '未交办', en: 'Not yet assigned' },
};

/**
 * Regroups stored values into the dimension's keys: a category to its ancestor at the level asked
 * (a matter filed under a coarser category keeps that one), a region to the subtree's child it lies in.
 */
export function regroup(
  cells: VolumeCells,
  by: VolumeDimension,
  lookups: VolumeLookups,
  subtree: string,
): VolumeCells {
  const keyOf = keyMapper(by, lookups, subtree);
  const out: VolumeCells = new Map();
  for (const [value, figures] of cells) {
    const key = keyOf(value);
    out.set(key, addFigures(out.get(key) ?? ZERO, figures));
  }
  return out;
}

function keyMapper(by: VolumeDimension, lookups: VolumeLookups, subtree: string): (v: string) => string {
  if (by === 'category1' || by === 'category2' || by === 'category3') {
    const level = Number(by.slice(-1));
    const byCode = new Map(lookups.categories.map((c) => [c.code, c]));
    return (v) => {
      let c = byCode.get(v);
      while (c && c.level > level && c.parentCode) c = byCode.get(c.parentCode);
      return c ? c.code : v;
    };
  }
  if (by === 'region') {
    const children = lookups.regions.filter((r) => r.code !== subtree).map((r) => r.code);
    return (v) => children.find((c) => v.startsWith(c)) ?? subtree;
  }
  return (v) => v;
}

function labelOf(by: VolumeDimension, key: string, lookups: VolumeLookups): Label {
  switch (by) {
    case 'level':
      return label(UNIT_LEVEL_LABELS, key);
    case 'channel':
      return label(CHANNEL_LABELS, key);
    case 'purpose':
      return label(PURPOSE_LABELS, key);
    case 'state':
      return label(STATE_LABELS, key);
    case 'year':
      return { zh: `${key}年`, en: key };
    case 'month':
      return { zh: `${key.slice(0, 4)}年${Number(key.slice(5))}月`, en: key };
    case 'region': {
      const r = lookups.regions.find((x) => x.code === key);
      return r ? { zh: r.name, en: r.name } : { zh: key, en: key };
    }
    case 'unit': {
      if (key === '') return NONE.unit!;
      const u = lookups.units.find((x) => String(x.id) === key);
      return u ? { zh: u.name, en: u.name } : { zh: key, en: key };
    }
    default: {
      if (key === '') return NONE.category!;
      return lookups.categories.find((c) => c.code === key)?.name ?? { zh: key, en: key };
    }
  }
}

/**
 * The table's rows from the two periods' figures: every key of either period, labelled, in the
 * dimension's order (enumerations in their own order with zeros, years and months in time, the rest
 * largest first). The total row adds up the rows, which is the subtree's total: each matter has
 * exactly one value in every dimension.
 */
export function assembleRows(
  by: VolumeDimension | null,
  current: VolumeCells,
  previous: VolumeCells,
  lookups: VolumeLookups,
): { rows: VolumeRow[]; total: VolumeRow } {
  const sum = (cells: VolumeCells) => [...cells.values()].reduce(addFigures, ZERO);
  const total: VolumeRow = {
    key: null,
    label: '合计',
    labelEn: 'Total',
    ...sum(current),
    previous: sum(previous),
  };
  if (by === null) return { rows: [], total };
  const keys = new Set<string>([...(FIXED_ORDER[by] ?? []), ...current.keys(), ...previous.keys()]);
  const rows = [...keys].map((key): VolumeRow => {
    const l = labelOf(by, key, lookups);
    return {
      key: key === '' ? (by === 'unit' ? 'unassigned' : 'uncategorised') : key,
      label: l.zh,
      labelEn: l.en,
      ...(current.get(key) ?? ZERO),
      previous: previous.get(key) ?? ZERO,
    };
  });
  const fixed = FIXED_ORDER[by];
  if (fixed) rows.sort((a, b) => fixed.indexOf(a.key!) - fixed.indexOf(b.key!));
  else if (by === 'year' || by === 'month') rows.sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  else
    rows.sort(
      (a, b) =>
        b.cases - a.cases || b.previous.cases - a.previous.cases || (a.key ?? '').localeCompare(b.key ?? ''),
    );
  return { rows, total };
}

async function loadLookups(db: Db, by: VolumeDimension | null, subtree: string): Promise<VolumeLookups> {
  const lookups: VolumeLookups = { categories: [], regions: [], units: [] };
  if (by === 'category1' || by === 'category2' || by === 'category3') {
    const rows = await db
      .selectFrom('categories')
      .select(['code', 'parent_code', 'level', 'name_zh', 'name_en'])
      .execute();
    lookups.categories = rows.map((r) => ({
      code: r.code,
      parentCode: r.parent_code,
      level: r.level,
      name: { zh: r.name_zh, en: r.name_en },
    }));
  }
  if (by === 'region') {
    lookups.regions = await db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where((eb) => eb.or([eb('parent_code', '=', subtree), eb('code', '=', subtree)]))
      .execute();
  }
  if (by === 'unit') lookups.units = await db.selectFrom('units').select(['id', 'name']).execute();
  return lookups;
}

/** The years ('2026') or months ('2026-03') a period touches, in order. */
function timeKeys(period: Period, by: 'year' | 'month'): string[] {
  const width = by === 'year' ? 4 : 7;
  const last = period.to.slice(0, width);
  const keys: string[] = [];
  for (let k = period.from.slice(0, width); k <= last;) {
    keys.push(k);
    if (by === 'year') k = String(Number(k) + 1);
    else {
      const [y, m] = k.split('-').map(Number) as [number, number];
      k = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
  }
  return keys;
}

/** Every key present, with zeros where nothing was counted (a quiet month is still a row). */
function withEveryKey(cells: VolumeCells, keys: string[]): VolumeCells {
  const out: VolumeCells = new Map(keys.map((k) => [k, ZERO]));
  for (const [k, v] of cells) out.set(k, v);
  return out;
}

/**
 * The year before's figures keyed by the year or month they are compared with: March 2025 is the
 * 上年同期 of the row for March 2026, so a split by month has one row per month of the period.
 */
function yearLater(cells: VolumeCells): VolumeCells {
  const out: VolumeCells = new Map();
  for (const [k, v] of cells) out.set(yearAfter(k), v);
  return out;
}

/**
 * A volume table (件次, 人次, 来访批次/人次, 集体访批次/人次) of a scope for a period, optionally split by
 * one dimension, with the same days a year before.
 */
export async function volumeTable(
  db: Db,
  scope: StatsScope,
  query: { period: Period; by: VolumeDimension | null },
  now: Date,
): Promise<VolumeTable> {
  const { period, by } = query;
  const prev = previousYear(period);
  const stored = by ? STORED[by] : 'all';
  const [current, previous, lookups] = await Promise.all([
    volumeCells(db, scope, period, stored),
    volumeCells(db, scope, prev, stored),
    loadLookups(db, by, scope.region.code),
  ]);
  const regrouped = (cells: VolumeCells) => (by ? regroup(cells, by, lookups, scope.region.code) : cells);
  const timeSplit = by === 'year' || by === 'month';
  const { rows, total } = assembleRows(
    by,
    timeSplit ? withEveryKey(regrouped(current), timeKeys(period, by)) : regrouped(current),
    timeSplit ? yearLater(regrouped(previous)) : regrouped(previous),
    lookups,
  );
  return {
    period,
    previousPeriod: prev,
    region: { code: scope.region.code, name: scope.region.name },
    by,
    rows,
    total,
    generatedAt: now,
  };
}

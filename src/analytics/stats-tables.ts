import { INDICATOR_DEFINITIONS, VOLUME_DEFINITIONS } from '../shared/stats-definitions.ts';
import { DIMENSION_LABELS } from '../shared/stats-labels.ts';
import {
  yearOnYear,
  type AnnualRow,
  type AnnualTable,
  type IndicatorSet,
  type VolumeFigures,
  type VolumeTable,
} from '../shared/stats.schema.ts';
import type { TableColumn, TableSpec } from './export/table.ts';

/**
 * The statistics as exportable tables (export/write-table.ts writes them as XLSX or CSV): the same
 * figures as the API's answer, with Chinese headers a bureau pastes into its report.
 */

const FIGURES = [
  'cases',
  'people',
  'visitBatches',
  'visitPeople',
  'collectiveBatches',
  'collectivePeople',
] as const satisfies readonly (keyof VolumeFigures)[];

type VolumeLine = { label: string } & Record<string, string | number | null>;

/** A volume table: each figure, the same days a year before, and the signed change. */
export function volumeTableSpec(table: VolumeTable): TableSpec<VolumeLine> {
  const columns: TableColumn<VolumeLine>[] = [
    {
      key: 'label',
      header: table.by ? DIMENSION_LABELS[table.by].zh : '范围',
      headerEn: table.by ? DIMENSION_LABELS[table.by].en : 'Scope',
      type: 'text',
      width: 24,
    },
  ];
  for (const f of FIGURES) {
    const d = VOLUME_DEFINITIONS[f].label;
    columns.push(
      { key: f, header: d.zh, headerEn: d.en, type: 'integer' },
      {
        key: `${f}Previous`,
        header: `${d.zh}（上年同期）`,
        headerEn: `${d.en} (year before)`,
        type: 'integer',
      },
      { key: `${f}Change`, header: `${d.zh}同比`, headerEn: `${d.en} year on year`, type: 'percent' },
    );
  }
  const line = (row: VolumeTable['total']): VolumeLine => {
    const out: VolumeLine = { label: row.label };
    for (const f of FIGURES) {
      out[f] = row[f];
      out[`${f}Previous`] = row.previous[f];
      out[`${f}Change`] = yearOnYear(row[f], row.previous[f]);
    }
    return out;
  };
  return {
    title: '信访总量统计表',
    meta: {
      period: table.period,
      scope: table.region.name,
      exportedAt: new Date(table.generatedAt),
      lines: [
        { label: '上年同期', value: `${table.previousPeriod.from} 至 ${table.previousPeriod.to}` },
        ...(table.by ? [{ label: '分组', value: DIMENSION_LABELS[table.by].zh }] : []),
      ],
    },
    columns,
    rows: [...table.rows.map(line), line(table.total)],
  };
}

type IndicatorLine = {
  label: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  definition: string;
};

/** The indicator set: each rate with its numerator and denominator, and what it counts. */
export function indicatorTableSpec(set: IndicatorSet, unitName: string | null): TableSpec<IndicatorLine> {
  return {
    title: '信访工作程序性指标',
    meta: {
      period: set.period,
      scope: set.region.name,
      exportedAt: new Date(set.generatedAt),
      lines: [
        ...(unitName ? [{ label: '单位', value: unitName }] : []),
        ...(set.category ? [{ label: '问题分类', value: set.category }] : []),
      ],
    },
    columns: [
      { key: 'label', header: '指标', headerEn: 'Indicator', type: 'text', width: 22 },
      { key: 'numerator', header: '分子', headerEn: 'Numerator', type: 'integer' },
      { key: 'denominator', header: '分母', headerEn: 'Denominator', type: 'integer' },
      { key: 'value', header: '比率', headerEn: 'Rate', type: 'percent' },
      { key: 'definition', header: '口径', headerEn: 'Definition', type: 'text', width: 80 },
    ],
    rows: set.figures.map((f) => ({
      label: INDICATOR_DEFINITIONS[f.indicator].label.zh,
      numerator: f.numerator,
      denominator: f.denominator,
      value: f.value,
      definition: INDICATOR_DEFINITIONS[f.indicator].definition.zh,
    })),
  };
}

/** The annual table of a county report, one row per year. */
export function annualTableSpec(table: AnnualTable): TableSpec<AnnualRow & { label: string }> {
  const col = (key: Exclude<keyof AnnualRow, 'period'>, header: string, headerEn: string) =>
    ({ key, header, headerEn, type: 'integer' }) as const;
  return {
    title: '信访总量年度统计表',
    meta: { period: table.period, scope: table.region.name, exportedAt: new Date(table.generatedAt) },
    columns: [
      { key: 'label', header: '年度', headerEn: 'Year', type: 'text', width: 10 },
      col('cases', '信访总量（件次）', 'Matters'),
      col('people', '信访总量（人次）', 'People'),
      col('countyCollectiveBatches', '县级集体访（批次）', 'Collective visits at county level'),
      col('countyCollectivePeople', '县级集体访（人次）', 'Their people'),
      col('cityVisitBatches', '赴市访（批次）', 'Visits to the city'),
      col('cityVisitPeople', '赴市访（人次）', 'Their people'),
      col('provinceVisitCases', '赴省访（件次）', 'Visits to the province'),
      col('provinceVisitPeople', '赴省访（人次）', 'Their people'),
      col('nationalVisitCases', '进京访（件次）', 'Visits to Beijing'),
      col('nationalVisitPeople', '进京访（人次）', 'Their people'),
    ],
    rows: table.rows.map((r) => ({ ...r, label: `${r.year}年` })),
  };
}

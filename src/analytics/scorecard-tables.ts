import type { UnitKind, UnitLevel } from '../shared/enums.ts';
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from '../shared/labels.ts';
import { describeWeights, SCORECARD_DEFINITIONS } from '../shared/scorecard-definitions.ts';
import { INDICATOR_DEFINITIONS } from '../shared/stats-definitions.ts';
import {
  INDICATORS,
  RATE_INDICATORS,
  type Indicator,
  type RateIndicator,
  type Scorecard,
  type UnitComparison,
} from '../shared/stats.schema.ts';
import type { TableColumn, TableSpec } from './export/table.ts';

/**
 * The scorecard and the unit comparison as exportable tables (export/write-table.ts writes them as
 * XLSX or CSV), with the same figures as the API's answer and Chinese headers.
 */

type Line = Record<string, string | number | null>;

const levelLabel = (level: string) => UNIT_LEVEL_LABELS[level as UnitLevel]?.zh ?? level;
const kindLabel = (kind: string) => UNIT_KIND_LABELS[kind as UnitKind]?.zh ?? kind;
const isRate = (k: Indicator) => (RATE_INDICATORS as readonly Indicator[]).includes(k);

const unitColumns: TableColumn<Line>[] = [
  { key: 'unitName', header: '单位', headerEn: 'Unit', type: 'text', width: 26 },
  { key: 'level', header: '层级', headerEn: 'Level', type: 'text', width: 10 },
  { key: 'kind', header: '类别', headerEn: 'Kind', type: 'text', width: 14 },
  {
    key: 'rank',
    header: SCORECARD_DEFINITIONS.rank.label.zh,
    headerEn: SCORECARD_DEFINITIONS.rank.label.en,
    type: 'integer',
  },
  {
    key: 'peers',
    header: SCORECARD_DEFINITIONS.peers.label.zh,
    headerEn: SCORECARD_DEFINITIONS.peers.label.en,
    type: 'integer',
  },
];

const unitLine = (r: { unitName: string; level: string; kind: string; rank: number; peers: number }) => ({
  unitName: r.unitName,
  level: levelLabel(r.level),
  kind: kindLabel(r.kind),
  rank: r.rank,
  peers: r.peers,
});

/**
 * One row per unit: rank and score, the repeat matters and the points off (theirs and the
 * supervised matters', counted among the figures), then each rate with its target and gap (and
 * its points where weighted), and the counts.
 */
export function scorecardTableSpec(card: Scorecard): TableSpec<Line> {
  const weights = describeWeights(card.weights);
  const columns: TableColumn<Line>[] = [
    ...unitColumns,
    {
      key: 'score',
      header: SCORECARD_DEFINITIONS.score.label.zh,
      headerEn: SCORECARD_DEFINITIONS.score.label.en,
      type: 'decimal',
    },
    { key: 'repeatMatters', header: '重复信访件数', headerEn: 'Repeat matters', type: 'integer' },
    { key: 'penalty', header: '扣分', headerEn: 'Points off', type: 'decimal' },
  ];
  for (const k of INDICATORS) {
    const label = INDICATOR_DEFINITIONS[k].label;
    if (!isRate(k)) {
      columns.push({ key: k, header: label.zh, headerEn: label.en, type: 'integer' });
      continue;
    }
    columns.push(
      { key: k, header: label.zh, headerEn: label.en, type: 'percent' },
      { key: `${k}Target`, header: `${label.zh}目标`, headerEn: `${label.en} target`, type: 'percent' },
      { key: `${k}Gap`, header: `${label.zh}差距`, headerEn: `${label.en} gap`, type: 'percent' },
    );
    if (card.weights.weights[k as RateIndicator] !== undefined)
      columns.push({
        key: `${k}Points`,
        header: `${label.zh}得分`,
        headerEn: `${label.en} points`,
        type: 'decimal',
      });
  }
  return {
    title: '信访工作单位考核评分表',
    meta: {
      period: card.period,
      scope: card.region.name,
      exportedAt: new Date(card.generatedAt),
      lines: [
        { label: '目标年度', value: `${card.year}年` },
        { label: '评分权重', value: weights.zh },
        ...(card.category ? [{ label: '问题分类', value: card.category }] : []),
        { label: '计分口径', value: SCORECARD_DEFINITIONS.score.definition.zh },
      ],
    },
    columns,
    rows: card.rows.map((r) => {
      const out: Line = {
        ...unitLine(r),
        score: r.score,
        repeatMatters: r.repeatMatters,
        penalty: r.penalty,
      };
      for (const f of r.figures) {
        if (!isRate(f.indicator)) {
          out[f.indicator] = f.numerator;
          continue;
        }
        out[f.indicator] = f.value;
        out[`${f.indicator}Target`] = f.target;
        out[`${f.indicator}Gap`] = f.gap;
        out[`${f.indicator}Points`] = f.points;
      }
      return out;
    }),
  };
}

/** The units ranked by one indicator: its numerator, denominator and rate per unit. */
export function unitComparisonTableSpec(cmp: UnitComparison): TableSpec<Line> {
  const def = INDICATOR_DEFINITIONS[cmp.indicator];
  const rate = isRate(cmp.indicator);
  return {
    title: `单位${def.label.zh}排名`,
    meta: {
      period: cmp.period,
      scope: cmp.region.name,
      exportedAt: new Date(cmp.generatedAt),
      lines: [
        { label: '指标', value: def.label.zh },
        { label: '排序', value: cmp.lowerIsBetter ? '越低越好' : '越高越好' },
        ...(cmp.category ? [{ label: '问题分类', value: cmp.category }] : []),
        { label: '口径', value: def.definition.zh },
      ],
    },
    columns: [
      ...unitColumns,
      ...(rate
        ? ([
            { key: 'numerator', header: '分子', headerEn: 'Numerator', type: 'integer' },
            { key: 'denominator', header: '分母', headerEn: 'Denominator', type: 'integer' },
            { key: 'value', header: def.label.zh, headerEn: def.label.en, type: 'percent' },
          ] as const)
        : ([{ key: 'numerator', header: def.label.zh, headerEn: def.label.en, type: 'integer' }] as const)),
    ],
    rows: cmp.rows.map((r) => ({
      ...unitLine(r),
      numerator: r.numerator,
      denominator: r.denominator,
      value: r.value,
    })),
  };
}

import { Link } from '@tanstack/react-router';
import { Form, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from '../../../src/shared/labels.ts';
import { COUNT_INDICATORS, INDICATOR_DEFINITIONS } from '../../../src/shared/stats-definitions.ts';
import {
  INDICATORS,
  RATE_INDICATORS,
  type Indicator,
  type Scorecard,
  type ScorecardRow,
  type UnitComparison,
  type UnitComparisonRow,
} from '../../../src/shared/stats.schema.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { drillDownSearch } from '../queue/queue-search.ts';
import { useCanOpenQueue } from './can-open-queue.ts';
import { DefinitionTip } from './DefinitionTip.tsx';
import { fmtCount, fmtRate } from './format.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ExportLinks } from '../common/ExportLinks.tsx';
import { useStats, type Params } from './stats-query.ts';
import type { StatsSearch } from './stats-search.ts';

/** Both tables list units by peer group and rank, fifty to a page, scrolling sideways on a phone. */
const RANKING_TABLE = {
  size: 'small',
  rowKey: 'unitId',
  pagination: { pageSize: 50, hideOnSinglePage: true },
  scroll: { x: 'max-content' },
} as const;

/** The peer group a row belongs to (same level and kind), as a readable heading. */
function usePeerLabel() {
  const { lbl } = useWorkbenchI18n();
  return (r: { level: string; kind: string }) =>
    `${lbl(UNIT_LEVEL_LABELS, r.level)} · ${lbl(UNIT_KIND_LABELS, r.kind)}`;
}

/** A signed gap in percentage points (+2.5, −1.0), a dash without a target. */
function fmtGap(gap: number | null): string {
  if (gap === null) return '—';
  const pts = Math.abs(gap * 100).toFixed(1);
  return `${gap > 0 ? '+' : gap < 0 ? '\u2212' : ''}${pts}`;
}

/**
 * 单位排名: every unit of the scope ranked by one indicator among its peers (units of the same level
 * and kind), each numerator and denominator a link to the matters it counts.
 */
export function UnitsTab({
  params,
  indicator,
  update,
}: {
  params: Params;
  indicator: Indicator;
  update: (p: Partial<StatsSearch>) => void;
}) {
  const { m, lang } = useWorkbenchI18n();
  const peerLabel = usePeerLabel();
  const linkable = useCanOpenQueue();
  const all = { ...params, indicator };
  const { data, error, isFetching } = useStats<UnitComparison>('units', '/api/stats/units', all);
  const def = INDICATOR_DEFINITIONS[indicator];
  const isCount = COUNT_INDICATORS.includes(indicator);
  const part = (r: UnitComparisonRow, which: 'numerator' | 'denominator', value: number) =>
    !linkable || !data ? (
      fmtCount(value, lang)
    ) : (
      <Link
        to="/queue"
        search={drillDownSearch({ ...data, unitId: r.unitId }, indicator, which)}
        aria-label={`${r.unitName}，${m.stats.partLink(
          def.label[lang],
          which === 'numerator' ? m.stats.numerator : m.stats.denominator,
          fmtCount(value, lang),
        )}`}
      >
        {fmtCount(value, lang)}
      </Link>
    );
  const columns: TableColumnsType<UnitComparisonRow> = [
    { title: m.stats.units.peers, key: 'peers', render: (_, r) => peerLabel(r), width: 180 },
    { title: m.stats.units.rank, key: 'rank', render: (_, r) => `${r.rank} / ${r.peers}`, width: 90 },
    { title: m.stats.units.unit, dataIndex: 'unitName', key: 'unit' },
    ...(isCount
      ? [
          {
            title: def.label[lang],
            key: 'n',
            align: 'right' as const,
            render: (_: unknown, r: UnitComparisonRow) => part(r, 'numerator', r.numerator),
          },
        ]
      : [
          {
            title: def.label[lang],
            key: 'value',
            align: 'right' as const,
            render: (_: unknown, r: UnitComparisonRow) => fmtRate(r.value),
          },
          {
            title: m.stats.numerator,
            key: 'n',
            align: 'right' as const,
            render: (_: unknown, r: UnitComparisonRow) => part(r, 'numerator', r.numerator),
          },
          {
            title: m.stats.denominator,
            key: 'd',
            align: 'right' as const,
            render: (_: unknown, r: UnitComparisonRow) => part(r, 'denominator', r.denominator ?? 0),
          },
        ]),
  ];
  return (
    <Panel
      title={m.stats.units.title}
      extra={<ExportLinks path="/api/stats/units/export" params={all} name="units" />}
    >
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={m.stats.units.indicator} htmlFor="stats-indicator">
          <Select<Indicator>
            id="stats-indicator"
            value={indicator}
            onChange={(v) => update({ indicator: v })}
            options={INDICATORS.map((k) => ({ value: k, label: INDICATOR_DEFINITIONS[k].label[lang] }))}
            style={{ minWidth: 200 }}
            data-testid="stats-indicator"
          />
        </Form.Item>
        <DefinitionTip label={def.label[lang]} definition={def.definition[lang]} />
      </Form>
      <ErrorAlert error={error} testId="stats-error" />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {data.lowerIsBetter ? m.stats.units.lowerIsBetter : m.stats.units.higherIsBetter}
        </Typography.Paragraph>
      )}
      <Table<UnitComparisonRow>
        {...RANKING_TABLE}
        loading={isFetching}
        columns={columns}
        dataSource={error ? [] : (data?.rows ?? [])}
        data-testid="units-table"
      />
    </Panel>
  );
}

/**
 * 考核评分: each unit's weighted indicators against its targets for the year, the gap, the points,
 * the deduction for repeat matters, the score and the rank among its peers.
 */
export function ScorecardTab({ params }: { params: Params }) {
  const { m, lang } = useWorkbenchI18n();
  const peerLabel = usePeerLabel();
  const { data, error, isFetching } = useStats<Scorecard>('scorecard', '/api/stats/scorecard', params);
  // The rates the scheme weighs, then the other rates: a target may be set on any of them.
  const weighted = RATE_INDICATORS.filter((k) => data?.weights.weights[k] !== undefined);
  const figureOf = (r: ScorecardRow, k: Indicator) => r.figures.find((f) => f.indicator === k);
  const columns: TableColumnsType<ScorecardRow> = [
    { title: m.stats.units.peers, key: 'peers', render: (_, r) => peerLabel(r), width: 170 },
    { title: m.stats.units.rank, key: 'rank', render: (_, r) => `${r.rank} / ${r.peers}`, width: 80 },
    { title: m.stats.units.unit, dataIndex: 'unitName', key: 'unit' },
    {
      title: m.stats.scorecard.score,
      key: 'score',
      align: 'right',
      render: (_, r) => (r.score === null ? '—' : r.score.toFixed(2)),
    },
    ...weighted.map((k) => ({
      title: `${INDICATOR_DEFINITIONS[k].label[lang]} ×${data?.weights.weights[k] ?? 0}`,
      key: k,
      align: 'right' as const,
      render: (_: unknown, r: ScorecardRow) => {
        const f = figureOf(r, k);
        if (!f) return '—';
        return (
          <span>
            {fmtRate(f.value)}
            {f.target !== null && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {m.stats.scorecard.targetGap(fmtRate(f.target), fmtGap(f.gap))}
              </Typography.Text>
            )}
          </span>
        );
      },
    })),
    {
      title: m.stats.scorecard.penalty(data?.weights.repeatPenalty ?? 0),
      key: 'penalty',
      align: 'right',
      render: (_, r) => {
        const off = r.repeatMatters * (data?.weights.repeatPenalty ?? 0);
        return r.repeatMatters === 0 ? '0' : `${r.repeatMatters}（−${+off.toFixed(4)}）`;
      },
    },
    {
      // Supervision cards counted per unit (issue 13), points off where the scheme says so.
      title: m.stats.scorecard.cards(data?.weights.cardPenalty ?? 0),
      key: 'cards',
      align: 'right',
      render: (_, r) => {
        const off = r.cardMatters * (data?.weights.cardPenalty ?? 0);
        return off === 0 ? String(r.cardMatters) : `${r.cardMatters}（−${+off.toFixed(4)}）`;
      },
    },
    {
      title: m.stats.scorecard.counted,
      key: 'rows',
      render: (_, r) => (r.hasRows ? null : <Tag>{m.stats.scorecard.nothingCounted}</Tag>),
    },
  ];
  return (
    <Panel
      title={m.stats.scorecard.title}
      extra={<ExportLinks path="/api/stats/scorecard/export" params={params} name="scorecard" />}
    >
      <ErrorAlert error={error} testId="stats-error" />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {m.stats.scorecard.explain(data.year)}
        </Typography.Paragraph>
      )}
      <Table<ScorecardRow>
        {...RANKING_TABLE}
        loading={isFetching}
        columns={columns}
        dataSource={error ? [] : (data?.rows ?? [])}
        data-testid="scorecard-table"
      />
    </Panel>
  );
}

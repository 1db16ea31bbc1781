import { FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Alert, Button, DatePicker, Form, Segmented, Select, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import type { Unit } from '../../../src/shared/api.schema.ts';
import { DIMENSION_LABELS } from '../../../src/shared/stats-labels.ts';
import {
  VOLUME_DIMENSIONS,
  type AnnualTable,
  type IndicatorSet,
  type VolumeDimension,
  type VolumeTable,
} from '../../../src/shared/stats.schema.ts';
import { api, withQuery } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useSession } from '../auth/session.tsx';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { useCanOpenQueue } from './can-open-queue.ts';
import { AnnualTableView } from './AnnualTableView.tsx';
import { IndicatorCards } from './IndicatorCards.tsx';
import {
  annualPeriod,
  chinaToday,
  namedPeriod,
  nextStatsSearch,
  PERIOD_KINDS,
  statsQueryOf,
  type PeriodKind,
  type StatsQuery,
  type StatsSearch,
  type StatsTab,
} from './stats-search.ts';
import { StatsRegionPicker } from './StatsRegionPicker.tsx';
import { MonthlyTrend, RegionBars } from './TrendCharts.tsx';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { ExportLinks } from '../common/ExportLinks.tsx';
import { useStats, type Params } from './stats-query.ts';
import { ScorecardTab, UnitsTab } from './UnitRankings.tsx';
import { VolumeTableView } from './VolumeTableView.tsx';

const DATE = 'YYYY-MM-DD';

/** The page's controls, kept in the address (typed search parameters of /stats). */
function useStatsQuery(): [StatsQuery, (patch: Partial<StatsSearch>) => void, string] {
  const search = useSearch({ from: '/stats' });
  const navigate = useNavigate({ from: '/stats' });
  const today = chinaToday();
  const update = (patch: Partial<StatsSearch>) => {
    void navigate({ search: (prev) => nextStatsSearch(prev, patch), replace: true });
  };
  return [statsQueryOf(search, today), update, today];
}

function PeriodPicker({
  q,
  today,
  update,
}: {
  q: StatsQuery;
  today: string;
  update: (p: Partial<StatsSearch>) => void;
}) {
  const { m } = useWorkbenchI18n();
  const kindLabel: Record<PeriodKind, string> = {
    year: m.stats.year,
    quarter: m.stats.quarter,
    month: m.stats.month,
    range: m.stats.range,
  };
  const choose = (kind: PeriodKind, anchor: string) =>
    update(kind === 'range' ? { period: kind } : { period: kind, ...namedPeriod(kind, anchor, today) });
  const future = (d: Dayjs) => d.format(DATE) > today;
  return (
    <Space wrap size={8} align="center">
      <Segmented<PeriodKind>
        aria-label={m.stats.periodKind}
        value={q.period}
        onChange={(k) => choose(k, q.from)}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: kindLabel[k] }))}
        data-testid="period-kind"
      />
      {q.period === 'range' ? (
        <DatePicker.RangePicker
          id="stats-period"
          aria-label={m.stats.period}
          value={[dayjs(q.from), dayjs(q.to)]}
          allowClear={false}
          disabledDate={future}
          onChange={(v) =>
            v?.[0] && v[1] && update({ period: 'range', from: v[0].format(DATE), to: v[1].format(DATE) })
          }
        />
      ) : (
        <DatePicker
          id="stats-period"
          aria-label={kindLabel[q.period]}
          picker={q.period}
          value={dayjs(q.from)}
          allowClear={false}
          disabledDate={(d) =>
            q.period !== 'range' && namedPeriod(q.period, d.format(DATE), today).from > today
          }
          onChange={(d: Dayjs | null) => d && choose(q.period, d.format(DATE))}
          data-testid="period-picker"
        />
      )}
      <Typography.Text type="secondary" data-testid="period-text">
        {m.stats.periodText(q.from, q.to)}
      </Typography.Text>
    </Space>
  );
}

function VolumeTab({ q, params }: { q: StatsQuery; params: Params }) {
  const { m } = useWorkbenchI18n();
  const all = { ...params, by: q.by };
  const { data, error, isFetching } = useStats<VolumeTable>('volume', '/api/stats/volume', all);
  const linkable = useCanOpenQueue();
  const empty = data && data.total.cases === 0 && data.total.previous.cases === 0;
  return (
    <Panel
      title={m.stats.volumeTitle}
      extra={<ExportLinks path="/api/stats/volume/export" params={all} name="volume" />}
    >
      <ErrorAlert error={error} testId="stats-error" />
      {data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {m.stats.scopeLine(data.region.name, data.previousPeriod.from, data.previousPeriod.to)}
        </Typography.Paragraph>
      )}
      {empty && <Alert type="info" showIcon title={m.stats.empty} style={{ marginBottom: 12 }} />}
      <VolumeTableView table={error ? undefined : data} loading={isFetching} linkable={linkable} />
      {linkable && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
          {m.stats.drillHint}
        </Typography.Paragraph>
      )}
    </Panel>
  );
}

function IndicatorsTab({
  q,
  params,
  update,
}: {
  q: StatsQuery;
  params: Params;
  update: (p: Partial<StatsSearch>) => void;
}) {
  const { m } = useWorkbenchI18n();
  const all = { ...params, unit: q.unit, category: q.category };
  const { data, error, isFetching } = useStats<IndicatorSet>('indicators', '/api/stats/indicators', all);
  const linkable = useCanOpenQueue();
  const units = useQuery({
    queryKey: keys.units,
    queryFn: () => api.get<{ items: Unit[] }>('/api/units').then((r) => r.items),
  }).data;
  return (
    <Panel
      title={m.stats.indicatorsTitle}
      extra={<ExportLinks path="/api/stats/indicators/export" params={all} name="indicators" />}
    >
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={m.stats.indicatorUnit} htmlFor="stats-unit">
          <Select
            id="stats-unit"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={m.common.all}
            value={q.unit}
            onChange={(v: number | undefined) => update({ unit: v })}
            options={(units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            style={{ minWidth: 220 }}
          />
        </Form.Item>
        <Form.Item label={m.stats.indicatorCategory} htmlFor="stats-category">
          <div style={{ width: 220 }}>
            <CategorySelect
              id="stats-category"
              endpoint="/api/categories"
              value={q.category}
              onChange={(v) => update({ category: v })}
              placeholder={m.common.all}
              ariaLabel={m.stats.indicatorCategory}
            />
          </div>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} testId="stats-error" />
      {data && !error ? (
        <div style={{ opacity: isFetching ? 0.6 : 1 }} aria-busy={isFetching}>
          <IndicatorCards set={data} linkable={linkable} />
        </div>
      ) : (
        !error && <Typography.Text type="secondary">{m.app.loading}</Typography.Text>
      )}
    </Panel>
  );
}

function TrendTab({ params }: { params: Params }) {
  const { m } = useWorkbenchI18n();
  const monthly = useStats<VolumeTable>('volume', '/api/stats/volume', { ...params, by: 'month' });
  const regions = useStats<VolumeTable>('volume', '/api/stats/volume', { ...params, by: 'region' });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Panel title={m.stats.trendTitle}>
        <ErrorAlert error={monthly.error} testId="stats-error" />
        {monthly.data && !monthly.error && <MonthlyTrend table={monthly.data} />}
      </Panel>
      <Panel title={m.stats.regionTitle}>
        <ErrorAlert error={regions.error} testId="stats-error" />
        {regions.data &&
          !regions.error &&
          (regions.data.rows.length === 0 ? (
            <Typography.Text type="secondary">{m.stats.noRegionsBelow}</Typography.Text>
          ) : (
            <RegionBars table={regions.data} />
          ))}
      </Panel>
    </Space>
  );
}

function AnnualTab({
  q,
  today,
  region,
  update,
}: {
  q: StatsQuery;
  today: string;
  region: string | undefined;
  update: (p: Partial<StatsSearch>) => void;
}) {
  const { m } = useWorkbenchI18n();
  const params: Params = { ...annualPeriod(q, today), region };
  const { data, error, isFetching } = useStats<AnnualTable>('annual', '/api/stats/annual', params);
  const linkable = useCanOpenQueue();
  const thisYear = Number(today.slice(0, 4));
  return (
    <Panel
      title={m.stats.annualTitle}
      extra={
        <Space wrap size={8}>
          <ExportLinks path="/api/stats/annual/export" params={params} name="annual" />
          <Button
            size="small"
            icon={<FileWordOutlined aria-hidden />}
            href={withQuery('/api/stats/annual-report', { year: q.toYear, region })}
            download
            data-testid="annual-report-docx"
          >
            {m.stats.annualReport(q.toYear)}
          </Button>
        </Space>
      }
    >
      <Form layout="inline" className="ms-annual-years" style={{ marginBottom: 12 }}>
        <Form.Item label={m.stats.annualYears} htmlFor="stats-years">
          <DatePicker.RangePicker
            id="stats-years"
            picker="year"
            allowClear={false}
            value={[dayjs(`${q.fromYear}-01-01`), dayjs(`${q.toYear}-01-01`)]}
            disabledDate={(d) => d.year() > thisYear}
            onChange={(v) => v?.[0] && v[1] && update({ fromYear: v[0].year(), toYear: v[1].year() })}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} testId="stats-error" />
      <AnnualTableView table={error ? undefined : data} loading={isFetching} linkable={linkable} />
    </Panel>
  );
}

/**
 * 统计分析: the volume tables of any period, region subtree and split, the procedure indicators, the
 * trends by month and by region, and the annual table of a report — each with its exports, each
 * figure a link to the matters it counts. Only what the user may see is counted (the server's rule).
 */
export function StatsPage() {
  const { m, lang } = useWorkbenchI18n();
  const { user } = useSession();
  const [q, update, today] = useStatsQuery();
  const params: Params = useMemo(
    () => ({ from: q.from, to: q.to, region: q.region }),
    [q.from, q.to, q.region],
  );
  if (!user) return null;
  const tab = (key: StatsTab, label: string, children: ReactNode) => ({ key, label, children });
  return (
    <div>
      <h1 style={{ fontSize: 22 }}>{m.stats.title}</h1>
      <Typography.Paragraph type="secondary">{m.stats.intro}</Typography.Paragraph>
      <Panel style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div" role="search" aria-label={m.stats.controls}>
          <Space wrap size={[24, 8]} align="start">
            {q.tab !== 'annual' && (
              <Form.Item label={m.stats.period} htmlFor="stats-period" style={{ marginBottom: 0 }}>
                <PeriodPicker q={q} today={today} update={update} />
              </Form.Item>
            )}
            <Form.Item label={m.stats.region} htmlFor="stats-region" style={{ marginBottom: 0 }}>
              <StatsRegionPicker
                id="stats-region"
                root={user.unit.regionCode}
                value={q.region}
                onChange={(region) => update({ region })}
              />
            </Form.Item>
            {q.tab === 'volume' && (
              <Form.Item label={m.stats.dimension} htmlFor="stats-by" style={{ marginBottom: 0 }}>
                <Select<VolumeDimension>
                  id="stats-by"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={q.by}
                  onChange={(by) => update({ by })}
                  options={VOLUME_DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABELS[d][lang] }))}
                  style={{ minWidth: 180 }}
                  data-testid="stats-by"
                />
              </Form.Item>
            )}
          </Space>
        </Form>
      </Panel>
      <Tabs
        className="ms-stats-tabs"
        activeKey={q.tab}
        onChange={(k) => update({ tab: k as StatsTab })}
        destroyOnHidden
        items={[
          tab('volume', m.stats.tabs.volume, <VolumeTab q={q} params={params} />),
          tab('indicators', m.stats.tabs.indicators, <IndicatorsTab q={q} params={params} update={update} />),
          tab(
            'units',
            m.stats.tabs.units,
            <UnitsTab params={params} indicator={q.indicator} update={update} />,
          ),
          tab('scorecard', m.stats.tabs.scorecard, <ScorecardTab params={params} />),
          tab('trend', m.stats.tabs.trend, <TrendTab params={params} />),
          tab(
            'annual',
            m.stats.tabs.annual,
            <AnnualTab q={q} today={today} region={q.region} update={update} />,
          ),
        ]}
      />
    </div>
  );
}

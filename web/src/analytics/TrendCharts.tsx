import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { VolumeTable } from '../../../src/shared/stats.schema.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const RED = '#b4232a';
const BLUE = '#1d5fa8';

/** An ECharts canvas that follows the window's width; the numbers are also in `children` for screen readers. */
function Chart({ option, height, title }: { option: EChartsCoreOption; height: number; title: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} role="img" aria-label={title} style={{ height, width: '100%' }} />;
}

/** A visually hidden table with the chart's numbers. */
function HiddenTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <table className="ms-visually-hidden">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((c, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {c}
                </th>
              ) : (
                <td key={i}>{c}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 件次 and 人次 by month for the period, the same months a year before dashed. */
export function MonthlyTrend({ table }: { table: VolumeTable }) {
  const { m, lang } = useWorkbenchI18n();
  const rows = table.rows;
  const months = useMemo(() => rows.map((r) => (lang === 'zh' ? r.label : (r.key ?? ''))), [rows, lang]);
  const series = useMemo(
    () => [
      { name: m.stats.casesSeries, data: rows.map((r) => r.cases), color: RED, dashed: false },
      { name: m.stats.casesBefore, data: rows.map((r) => r.previous.cases), color: RED, dashed: true },
      { name: m.stats.peopleSeries, data: rows.map((r) => r.people), color: BLUE, dashed: false },
      { name: m.stats.peopleBefore, data: rows.map((r) => r.previous.people), color: BLUE, dashed: true },
    ],
    [rows, m],
  );
  // A new option redraws the chart: only when the figures or the language change.
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'plain' },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.data,
        symbolSize: 6,
        itemStyle: { color: s.color },
        lineStyle: { color: s.color, type: s.dashed ? 'dashed' : 'solid', width: s.dashed ? 1.5 : 2.5 },
      })),
    }),
    [months, series],
  );
  return (
    <figure style={{ margin: 0 }} data-testid="monthly-trend">
      <Chart option={option} height={320} title={m.stats.trendTitle} />
      <HiddenTable
        caption={m.stats.trendTitle}
        head={[m.stats.month, ...series.map((s) => s.name)]}
        rows={rows.map((r, i) => [months[i]!, r.cases, r.previous.cases, r.people, r.previous.people])}
      />
    </figure>
  );
}

/** 件次 by region, the next level down, with the year before; largest first, as the API orders them. */
export function RegionBars({ table }: { table: VolumeTable }) {
  const { m } = useWorkbenchI18n();
  const rows = table.rows;
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label) },
      series: [
        {
          type: 'bar',
          name: m.stats.casesSeries,
          data: rows.map((r) => r.cases),
          itemStyle: { color: RED },
          label: { show: true, position: 'right' },
        },
        {
          type: 'bar',
          name: m.stats.casesBefore,
          data: rows.map((r) => r.previous.cases),
          itemStyle: { color: '#d9a3a6' },
        },
      ],
    }),
    [rows, m],
  );
  return (
    <figure style={{ margin: 0 }} data-testid="region-bars">
      <Chart option={option} height={Math.max(180, rows.length * 44 + 48)} title={m.stats.regionTitle} />
      <HiddenTable
        caption={m.stats.regionTitle}
        head={[m.stats.regionColumn, m.stats.casesSeries, m.stats.casesBefore]}
        rows={rows.map((r) => [r.label, r.cases, r.previous.cases])}
      />
    </figure>
  );
}

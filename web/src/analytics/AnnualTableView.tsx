import { Link } from '@tanstack/react-router';
import { Table, type TableColumnsType } from 'antd';
import { annualDrillDown } from '../../../src/shared/stats-drill-down.ts';
import type { AnnualRow, AnnualTable } from '../../../src/shared/stats.schema.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { fmtCount } from './format.ts';

type Count = Exclude<keyof AnnualRow, 'year' | 'period'>;

/**
 * The table that opens a county's annual report: a row per year, the total 件次/人次, collective
 * visits at county level, visits to the city (批次/人次), to the province and to Beijing (件次/人次).
 */
export function AnnualTableView({
  table,
  loading,
  linkable = true,
}: {
  table: AnnualTable | undefined;
  loading: boolean;
  /** Whether the user may open the queue, where each figure's link leads. */
  linkable?: boolean;
}) {
  const { m, lang } = useWorkbenchI18n();
  const a = m.stats.annual;
  const num = (key: Count, title: string, group: string) => ({
    title,
    key,
    className: 'ms-num',
    width: 90,
    render: (_: unknown, r: AnnualRow) => {
      const text = fmtCount(r[key], lang);
      if (!table || !linkable) return text;
      return (
        <Link
          to="/queue"
          search={annualDrillDown(table, r, key)}
          aria-label={m.stats.cellLink(a.yearLabel(r.year), `${group} ${title}`, '', text)}
          data-testid={`annual-${r.year}-${key}`}
        >
          {text}
        </Link>
      );
    },
  });
  const columns: TableColumnsType<AnnualRow> = [
    {
      title: a.year,
      key: 'year',
      fixed: 'left',
      width: 180,
      render: (_: unknown, r) => (
        <>
          {a.yearLabel(r.year)}
          {(r.period.from.slice(5) !== '01-01' || r.period.to.slice(5) !== '12-31') && (
            <div style={{ fontSize: 12, color: '#595959', whiteSpace: 'nowrap' }}>
              {m.stats.periodText(r.period.from, r.period.to)}
            </div>
          )}
        </>
      ),
    },
    {
      title: a.total,
      key: 'total',
      children: [num('cases', a.cases, a.total), num('people', a.people, a.total)],
    },
    {
      title: a.countyCollective,
      key: 'county',
      children: [
        num('countyCollectiveBatches', a.batches, a.countyCollective),
        num('countyCollectivePeople', a.people, a.countyCollective),
      ],
    },
    {
      title: a.city,
      key: 'city',
      children: [num('cityVisitBatches', a.batches, a.city), num('cityVisitPeople', a.people, a.city)],
    },
    {
      title: a.province,
      key: 'province',
      children: [
        num('provinceVisitCases', a.cases, a.province),
        num('provinceVisitPeople', a.people, a.province),
      ],
    },
    {
      title: a.national,
      key: 'national',
      children: [
        num('nationalVisitCases', a.cases, a.national),
        num('nationalVisitPeople', a.people, a.national),
      ],
    },
  ];
  return (
    <div data-testid="annual-table">
      <Table<AnnualRow>
        className="ms-stats-table"
        size="small"
        bordered
        rowKey="year"
        loading={loading}
        dataSource={table?.rows ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: m.stats.empty }}
      />
    </div>
  );
}

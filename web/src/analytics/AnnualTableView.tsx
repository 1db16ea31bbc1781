import { Table, type TableColumnsType } from 'antd';
import type { AnnualRow, AnnualTable } from '../../../src/shared/stats.schema.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fmtCount } from './format.ts';

type Count = Exclude<keyof AnnualRow, 'year' | 'period'>;

/**
 * The table that opens a county's annual report: a row per year, the total 件次/人次, collective
 * visits at county level, visits to the city (批次/人次), to the province and to Beijing (件次/人次).
 */
export function AnnualTableView({ table, loading }: { table: AnnualTable | undefined; loading: boolean }) {
  const { m, lang } = useI18n();
  const a = m.stats.annual;
  const num = (key: Count, title: string) => ({
    title,
    key,
    className: 'ms-num',
    width: 90,
    render: (_: unknown, r: AnnualRow) => fmtCount(r[key], lang),
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
    { title: a.total, key: 'total', children: [num('cases', a.cases), num('people', a.people)] },
    {
      title: a.countyCollective,
      key: 'county',
      children: [num('countyCollectiveBatches', a.batches), num('countyCollectivePeople', a.people)],
    },
    {
      title: a.city,
      key: 'city',
      children: [num('cityVisitBatches', a.batches), num('cityVisitPeople', a.people)],
    },
    {
      title: a.province,
      key: 'province',
      children: [num('provinceVisitCases', a.cases), num('provinceVisitPeople', a.people)],
    },
    {
      title: a.national,
      key: 'national',
      children: [num('nationalVisitCases', a.cases), num('nationalVisitPeople', a.people)],
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

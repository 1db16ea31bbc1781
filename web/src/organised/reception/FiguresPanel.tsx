import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { Panel } from '../../common/Panel.tsx';
import { useWorkI18n } from '../i18n.ts';
import { receptionKey, type Figures } from './api.ts';

type Row = Figures['leaders'][number];

/** Reception counts per leader per month: sessions held / people received, for the user's region. */
export function FiguresPanel() {
  const { m, lang } = useWorkI18n();
  const t = m.reception;
  const [thisYear] = useState(() => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
  const [year, setYear] = useState(thisYear);
  const { data, error } = useQuery({
    queryKey: [...receptionKey, 'figures', year],
    queryFn: () => api.get<Figures>('/api/reception/figures', { year }),
  });
  const month = (i: number) =>
    lang === 'zh'
      ? `${i + 1}月`
      : new Date(Date.UTC(2000, i, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  const cell = (c: { sessions: number; people: number }) =>
    c.sessions === 0 ? '–' : `${c.sessions} / ${c.people}`;
  return (
    <Panel
      title={t.figures}
      testId="reception-figures"
      extra={
        <Select
          aria-label={t.year}
          value={year}
          onChange={setYear}
          options={[0, 1, 2].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))}
        />
      }
    >
      <p style={{ marginTop: 0, fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
        {t.figuresHelp} {`${t.sessionsHeld} / ${t.people}`}
      </p>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      <Table<Row>
        size="small"
        rowKey="leaderId"
        pagination={false}
        scroll={{ x: true }}
        dataSource={data?.leaders ?? []}
        locale={{ emptyText: t.noFigures }}
        columns={[
          {
            title: t.leader,
            key: 'leader',
            fixed: 'left',
            render: (_, r) => `${r.leaderName}（${r.unitName}）`,
          },
          ...Array.from({ length: 12 }, (_, i) => ({
            title: month(i),
            key: `m${i}`,
            render: (_: unknown, r: Row) => cell(r.months[i]!),
          })),
          { title: t.total, key: 'total', render: (_, r) => `${r.sessions} / ${r.people}` },
        ]}
      />
    </Panel>
  );
}

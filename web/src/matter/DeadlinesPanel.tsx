import { Table } from 'antd';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function DeadlinesPanel({ matter }: { matter: MatterDetail }) {
  const { m } = useI18n();
  if (matter.deadlines.length === 0) return null;
  return (
    <Panel title={m.matter.deadlines}>
      <Table
        size="small"
        pagination={false}
        rowKey={(d) => `${d.kind}-${d.startsAt}`}
        dataSource={matter.deadlines}
        columns={[
          {
            title: m.matter.deadlineKind,
            dataIndex: 'kind',
            render: (k: string) => m.deadline.kinds[k] ?? k,
          },
          { title: m.matter.dueDate, dataIndex: 'dueDate' },
          { title: m.matter.status, dataIndex: 'status', render: (s: string) => m.deadline.statuses[s] ?? s },
        ]}
      />
    </Panel>
  );
}

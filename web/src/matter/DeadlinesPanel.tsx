import { Table } from 'antd';
import { DEADLINE_KIND_LABELS, DEADLINE_STATUS_LABELS } from '../../../src/shared/labels.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function DeadlinesPanel({ matter }: { matter: MatterDetail }) {
  const { m, lbl } = useI18n();
  if (matter.deadlines.length === 0) return null;
  // An extension closes the old handling limit and opens the longer one: the old one was moved,
  // not cancelled. The extension's event names the due date it replaced.
  const extendedFrom = new Set(
    matter.timeline.filter((e) => e.kind === 'extended').map((e) => String(e.payload?.previousDueDate)),
  );
  const superseded = (d: MatterDetail['deadlines'][number]) =>
    d.status === 'cancelled' && d.kind.startsWith('handling') && extendedFrom.has(d.dueDate);
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
            render: (k: string) => lbl(DEADLINE_KIND_LABELS, k),
          },
          { title: m.matter.dueDate, dataIndex: 'dueDate' },
          {
            title: m.matter.status,
            dataIndex: 'status',
            render: (s: string, d) =>
              superseded(d) ? m.matter.deadlineExtended : lbl(DEADLINE_STATUS_LABELS, s),
          },
        ]}
      />
    </Panel>
  );
}

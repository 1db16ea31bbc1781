import { Link } from '@tanstack/react-router';
import { Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CHANNEL_LABELS } from '../../../src/shared/labels.ts';
import type { Page, QueueItem } from '../../../src/shared/api.schema.ts';
import { useCategoryName } from '../common/categories.ts';
import { DeadlineBadge } from '../common/DeadlineBadge.tsx';
import { fmtDateTime } from '../common/format.ts';
import { StateTag } from '../common/StateTag.tsx';
import { UnitName } from '../common/UnitName.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { QueueQuery } from './useQueueQuery.ts';

const SORTABLE: Record<string, QueueQuery['sort']> = {
  caseNumber: 'case_number',
  registeredAt: 'registered_at',
  deadline: 'due_at',
};

export function QueueTable({
  data,
  loading,
  query,
  update,
}: {
  data: Page<QueueItem> | null;
  loading: boolean;
  query: QueueQuery;
  update: (p: Partial<QueueQuery>) => void;
}) {
  const { m, lang, lbl } = useI18n();
  const catName = useCategoryName();
  const sortOrder = (col: string) =>
    SORTABLE[col] === query.sort ? (query.order === 'asc' ? 'ascend' : 'descend') : null;
  const columns: TableColumnsType<QueueItem> = [
    {
      key: 'caseNumber',
      title: m.queue.caseNumber,
      dataIndex: 'caseNumber',
      sorter: true,
      sortOrder: sortOrder('caseNumber'),
      render: (v: string, r) => (
        <Link to="/matters/$id" params={{ id: String(r.id) }}>
          {v}
        </Link>
      ),
      width: 210,
    },
    {
      key: 'subject',
      title: m.queue.subject,
      dataIndex: 'subject',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Link to="/matters/$id" params={{ id: String(r.id) }} style={{ color: 'inherit' }}>
            {v}
          </Link>
          {r.isCollective && (
            <Tag color="volcano">{`${m.queue.collective} ${m.queue.headCount(r.headCount ?? 0)}`}</Tag>
          )}
          {r.isMisconductReport && <Tag color="purple">{m.queue.misconduct}</Tag>}
        </Space>
      ),
    },
    {
      key: 'channel',
      title: m.queue.channel,
      dataIndex: 'channel',
      render: (v: string) => lbl(CHANNEL_LABELS, v),
      width: 100,
    },
    {
      key: 'state',
      title: m.queue.state,
      dataIndex: 'state',
      render: (v: string) => <StateTag state={v} />,
      width: 110,
    },
    {
      key: 'category',
      title: m.queue.category,
      dataIndex: 'categoryName',
      render: (v: string | null, r) => catName(r.categoryCode, lang, v),
      width: 120,
    },
    {
      key: 'region',
      title: m.queue.region,
      dataIndex: 'regionName',
      render: (v: string | null) => <UnitName name={v} />,
      width: 120,
    },
    {
      key: 'registeredAt',
      title: m.queue.registeredAt,
      dataIndex: 'registeredAt',
      sorter: true,
      sortOrder: sortOrder('registeredAt'),
      render: (v: string) => fmtDateTime(v, lang),
      width: 160,
    },
    {
      key: 'deadline',
      title: m.queue.due,
      sorter: true,
      sortOrder: sortOrder('deadline'),
      render: (_: unknown, r) =>
        r.deadline ? (
          <DeadlineBadge
            badge={r.deadline.badge}
            dueDate={r.deadline.dueDate}
            daysLeft={r.deadline.daysLeft}
            kind={r.deadline.kind}
          />
        ) : (
          m.queue.noDeadline
        ),
      width: 120,
    },
  ];
  return (
    <Table<QueueItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      locale={{ emptyText: m.queue.empty }}
      scroll={{ x: 1000 }}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (t) => m.common.total(t, data?.totalCapped ?? false),
      }}
      onChange={(p, _filters, sorter, extra) => {
        if (extra.action === 'paginate') {
          update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
          return;
        }
        if (extra.action === 'sort') {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const col = typeof s?.columnKey === 'string' ? SORTABLE[s.columnKey] : undefined;
          if (!s?.order || !col) update({ sort: 'registered_at', order: 'desc' });
          else update({ sort: col, order: s.order === 'ascend' ? 'asc' : 'desc' });
        }
      }}
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Alert, Button, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { STATE_LABELS } from '../../../../src/shared/labels.ts';
import { api } from '../../api/client.ts';
import { CategorySelect } from '../../common/CategorySelect.tsx';
import { errorText } from '../../common/errors.ts';
import { fmtDate } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { UnitSelect } from '../../matter/UnitSelect.tsx';
import { WorkTabs } from '../WorkTabs.tsx';
import { useWorkI18n } from '../i18n.ts';
import { AddToCampaignDialog, type BacklogFilterValues } from './AddToCampaignDialog.tsx';
import { campaignKeys, type BacklogPage as Page, type CampaignList } from './types.ts';

type Item = Page['items'][number];
type Sort = 'age' | 'repeats' | 'case_number' | 'received_at' | 'subject' | 'lead_unit' | 'state';
const SORT_OF: Record<string, Sort> = {
  caseNumber: 'case_number',
  subject: 'subject',
  leadUnitName: 'lead_unit',
  receivedAt: 'received_at',
  ageDays: 'age',
  repeats: 'repeats',
  state: 'state',
};

/** 积案: the open matters past the rule's age or repeats, within the user's data scope. */
export function BacklogPage() {
  const { m, lang, lbl } = useWorkI18n();
  const c = m.campaign;
  const navigate = useNavigate();
  const [filter, setFilter] = useState<BacklogFilterValues>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20, sort: 'age' as Sort, order: 'desc' });
  const [selected, setSelected] = useState<number[]>([]);
  const [adding, setAdding] = useState(false);
  const query = { ...filter, ...paging };
  const { data, error, isPending } = useQuery({
    queryKey: campaignKeys.backlog(query),
    queryFn: () => api.get<Page>('/api/backlog', query),
  });
  const campaigns = useQuery({
    queryKey: campaignKeys.list('all'),
    queryFn: () => api.get<CampaignList>('/api/campaigns'),
  }).data;
  const update = (f: Partial<BacklogFilterValues>) => {
    setFilter((old) => ({ ...old, ...f }));
    setPaging((p) => ({ ...p, page: 1 }));
    setSelected([]);
  };
  const columns: TableProps<Item>['columns'] = [
    {
      title: c.caseNumber,
      dataIndex: 'caseNumber',
      sorter: true,
      render: (_v, r) => (
        <Link to="/matters/$id" params={{ id: String(r.matterId) }}>
          {r.caseNumber}
        </Link>
      ),
    },
    { title: c.subject, dataIndex: 'subject', sorter: true },
    { title: c.unit, dataIndex: 'leadUnitName', sorter: true, render: (v: string | null) => v ?? '—' },
    { title: c.receivedAt, dataIndex: 'receivedAt', sorter: true, render: (v: string) => fmtDate(v, lang) },
    {
      title: c.age,
      dataIndex: 'ageDays',
      sorter: true,
      defaultSortOrder: 'descend',
      render: (v: number, r) => (
        <span>
          {c.days(v)} {r.overAge && <Tag color="orange">{c.overAge}</Tag>}
        </span>
      ),
    },
    {
      title: c.repeats,
      dataIndex: 'repeats',
      sorter: true,
      render: (v: number, r) => (
        <span>
          {v} {r.overRepeats && <Tag color="red">{c.overRepeats}</Tag>}
        </span>
      ),
    },
    { title: c.owner, dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
    { title: c.state, dataIndex: 'state', sorter: true, render: (v: string) => lbl(STATE_LABELS, v) },
    {
      title: c.campaign,
      dataIndex: 'campaignName',
      render: (v: string | null, r) =>
        r.campaignId ? (
          <Link to="/work/campaigns/$id" params={{ id: String(r.campaignId) }}>
            {v}
          </Link>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <WorkTabs>
      <h1 style={{ fontSize: 22, margin: 0 }}>{c.backlogTitle}</h1>
      {data && <Alert type="info" showIcon title={c.rule(data.rule.ageDays, data.rule.minRepeats)} />}
      <Panel>
        <Space wrap data-testid="backlog-filters">
          <div style={{ minWidth: 200 }}>
            <UnitSelect
              value={filter.unitId}
              onChange={(v) => update({ unitId: typeof v === 'number' ? v : undefined })}
              placeholder={c.unit}
            />
          </div>
          <div style={{ minWidth: 200 }}>
            <CategorySelect
              endpoint="/api/categories"
              value={filter.categoryCode}
              onChange={(v) => update({ categoryCode: v })}
              placeholder={c.category}
            />
          </div>
          <InputNumber
            min={0}
            placeholder={c.minAge}
            aria-label={c.minAge}
            value={filter.minAgeDays ?? null}
            onChange={(v) => update({ minAgeDays: v ?? undefined })}
            style={{ width: 150 }}
          />
          <InputNumber
            min={0}
            placeholder={c.minRepeats}
            aria-label={c.minRepeats}
            value={filter.minRepeats ?? null}
            onChange={(v) => update({ minRepeats: v ?? undefined })}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={c.inCampaign}
            aria-label={c.inCampaign}
            style={{ width: 170 }}
            value={filter.campaign}
            onChange={(v: 'in' | 'out' | undefined) => update({ campaign: v })}
            options={[
              { value: 'in', label: c.inCampaignYes },
              { value: 'out', label: c.inCampaignNo },
            ]}
          />
          {campaigns?.canCreate && (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="add-to-campaign">
              {c.addToCampaign}
              {selected.length > 0 ? `（${c.selected(selected.length)}）` : ''}
            </Button>
          )}
        </Space>
      </Panel>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      <Table<Item>
        data-testid="backlog-table"
        rowKey="matterId"
        size="small"
        loading={isPending}
        dataSource={data?.items ?? []}
        columns={columns}
        locale={{ emptyText: c.empty }}
        rowSelection={
          campaigns?.canCreate
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (r) => ({ disabled: r.campaignId !== null }),
              }
            : undefined
        }
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => m.common.total(n),
        }}
        onChange={(p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = typeof s?.field === 'string' ? SORT_OF[s.field] : undefined;
          setPaging({
            page: p.current ?? 1,
            pageSize: p.pageSize ?? 20,
            sort: field ?? 'age',
            order: s?.order === 'ascend' ? 'asc' : 'desc',
          });
        }}
      />
      {adding && campaigns && (
        <AddToCampaignDialog
          selected={selected}
          filter={filter}
          campaigns={campaigns.items.filter((x) => x.state === 'draft' || x.state === 'active')}
          onClose={() => setAdding(false)}
          onDone={(id) => void navigate({ to: '/work/campaigns/$id', params: { id: String(id) } })}
        />
      )}
    </WorkTabs>
  );
}

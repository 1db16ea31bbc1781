import { Button, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { UNIT_KINDS, UNIT_LEVELS } from '../../../src/shared/enums.ts';
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from '../../../src/shared/labels.ts';
import type { Unit } from '../../../src/shared/api.schema.ts';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { ActiveToggle } from './ActiveToggle.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { ADMIN_PAGE_SIZE, usePagedList } from './usePagedList.ts';

type UnitRow = Unit & { active: boolean; parentId: number | null; docCode: string | null };

export function UnitsAdmin() {
  const { m, lbl } = useWorkbenchI18n();
  const list = usePagedList<UnitRow>('/api/admin/units');
  const [dialog, setDialog] = useState<{ unit: UnitRow | null } | null>(null);
  const editing = dialog?.unit ?? null;
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="id"
        onAdd={() => setDialog({ unit: null })}
        searchLabel={m.admin.searchUnits}
        onSearch={list.search}
        paging={{ page: list.page, total: list.total, pageSize: ADMIN_PAGE_SIZE, onChange: list.setPage }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: m.admin.name, dataIndex: 'name' },
          { title: m.admin.kind, dataIndex: 'kind', render: (k: string) => lbl(UNIT_KIND_LABELS, k) },
          { title: m.admin.level, dataIndex: 'level', render: (l: string) => lbl(UNIT_LEVEL_LABELS, l) },
          { title: m.admin.regionCode, dataIndex: 'regionCode' },
          { title: m.admin.docCode, dataIndex: 'docCode' },
          {
            title: m.admin.active,
            dataIndex: 'active',
            render: (a: boolean) => (a ? m.common.yes : <Tag>{m.admin.inactive}</Tag>),
          },
          {
            title: m.admin.actions,
            key: 'actions',
            render: (_: unknown, u: UnitRow) => (
              <Space size="small" wrap>
                <Button
                  size="small"
                  onClick={() => setDialog({ unit: u })}
                  aria-label={`${m.common.edit} ${u.name}`}
                >
                  {m.common.edit}
                </Button>
                <ActiveToggle
                  endpoint={`/api/admin/units/${u.id}`}
                  active={u.active}
                  name={u.name}
                  confirm={m.admin.confirmDeactivateUnit}
                  onDone={() => void list.reload()}
                />
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <EditDialog
          title={editing ? `${m.common.edit} · ${editing.name}` : `${m.common.add} · ${m.admin.units}`}
          method={editing ? 'PATCH' : 'POST'}
          endpoint={editing ? `/api/admin/units/${editing.id}` : '/api/admin/units'}
          {...(editing
            ? {
                initial: {
                  name: editing.name,
                  kind: editing.kind,
                  level: editing.level,
                  regionCode: editing.regionCode,
                  parentId: editing.parentId ?? undefined,
                  docCode: editing.docCode ?? undefined,
                },
                // An emptied code goes back to the one derived from the name.
                transform: (v: Record<string, unknown>) => ({ ...v, docCode: v.docCode ?? null }),
              }
            : {})}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void list.reload();
          }}
        >
          <Form.Item name="name" label={m.admin.name} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={m.admin.kind} required>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: lbl(UNIT_KIND_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="level" label={m.admin.level} required>
            <Select options={UNIT_LEVELS.map((l) => ({ value: l, label: lbl(UNIT_LEVEL_LABELS, l) }))} />
          </Form.Item>
          <Form.Item name="regionCode" label={m.admin.regionCode} required>
            <RegionPicker endpoint="/api/regions" ariaLabel={m.admin.regionCode} />
          </Form.Item>
          <Form.Item name="parentId" label={m.admin.parentCode}>
            <UnitSelect {...(editing ? { exclude: [editing.id] } : {})} />
          </Form.Item>
          <Form.Item name="docCode" label={m.admin.docCode} extra={m.admin.docCodeHelp}>
            <Input maxLength={12} />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

import { Button, Form, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import type { Category } from '../../../src/shared/api.schema.ts';
import { invalidateCategories } from '../common/categories.ts';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { ActiveToggle } from './ActiveToggle.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';

type CategoryRow = Category & { active: boolean };

export function CategoriesAdmin() {
  const { m } = useWorkbenchI18n();
  const list = useList<CategoryRow>('/api/admin/categories');
  const [dialog, setDialog] = useState<{ category: CategoryRow | null } | null>(null);
  const editing = dialog?.category ?? null;
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="code"
        onAdd={() => setDialog({ category: null })}
        columns={[
          { title: m.admin.code, dataIndex: 'code' },
          { title: m.admin.nameZh, dataIndex: 'nameZh' },
          { title: m.admin.nameEn, dataIndex: 'nameEn' },
          { title: m.admin.parentCode, dataIndex: 'parentCode' },
          { title: m.admin.level, dataIndex: 'level', width: 80 },
          {
            title: m.admin.active,
            dataIndex: 'active',
            render: (a: boolean) => (a ? m.common.yes : <Tag>{m.admin.inactive}</Tag>),
          },
          {
            title: m.admin.actions,
            key: 'actions',
            render: (_: unknown, c: CategoryRow) => (
              <Space size="small" wrap>
                <Button
                  size="small"
                  onClick={() => setDialog({ category: c })}
                  aria-label={`${m.common.edit} ${c.code}`}
                >
                  {m.common.edit}
                </Button>
                <ActiveToggle
                  endpoint={`/api/admin/categories/${encodeURIComponent(c.code)}`}
                  active={c.active}
                  name={c.code}
                  confirm={m.admin.confirmDeactivateCategory}
                  onDone={() => {
                    invalidateCategories();
                    void list.reload();
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <EditDialog
          title={editing ? `${m.common.edit} · ${editing.code}` : `${m.common.add} · ${m.admin.categories}`}
          method={editing ? 'PATCH' : 'POST'}
          endpoint={
            editing ? `/api/admin/categories/${encodeURIComponent(editing.code)}` : '/api/admin/categories'
          }
          {...(editing ? { initial: { nameZh: editing.nameZh, nameEn: editing.nameEn } } : {})}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            invalidateCategories();
            void list.reload();
          }}
        >
          {!editing && (
            <Form.Item name="code" label={m.admin.code} required>
              <Input maxLength={80} />
            </Form.Item>
          )}
          <Form.Item name="nameZh" label={m.admin.nameZh} required>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="nameEn" label={m.admin.nameEn} required>
            <Input maxLength={100} />
          </Form.Item>
          {!editing && (
            <Form.Item name="parentCode" label={m.admin.parentCode}>
              <CategorySelect endpoint="/api/categories" />
            </Form.Item>
          )}
        </EditDialog>
      )}
    </>
  );
}

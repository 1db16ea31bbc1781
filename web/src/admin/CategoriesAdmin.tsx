import { Form, Input } from 'antd';
import { useState } from 'react';
import type { Category } from '../api/types.ts';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';

export function CategoriesAdmin() {
  const { m } = useI18n();
  const list = useList<Category>('/api/categories');
  const [open, setOpen] = useState(false);
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="code"
        onAdd={() => setOpen(true)}
        columns={[
          { title: m.admin.code, dataIndex: 'code' },
          { title: m.admin.nameZh, dataIndex: 'nameZh' },
          { title: m.admin.nameEn, dataIndex: 'nameEn' },
          { title: m.admin.parentCode, dataIndex: 'parentCode' },
          { title: m.admin.level, dataIndex: 'level', width: 80 },
        ]}
      />
      {open && (
        <EditDialog
          title={`${m.common.add} · ${m.admin.categories}`}
          method="POST"
          endpoint="/api/admin/categories"
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void list.reload();
          }}
        >
          <Form.Item name="code" label={m.admin.code} required>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="nameZh" label={m.admin.nameZh} required>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="nameEn" label={m.admin.nameEn} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="parentCode" label={m.admin.parentCode}>
            <CategorySelect endpoint="/api/categories" />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

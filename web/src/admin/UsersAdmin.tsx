import { Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { ROLES } from '../../../src/shared/enums.ts';
import { ROLE_LABELS } from '../../../src/shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  active: boolean;
  unitName: string;
}

export function UsersAdmin() {
  const { m, lbl } = useI18n();
  const list = useList<UserRow>('/api/admin/users');
  const [open, setOpen] = useState(false);
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="id"
        onAdd={() => setOpen(true)}
        columns={[
          { title: m.admin.username, dataIndex: 'username' },
          { title: m.admin.displayName, dataIndex: 'displayName' },
          { title: m.admin.unit, dataIndex: 'unitName' },
          {
            title: m.admin.roles,
            dataIndex: 'roles',
            render: (rs: string[]) => rs.map((r) => <Tag key={r}>{lbl(ROLE_LABELS, r)}</Tag>),
          },
          {
            title: m.admin.active,
            dataIndex: 'active',
            render: (a: boolean) => (a ? m.common.yes : m.common.no),
          },
        ]}
      />
      {open && (
        <EditDialog
          title={`${m.common.add} · ${m.admin.users}`}
          method="POST"
          endpoint="/api/admin/users"
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void list.reload();
          }}
        >
          <Form.Item name="username" label={m.admin.username} required>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={m.admin.displayName} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="password" label={m.admin.password} required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="unitId" label={m.admin.unit} required>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="roles" label={m.admin.roles} required>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: lbl(ROLE_LABELS, r) }))} />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

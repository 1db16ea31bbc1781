import { App, Button, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { ROLES } from '../../../src/shared/enums.ts';
import { ROLE_LABELS } from '../../../src/shared/labels.ts';
import { useSession } from '../auth/session.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { ActiveToggle } from './ActiveToggle.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { ADMIN_PAGE_SIZE, usePagedList } from './usePagedList.ts';
import type { AdminUser } from '../../../src/shared/api.schema.ts';

type UserRow = AdminUser;

type Dialog = { kind: 'add' } | { kind: 'edit'; user: UserRow } | { kind: 'password'; user: UserRow } | null;

export function UsersAdmin() {
  const { m, lbl } = useWorkbenchI18n();
  const { message } = App.useApp();
  const me = useSession().user;
  const list = usePagedList<UserRow>('/api/admin/users');
  const [dialog, setDialog] = useState<Dialog>(null);
  const saved = () => {
    setDialog(null);
    void list.reload();
  };
  const roleOptions = ROLES.map((r) => ({ value: r, label: lbl(ROLE_LABELS, r) }));
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="id"
        onAdd={() => setDialog({ kind: 'add' })}
        searchLabel={m.admin.searchUsers}
        onSearch={list.search}
        paging={{ page: list.page, total: list.total, pageSize: ADMIN_PAGE_SIZE, onChange: list.setPage }}
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
            render: (a: boolean) => (a ? m.common.yes : <Tag color="default">{m.admin.inactive}</Tag>),
          },
          {
            title: m.admin.actions,
            key: 'actions',
            render: (_: unknown, u: UserRow) => (
              <Space size="small" wrap>
                <Button
                  size="small"
                  onClick={() => setDialog({ kind: 'edit', user: u })}
                  aria-label={`${m.common.edit} ${u.username}`}
                >
                  {m.common.edit}
                </Button>
                <Button
                  size="small"
                  onClick={() => setDialog({ kind: 'password', user: u })}
                  aria-label={`${m.admin.resetPassword} ${u.username}`}
                >
                  {m.admin.resetPassword}
                </Button>
                {u.id !== me?.id && (
                  <ActiveToggle
                    endpoint={`/api/admin/users/${u.id}`}
                    active={u.active}
                    name={u.username}
                    confirm={m.admin.confirmDeactivateUser}
                    onDone={() => void list.reload()}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'add' && (
        <EditDialog
          title={`${m.common.add} · ${m.admin.users}`}
          method="POST"
          endpoint="/api/admin/users"
          onClose={() => setDialog(null)}
          onSaved={saved}
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
          <Form.Item name="email" label={m.mail.address}>
            <Input type="email" maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="unitId" label={m.admin.unit} required>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="roles" label={m.admin.roles} required>
            <Select mode="multiple" options={roleOptions} optionFilterProp="label" />
          </Form.Item>
        </EditDialog>
      )}
      {dialog?.kind === 'edit' && (
        <EditDialog
          title={`${m.common.edit} · ${dialog.user.username}`}
          method="PATCH"
          endpoint={`/api/admin/users/${dialog.user.id}`}
          initial={{
            displayName: dialog.user.displayName,
            unitId: dialog.user.unitId,
            roles: dialog.user.roles,
            email: dialog.user.email ?? undefined,
          }}
          // A cleared address is removed, not left as it was.
          transform={(raw) => ({ ...raw, email: raw.email ?? null })}
          onClose={() => setDialog(null)}
          onSaved={saved}
        >
          <Form.Item name="displayName" label={m.admin.displayName} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="email" label={m.mail.address}>
            <Input type="email" maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item name="unitId" label={m.admin.unit} required>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="roles" label={m.admin.roles} required>
            <Select mode="multiple" options={roleOptions} optionFilterProp="label" />
          </Form.Item>
        </EditDialog>
      )}
      {dialog?.kind === 'password' && (
        <EditDialog
          title={`${m.admin.resetPassword} · ${dialog.user.username}`}
          method="POST"
          endpoint={`/api/admin/users/${dialog.user.id}/password`}
          onClose={() => setDialog(null)}
          onSaved={() => {
            void message.success(m.admin.passwordResetDone);
            saved();
          }}
        >
          <Form.Item name="password" label={m.admin.newPassword} required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

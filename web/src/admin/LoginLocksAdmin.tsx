import { App, Button } from 'antd';
import { api } from '../api/client.ts';
import { errorText } from '../common/errors.ts';
import { fmtDateTime } from '../common/format.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { AdminSection } from './AdminSection.tsx';
import { useList } from './useList.ts';
import type { LoginLock } from '../../../src/shared/api.schema.ts';

type LockRow = LoginLock;

/**
 * Accounts locked after repeated failed logins (a possible password-guessing attack), with the
 * action to lift a lock early once the user is known to be the one asking. Names that belong to
 * no account are listed too: someone is guessing them.
 */
export function LoginLocksAdmin() {
  const { m, lang } = useWorkbenchI18n();
  const { message } = App.useApp();
  const list = useList<LockRow>('/api/admin/login-locks');
  const unlock = async (username: string) => {
    try {
      await api.post('/api/admin/login-locks/unlock', { username });
      void message.success(m.admin.unlocked(username));
      void list.reload();
    } catch (e) {
      void message.error(errorText(e, lang, m));
    }
  };
  return (
    <AdminSection
      rows={list.items}
      loading={list.loading}
      error={list.error}
      rowKey="username"
      toolbar={<Button onClick={() => void list.reload()}>{m.common.refresh}</Button>}
      columns={[
        { title: m.admin.username, dataIndex: 'username' },
        {
          title: m.admin.displayName,
          dataIndex: 'displayName',
          render: (v: string | null) => v ?? m.admin.noSuchAccount,
        },
        { title: m.admin.failures, dataIndex: 'failures', width: 100 },
        {
          title: m.admin.lastFailureAt,
          dataIndex: 'lastFailureAt',
          render: (v: string) => fmtDateTime(v, lang),
        },
        { title: m.admin.lockedUntil, dataIndex: 'lockedUntil', render: (v: string) => fmtDateTime(v, lang) },
        {
          title: '',
          key: 'unlock',
          width: 90,
          render: (_: unknown, r) => (
            <Button size="small" onClick={() => void unlock(r.username)}>
              {m.admin.unlock}
            </Button>
          ),
        },
      ]}
    />
  );
}

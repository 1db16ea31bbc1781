import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { api } from '../api/client.ts';
import { errorText } from '../common/errors.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { invalidateAdminLists } from './useList.ts';

/** Deactivates (after a confirmation saying what it means) or reactivates one row. */
export function ActiveToggle({
  endpoint,
  active,
  confirm,
  name,
  onDone,
}: {
  endpoint: string;
  active: boolean;
  confirm: string;
  name: string;
  onDone: () => void;
}) {
  const { m, lang } = useWorkbenchI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: (next: boolean) => api.patch(endpoint, { active: next }),
    onSuccess: () => invalidateAdminLists(qc),
  });
  const busy = toggle.isPending;
  const set = async (next: boolean) => {
    try {
      await toggle.mutateAsync(next);
      onDone();
    } catch (e) {
      void message.error(errorText(e, lang, m));
    }
  };
  if (!active) {
    return (
      <Button
        size="small"
        loading={busy}
        onClick={() => void set(true)}
        aria-label={`${m.admin.reactivate} ${name}`}
      >
        {m.admin.reactivate}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={confirm}
      okText={m.admin.deactivate}
      cancelText={m.common.cancel}
      okButtonProps={{ danger: true }}
      onConfirm={() => set(false)}
    >
      <Button size="small" danger loading={busy} aria-label={`${m.admin.deactivate} ${name}`}>
        {m.admin.deactivate}
      </Button>
    </Popconfirm>
  );
}

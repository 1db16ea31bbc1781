import { App, Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { errorText } from '../common/errors.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';
import type { CalendarOverride } from '../../../src/shared/api.schema.ts';

type OverrideRow = CalendarOverride;

/** Local adjustments to the official holiday calendar (调休). */
export function CalendarAdmin() {
  const { m, lang } = useWorkbenchI18n();
  const { message } = App.useApp();
  const list = useList<OverrideRow>('/api/admin/calendar-overrides');
  const [open, setOpen] = useState(false);
  const remove = async (date: string) => {
    try {
      await api.del(`/api/admin/calendar-overrides/${date}`);
      void list.reload();
    } catch (e) {
      void message.error(errorText(e, lang, m));
    }
  };
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="date"
        onAdd={() => setOpen(true)}
        columns={[
          { title: m.admin.date, dataIndex: 'date' },
          {
            title: m.admin.overrideKind,
            dataIndex: 'kind',
            render: (k: string) => (k === 'workday' ? m.admin.workday : m.admin.holiday),
          },
          { title: m.admin.holidayName, dataIndex: 'name' },
          {
            title: '',
            key: 'del',
            width: 80,
            render: (_: unknown, r) => (
              <Button size="small" danger onClick={() => void remove(r.date)}>
                {m.common.delete}
              </Button>
            ),
          },
        ]}
      />
      {open && (
        <EditDialog
          title={`${m.common.add} · ${m.admin.calendar}`}
          method="POST"
          endpoint="/api/admin/calendar-overrides"
          initial={{ kind: 'holiday' }}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void list.reload();
          }}
        >
          <Form.Item
            name="date"
            label={m.admin.date}
            required
            getValueFromEvent={(d: Dayjs | null) => d?.format('YYYY-MM-DD')}
            getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={m.admin.overrideKind} required>
            <Select
              options={[
                { value: 'holiday', label: m.admin.holiday },
                { value: 'workday', label: m.admin.workday },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label={m.admin.holidayName}>
            <Input maxLength={50} />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

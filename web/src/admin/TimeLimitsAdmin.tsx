import { Button, Form, InputNumber, Select, Switch } from 'antd';
import { useState } from 'react';
import { LIMIT_UNITS } from '../../../src/shared/enums.ts';
import { LIMIT_UNIT_LABELS, TIME_LIMIT_LABELS } from '../../../src/shared/labels.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';
import type { TimeLimit } from '../../../src/shared/api.schema.ts';

type LimitRow = TimeLimit;

/** Every time limit is configuration (the 条例's numbers are the defaults). */
export function TimeLimitsAdmin() {
  const { m, pick, lbl } = useWorkbenchI18n();
  const list = useList<LimitRow>('/api/admin/time-limits');
  const [editing, setEditing] = useState<LimitRow | null>(null);
  const units = LIMIT_UNITS.map((value) => ({ value, label: lbl(LIMIT_UNIT_LABELS, value) }));
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="kind"
        columns={[
          { title: m.admin.kind, dataIndex: 'kind', render: (k: string) => lbl(TIME_LIMIT_LABELS, k) },
          {
            title: m.admin.amount,
            key: 'amount',
            render: (_: unknown, r) => m.admin.amountOf(r.amount, r.unit),
          },
          {
            title: m.admin.warnAmount,
            key: 'warn',
            render: (_: unknown, r) => m.admin.amountOf(r.warn_amount, r.warn_unit),
          },
          {
            title: m.admin.rollForward,
            dataIndex: 'roll_forward',
            render: (v: boolean) => (v ? m.common.yes : m.common.no),
          },
          { title: '', key: 'desc', render: (_: unknown, r) => pick(r.description_zh, r.description_en) },
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => setEditing(r)}>
                {m.common.edit}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <EditDialog
          title={`${m.admin.timeLimits} · ${lbl(TIME_LIMIT_LABELS, editing.kind)}`}
          method="PUT"
          endpoint={`/api/admin/time-limits/${editing.kind}`}
          initial={{
            amount: editing.amount,
            unit: editing.unit,
            rollForward: editing.roll_forward,
            warnAmount: editing.warn_amount,
            warnUnit: editing.warn_unit,
          }}
          transform={(v) => ({ ...v, rollForward: !!v.rollForward })}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void list.reload();
          }}
        >
          <Form.Item name="amount" label={m.admin.amount} required>
            <InputNumber min={1} max={3650} />
          </Form.Item>
          <Form.Item name="unit" label={m.admin.unitOfTime} required>
            <Select options={units} />
          </Form.Item>
          <Form.Item name="rollForward" label={m.admin.rollForward} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="warnAmount" label={m.admin.warnAmount} required>
            <InputNumber min={0} max={365} />
          </Form.Item>
          <Form.Item name="warnUnit" label={m.admin.warnUnit} required>
            <Select options={units} />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

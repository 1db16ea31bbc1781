import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { UNIT_KINDS, UNIT_LEVELS } from '../../../src/shared/enums.ts';
import type { Unit } from '../api/types.ts';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';

export function UnitsAdmin() {
  const { m } = useI18n();
  const list = useList<Unit & { active?: boolean }>('/api/units');
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
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: m.admin.name, dataIndex: 'name' },
          { title: m.admin.kind, dataIndex: 'kind', render: (k: string) => m.admin.unitKinds[k] ?? k },
          { title: m.admin.level, dataIndex: 'level', render: (l: string) => m.admin.levels[l] ?? l },
          { title: m.admin.regionCode, dataIndex: 'regionCode' },
        ]}
      />
      {open && (
        <EditDialog
          title={`${m.common.add} · ${m.admin.units}`}
          method="POST"
          endpoint="/api/admin/units"
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void list.reload();
          }}
        >
          <Form.Item name="name" label={m.admin.name} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={m.admin.kind} required>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: m.admin.unitKinds[k] ?? k }))} />
          </Form.Item>
          <Form.Item name="level" label={m.admin.level} required>
            <Select options={UNIT_LEVELS.map((l) => ({ value: l, label: m.admin.levels[l] ?? l }))} />
          </Form.Item>
          <Form.Item name="regionCode" label={m.admin.regionCode} required>
            <RegionPicker endpoint="/api/regions" ariaLabel={m.admin.regionCode} />
          </Form.Item>
          <Form.Item name="parentId" label={m.admin.parentCode}>
            <UnitSelect />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { UNIT_LEVEL_LABELS } from '../../../src/shared/labels.ts';
import type { Region } from '../../../src/shared/api.schema.ts';
import { RegionPicker } from '../common/RegionPicker.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';

const LEVELS = ['province', 'city', 'county', 'township', 'village', 'grid'];

/** Browse the region tree by parent and add regions below it (down to village and grid). */
export function RegionsAdmin() {
  const { m, lbl } = useWorkbenchI18n();
  const [parent, setParent] = useState<string | undefined>();
  const list = useList<Region>('/api/regions', { parent });
  const [open, setOpen] = useState(false);
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="code"
        onAdd={() => setOpen(true)}
        toolbar={
          <div style={{ width: 480 }}>
            <RegionPicker
              endpoint="/api/regions"
              value={parent}
              onChange={setParent}
              ariaLabel={m.admin.parentCode}
            />
          </div>
        }
        columns={[
          { title: m.admin.code, dataIndex: 'code' },
          { title: m.admin.name, dataIndex: 'name' },
          { title: m.admin.level, dataIndex: 'level', render: (l: string) => lbl(UNIT_LEVEL_LABELS, l) },
        ]}
      />
      {open && (
        <EditDialog
          title={`${m.common.add} · ${m.admin.regions}`}
          method="POST"
          endpoint="/api/admin/regions"
          initial={{ parentCode: parent }}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            void list.reload();
          }}
        >
          <Form.Item name="parentCode" label={m.admin.parentCode}>
            <Input disabled />
          </Form.Item>
          <Form.Item name="code" label={m.admin.code} required>
            <Input maxLength={15} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="name" label={m.admin.name} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="level" label={m.admin.level} required>
            <Select options={LEVELS.map((l) => ({ value: l, label: lbl(UNIT_LEVEL_LABELS, l) }))} />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

import { Button, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import { useState } from 'react';
import { LAWFUL_CHANNELS, PURPOSES, ROUTING_RULE_ACTIONS } from '../../../src/shared/enums.ts';
import {
  LAWFUL_CHANNEL_LABELS,
  PURPOSE_LABELS,
  ROUTING_RULE_ACTION_LABELS,
} from '../../../src/shared/labels.ts';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';
import type { RoutingRule } from '../../../src/shared/api.schema.ts';

type RuleRow = RoutingRule;

const toForm = (r: RuleRow) => ({
  name: r.name,
  regionPrefix: r.region_prefix,
  categoryCode: r.category_code ?? undefined,
  purpose: r.purpose ?? undefined,
  keywords: r.keywords,
  action: r.action,
  unitId: r.unit_id ?? undefined,
  coUnitIds: r.co_unit_ids,
  lawfulChannel: r.lawful_channel ?? undefined,
  reasonZh: r.reason_zh,
  reasonEn: r.reason_en,
  priority: r.priority,
  active: r.active,
});

export function RoutingRulesAdmin() {
  const { m, lbl } = useWorkbenchI18n();
  const list = useList<RuleRow>('/api/admin/routing-rules');
  const [editing, setEditing] = useState<RuleRow | 'new' | null>(null);
  return (
    <>
      <AdminSection
        rows={list.items}
        loading={list.loading}
        error={list.error}
        rowKey="id"
        onAdd={() => setEditing('new')}
        columns={[
          { title: m.admin.name, dataIndex: 'name' },
          { title: m.admin.regionPrefix, dataIndex: 'region_prefix', width: 100 },
          {
            title: m.admin.action,
            dataIndex: 'action',
            render: (a: string) => lbl(ROUTING_RULE_ACTION_LABELS, a),
            width: 110,
          },
          {
            title: m.admin.keywords,
            dataIndex: 'keywords',
            render: (k: string[]) => k.slice(0, 6).map((w) => <Tag key={w}>{w}</Tag>),
          },
          { title: m.admin.priority, dataIndex: 'priority', width: 80 },
          {
            title: m.admin.active,
            dataIndex: 'active',
            render: (a: boolean) => (a ? m.common.yes : m.common.no),
            width: 70,
          },
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
          title={`${editing === 'new' ? m.common.add : m.common.edit} · ${m.admin.routing}`}
          method={editing === 'new' ? 'POST' : 'PUT'}
          endpoint={editing === 'new' ? '/api/admin/routing-rules' : `/api/admin/routing-rules/${editing.id}`}
          initial={
            editing === 'new'
              ? { action: 'assign', regionPrefix: '', priority: 0, active: true, keywords: [] }
              : toForm(editing)
          }
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void list.reload();
          }}
        >
          <Form.Item name="name" label={m.admin.name} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="regionPrefix" label={m.admin.regionPrefix}>
            <Input maxLength={15} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="categoryCode" label={m.register.category}>
            <CategorySelect endpoint="/api/categories" />
          </Form.Item>
          <Form.Item name="purpose" label={m.register.purpose}>
            <Select allowClear options={PURPOSES.map((p) => ({ value: p, label: lbl(PURPOSE_LABELS, p) }))} />
          </Form.Item>
          <Form.Item name="keywords" label={m.admin.keywords}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="action" label={m.admin.action} required>
            <Select
              options={ROUTING_RULE_ACTIONS.map((value) => ({
                value,
                label: lbl(ROUTING_RULE_ACTION_LABELS, value),
              }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={m.actions.leadUnit}>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="coUnitIds" label={m.actions.coUnits}>
            <UnitSelect multiple />
          </Form.Item>
          <Form.Item name="lawfulChannel" label={m.actions.lawfulChannel}>
            <Select
              allowClear
              options={LAWFUL_CHANNELS.map((c) => ({ value: c, label: lbl(LAWFUL_CHANNEL_LABELS, c) }))}
            />
          </Form.Item>
          <Form.Item name="reasonZh" label={m.admin.reasonZh} required>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="reasonEn" label={m.admin.reasonEn} required>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="priority" label={m.admin.priority}>
            <InputNumber min={-1000} max={1000} />
          </Form.Item>
          <Form.Item name="active" label={m.admin.active} valuePropName="checked">
            <Switch />
          </Form.Item>
        </EditDialog>
      )}
    </>
  );
}

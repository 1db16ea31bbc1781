import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { MEMBER_ROLE_LABELS } from '../../../src/shared/case-labels.ts';
import { MEMBER_ROLES } from '../../../src/shared/ownership.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import type { OwnershipCandidates } from './types.ts';

/**
 * The pieces of the ownership forms: who may be named (from the server, under the rules the
 * commands apply), a step's fields and a team member's fields.
 */
export function useOwnershipCandidates(matterId: number, leaderId?: number, enabled = true) {
  return useQuery({
    queryKey: keys.ownershipCandidates(matterId, leaderId),
    queryFn: () =>
      api.get<OwnershipCandidates>(
        `/api/matters/${matterId}/ownership-candidates`,
        leaderId ? { leaderId } : {},
      ),
    enabled,
  }).data;
}

/** Trims strings and leaves out empty values, inside lists too, so the server gets only what was entered. */
export function cleanBody(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(cleanBody);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .map(([k, x]) => [k, cleanBody(x)])
        .filter(([, x]) => x !== '' && x !== undefined && x !== null),
    );
  return typeof v === 'string' ? v.trim() : v;
}

const UNIT_ROLES = ['lead_unit', 'cooperating_unit'];
const filterByLabel = (input: string, option?: { label?: string }) =>
  (option?.label ?? '').toLowerCase().includes(input.toLowerCase());

export function PersonSelect({
  candidates,
  ...rest
}: {
  candidates?: OwnershipCandidates;
  value?: number;
  onChange?: (v: number) => void;
  id?: string;
}) {
  return (
    <Select
      {...rest}
      showSearch={{ filterOption: filterByLabel }}
      options={(candidates?.people ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }))}
    />
  );
}

/** The fields of one step; `name` is the list path inside the open form, or none in a dialog. */
export function StepFields({ candidates, name }: { candidates?: OwnershipCandidates; name?: number }) {
  const { m } = useWorkbenchI18n();
  const path = (f: string) => (name === undefined ? f : [name, f]);
  const required = [{ required: true, whitespace: true, message: m.common.required }];
  return (
    <>
      <Form.Item name={path('title')} label={m.ownership.stepTitle} rules={required}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name={path('ownerId')}
        label={m.ownership.stepOwner}
        rules={[{ required: true, message: m.common.required }]}
      >
        <PersonSelect candidates={candidates} />
      </Form.Item>
      <Form.Item
        name={path('dueDate')}
        label={m.ownership.stepDue}
        rules={[{ required: true, message: m.common.required }]}
      >
        <Input type="date" />
      </Form.Item>
    </>
  );
}

/** A member is a unit (lead or cooperating) or a named person (deputy leader, liaison). */
export function MemberFields({
  candidates,
  name,
  listName,
}: {
  candidates?: OwnershipCandidates;
  name?: number;
  listName?: string;
}) {
  const { m, lbl } = useWorkbenchI18n();
  const path = (f: string) => (name === undefined ? f : [name, f]);
  const full = (f: string) => (name === undefined ? [f] : [listName!, name, f]);
  return (
    <>
      <Form.Item
        name={path('role')}
        label={m.ownership.role}
        rules={[{ required: true, message: m.common.required }]}
      >
        <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: lbl(MEMBER_ROLE_LABELS, r) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {(form) =>
          UNIT_ROLES.includes(form.getFieldValue(full('role')) as string) ? (
            <Form.Item
              name={path('unitId')}
              label={m.ownership.unit}
              rules={[{ required: true, message: m.common.required }]}
            >
              <Select
                showSearch={{ filterOption: filterByLabel }}
                options={(candidates?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name={path('userId')}
              label={m.ownership.person}
              rules={[{ required: true, message: m.common.required }]}
            >
              <PersonSelect candidates={candidates} />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}

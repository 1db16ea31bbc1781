import { MinusCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Spin } from 'antd';
import { useState } from 'react';
import { CARD_LEVEL_LABELS } from '../../../src/shared/case-labels.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useSession } from '../auth/session.tsx';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from './CaseFormModal.tsx';
import { OwnershipItem } from './OwnershipItem.tsx';
import { cleanBody, MemberFields, StepFields, useOwnershipCandidates } from './ownershipForm.tsx';
import type { Card, Ownership } from './types.ts';
import { useCaseCommand } from './useCaseCommand.ts';

/** The matter page's 领导包案 panel: the ownership in force (and any before it), and the form to take one. */
export function OwnershipPanel({ matterId }: { matterId: number }) {
  const { m } = useWorkbenchI18n();
  const [taking, setTaking] = useState(false);
  const data = useQuery({
    queryKey: keys.matterOwnerships(matterId),
    queryFn: () => api.get<{ items: Ownership[]; canOwn: boolean }>(`/api/matters/${matterId}/ownerships`),
  }).data;
  const items = data?.items ?? [];
  if (items.length === 0 && !data?.canOwn) return null;
  return (
    <Panel
      title={m.ownership.title}
      testId="ownership-panel"
      extra={
        data?.canOwn && (
          <Button size="small" type="primary" onClick={() => setTaking(true)} data-testid="take-ownership">
            {m.ownership.take}
          </Button>
        )
      }
    >
      {items.length === 0 && <p style={{ margin: 0, color: 'rgba(0,0,0,0.65)' }}>{m.ownership.none}</p>}
      {items.map((o) => (
        <OwnershipItem key={o.id} ownership={o} />
      ))}
      {taking && <TakeOwnershipDialog matterId={matterId} onClose={() => setTaking(false)} />}
    </Panel>
  );
}

function TakeOwnershipDialog({ matterId, onClose }: { matterId: number; onClose: () => void }) {
  const { m, lbl } = useWorkbenchI18n();
  const { user } = useSession();
  const send = useCaseCommand(matterId);
  const [leaderId, setLeaderId] = useState<number | undefined>(undefined);
  const loaded = useOwnershipCandidates(matterId);
  const leaders = loaded?.leaders ?? [];
  const selfLeads = leaders.some((l) => l.id === user?.id);
  const chosen = leaderId ?? (selfLeads ? user?.id : undefined);
  const candidates = useOwnershipCandidates(matterId, chosen);
  const cards = useQuery({
    queryKey: keys.matterCards(matterId),
    queryFn: () => api.get<{ items: Card[] }>(`/api/matters/${matterId}/cards`),
  }).data;
  return (
    <CaseFormModal<Record<string, unknown>>
      title={m.ownership.takeTitle}
      open
      onClose={onClose}
      testId="take-ownership-dialog"
      onSubmit={(v) => send.mutateAsync({ path: `/api/matters/${matterId}/ownerships`, body: cleanBody(v) })}
    >
      {/* The leader is chosen once the server has said who may own the matter (the form's first value). */}
      {loaded ? (
        <Form.Item
          name="leaderId"
          label={m.ownership.leader}
          initialValue={selfLeads ? user?.id : undefined}
          rules={[{ required: !selfLeads, message: m.common.required }]}
        >
          <Select
            onChange={(v: number) => setLeaderId(v)}
            options={leaders.map((l) => ({ value: l.id, label: `${l.name}（${l.unitName}）` }))}
          />
        </Form.Item>
      ) : (
        <Spin />
      )}
      <Form.Item
        name="problem"
        label={m.ownership.problem}
        rules={[{ required: true, whitespace: true, message: m.common.required }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="goal" label={m.ownership.goal}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, fontWeight: 600 }}>{m.ownership.steps}</legend>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div
                  key={f.key}
                  data-testid="plan-step-row"
                  style={{ borderBottom: '1px dashed #e3e5e8', marginBottom: 8 }}
                >
                  <StepFields candidates={candidates} name={f.name} />
                  <Button size="small" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                    {m.common.delete}
                  </Button>
                </div>
              ))}
              <Button
                size="small"
                onClick={() => add()}
                data-testid="add-plan-step"
                style={{ marginBottom: 12 }}
              >
                {m.ownership.addStepRow}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, fontWeight: 600 }}>{m.ownership.members}</legend>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} style={{ borderBottom: '1px dashed #e3e5e8', marginBottom: 8 }}>
                  <MemberFields candidates={candidates} name={f.name} listName="members" />
                  <Button size="small" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                    {m.common.delete}
                  </Button>
                </div>
              ))}
              <Button size="small" onClick={() => add()} style={{ marginBottom: 12 }}>
                {m.ownership.addMemberRow}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
      <Form.Item name="cardId" label={m.ownership.card}>
        <Select
          allowClear
          // One problem, one card: a card on a unit's set of matters is not the case's own.
          options={(cards?.items ?? [])
            .filter((c) => c.state !== 'withdrawn' && c.matterId !== null)
            .map((c) => ({
              value: c.id,
              label: `${lbl(CARD_LEVEL_LABELS, c.level)} · ${c.targetUnitName} · ${c.answerBy}`,
            }))}
        />
      </Form.Item>
    </CaseFormModal>
  );
}

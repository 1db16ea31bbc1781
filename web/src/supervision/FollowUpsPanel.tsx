import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { FOLLOW_UP_METHOD_LABELS, FOLLOW_UP_RESULT_LABELS } from '../../../src/shared/case-labels.ts';
import { FOLLOW_UP_RESULTS } from '../../../src/shared/enums.ts';
import { FOLLOW_UP_METHODS } from '../../../src/shared/follow-up.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from '../leadership/CaseFormModal.tsx';
import { useCaseCommand } from '../leadership/useCaseCommand.ts';
import { FollowUpItem, type FollowUp } from './FollowUpItem.tsx';

interface RecordForm {
  method: string;
  reached: 'yes' | 'no';
  solved?: string;
  opinion?: string;
}

/** The matter page's 回访 panel, shown once the matter has a reply. */
export function FollowUpsPanel({ matterId }: { matterId: number }) {
  const { m, lbl } = useWorkbenchI18n();
  const [recording, setRecording] = useState(false);
  const send = useCaseCommand(matterId);
  const data = useQuery({
    queryKey: keys.matterFollowUps(matterId),
    queryFn: () => api.get<{ items: FollowUp[]; canRecord: boolean }>(`/api/matters/${matterId}/follow-ups`),
  }).data;
  const items = data?.items ?? [];
  return (
    <Panel
      title={m.followUps.title}
      testId="follow-ups-panel"
      extra={
        data?.canRecord && (
          <Button size="small" onClick={() => setRecording(true)} data-testid="record-follow-up">
            {m.followUps.record}
          </Button>
        )
      }
    >
      {items.length === 0 && <p style={{ margin: 0, color: 'rgba(0,0,0,0.65)' }}>{m.followUps.none}</p>}
      {items.map((f) => (
        <FollowUpItem key={f.id} item={f} />
      ))}
      {recording && (
        <CaseFormModal<RecordForm>
          title={m.followUps.recordTitle}
          open
          onClose={() => setRecording(false)}
          testId="record-follow-up-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/matters/${matterId}/follow-ups`,
              body: {
                method: v.method,
                reached: v.reached === 'yes',
                ...(v.solved ? { solved: v.solved } : {}),
                ...(v.opinion?.trim() ? { opinion: v.opinion.trim() } : {}),
              },
            })
          }
        >
          <Form.Item name="method" label={m.followUps.method} initialValue="phone">
            <Select
              options={FOLLOW_UP_METHODS.map((x) => ({ value: x, label: lbl(FOLLOW_UP_METHOD_LABELS, x) }))}
            />
          </Form.Item>
          <Form.Item name="reached" label={m.followUps.reached} initialValue="yes">
            <Select
              options={[
                { value: 'yes', label: m.common.yes },
                { value: 'no', label: m.common.no },
              ]}
            />
          </Form.Item>
          <Form.Item name="solved" label={m.followUps.solved}>
            <Select
              allowClear
              options={FOLLOW_UP_RESULTS.map((x) => ({ value: x, label: lbl(FOLLOW_UP_RESULT_LABELS, x) }))}
            />
          </Form.Item>
          <Form.Item name="opinion" label={m.followUps.opinion}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </CaseFormModal>
      )}
    </Panel>
  );
}

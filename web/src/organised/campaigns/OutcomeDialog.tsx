import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { CAMPAIGN_OUTCOMES } from '../../../../src/shared/campaign.schema.ts';
import { CAMPAIGN_OUTCOME_LABELS } from '../../../../src/shared/campaign-labels.ts';
import { api } from '../../api/client.ts';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { campaignKeys, type CampaignFiles, type CampaignMatter, type OwnerCandidates } from './types.ts';
import { useCampaignCommand } from './useCampaignCommand.ts';

interface OutcomeForm {
  outcome: string;
  note: string;
  attachmentIds?: number[];
  reason?: string;
}

/**
 * Records a matter's outcome while the campaign runs, or — once closed — corrects it with a reason:
 * a new entry in the record either way, never an edit of the old one.
 */
export function OutcomeDialog({
  campaignId,
  matter,
  correcting,
  onClose,
}: {
  campaignId: number;
  matter: CampaignMatter;
  correcting: boolean;
  onClose: () => void;
}) {
  const { m, lbl } = useWorkI18n();
  const c = m.campaign;
  const send = useCampaignCommand();
  const files = useQuery({
    queryKey: campaignKeys.files(campaignId),
    queryFn: () => api.get<CampaignFiles>(`/api/campaigns/${campaignId}/attachments`),
  }).data;
  const required = [{ required: true, message: m.common.required }];
  return (
    <CaseFormModal<OutcomeForm>
      title={`${correcting ? c.correct : c.record} · ${matter.caseNumber}`}
      open
      onClose={onClose}
      testId="outcome-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: `/api/campaigns/${campaignId}/${correcting ? 'correct-outcome' : 'record-outcome'}`,
          body: { matterId: matter.matterId, ...v, attachmentIds: v.attachmentIds ?? [] },
        })
      }
    >
      <Form.Item name="outcome" label={c.outcome} rules={required}>
        <Select
          data-testid="outcome-select"
          options={CAMPAIGN_OUTCOMES.map((o) => ({ value: o, label: lbl(CAMPAIGN_OUTCOME_LABELS, o) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={c.note} rules={required}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="outcome-note" />
      </Form.Item>
      <Form.Item name="attachmentIds" label={c.evidence}>
        <Select
          mode="multiple"
          options={(files?.items ?? [])
            .filter((f) => f.matterId === matter.matterId)
            .map((f) => ({ value: f.id, label: f.filename }))}
        />
      </Form.Item>
      {correcting && (
        <Form.Item name="reason" label={c.correctionReason} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
    </CaseFormModal>
  );
}

/** Names the owner of one of the campaign's matters. */
export function OwnerDialog({
  campaignId,
  matter,
  onClose,
}: {
  campaignId: number;
  matter: CampaignMatter;
  onClose: () => void;
}) {
  const { m } = useWorkI18n();
  const c = m.campaign;
  const send = useCampaignCommand();
  const people = useQuery({
    queryKey: campaignKeys.owners(campaignId),
    queryFn: () => api.get<OwnerCandidates>(`/api/campaigns/${campaignId}/owner-candidates`),
  }).data;
  return (
    <CaseFormModal<{ ownerId: number }>
      title={`${c.assignOwner} · ${matter.caseNumber}`}
      open
      onClose={onClose}
      testId="owner-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: `/api/campaigns/${campaignId}/assign-owner`,
          body: { matterId: matter.matterId, ownerId: v.ownerId },
        })
      }
    >
      <Form.Item name="ownerId" label={c.ownerField} rules={[{ required: true, message: m.common.required }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={(people?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }))}
        />
      </Form.Item>
    </CaseFormModal>
  );
}

/** Removes a matter without an outcome from the campaign, with a reason. */
export function RemoveDialog({
  campaignId,
  matter,
  onClose,
}: {
  campaignId: number;
  matter: CampaignMatter;
  onClose: () => void;
}) {
  const { m } = useWorkI18n();
  const c = m.campaign;
  const send = useCampaignCommand();
  return (
    <CaseFormModal<{ reason: string }>
      title={`${c.remove} · ${matter.caseNumber}`}
      open
      onClose={onClose}
      testId="remove-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: `/api/campaigns/${campaignId}/remove-matter`,
          body: { matterId: matter.matterId, reason: v.reason },
        })
      }
    >
      <Form.Item
        name="reason"
        label={c.removeReason}
        rules={[{ required: true, message: m.common.required }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </CaseFormModal>
  );
}

import { Form, Radio, Select } from 'antd';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { CampaignFields, campaignBody, type CampaignFieldValues } from './CampaignFields.tsx';
import type { CampaignList } from './types.ts';
import { useCampaignCommand } from './useCampaignCommand.ts';

export interface BacklogFilterValues {
  unitId?: number;
  categoryCode?: string;
  minAgeDays?: number;
  minRepeats?: number;
  campaign?: 'in' | 'out';
}

interface AddForm extends Partial<CampaignFieldValues> {
  which: 'selected' | 'filtered';
  target: number | 'new';
}

/**
 * Takes backlog matters on in a campaign: the ticked rows or every backlog matter matching the
 * filters on screen, into a draft or active campaign or a new one set up here.
 */
export function AddToCampaignDialog({
  selected,
  filter,
  campaigns,
  onClose,
  onDone,
}: {
  selected: number[];
  filter: BacklogFilterValues;
  campaigns: CampaignList['items'];
  onClose: () => void;
  onDone: (campaignId: number) => void;
}) {
  const { m } = useWorkI18n();
  const c = m.campaign;
  const send = useCampaignCommand();
  const { campaign: _inOut, ...rest } = filter;
  const choice = (which: AddForm['which']) =>
    which === 'selected' ? { matterIds: selected } : { filter: rest };
  return (
    <CaseFormModal<AddForm>
      title={c.addToCampaign}
      open
      onClose={onClose}
      testId="add-to-campaign-dialog"
      onSubmit={async (v) => {
        const r =
          v.target === 'new'
            ? await send.mutateAsync({
                path: '/api/campaigns',
                body: { ...campaignBody(v as CampaignFieldValues), ...choice(v.which) },
              })
            : await send.mutateAsync({
                path: `/api/campaigns/${v.target}/add-matters`,
                body: choice(v.which),
              });
        onDone(r.id);
      }}
    >
      <Form.Item name="which" initialValue={selected.length > 0 ? 'selected' : 'filtered'}>
        <Radio.Group
          options={[
            {
              value: 'selected',
              label: `${c.addSelected}（${c.selected(selected.length)}）`,
              disabled: !selected.length,
            },
            { value: 'filtered', label: c.addFiltered },
          ]}
          data-testid="add-which"
        />
      </Form.Item>
      <Form.Item name="target" label={c.chooseCampaign} initialValue={campaigns[0]?.id ?? 'new'}>
        <Select
          data-testid="add-target"
          options={[
            ...campaigns.map((x) => ({ value: x.id, label: x.name })),
            { value: 'new' as const, label: c.newCampaign },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: AddForm, b: AddForm) => a.target !== b.target}>
        {({ getFieldValue }) => (getFieldValue('target') === 'new' ? <CampaignFields /> : null)}
      </Form.Item>
    </CaseFormModal>
  );
}

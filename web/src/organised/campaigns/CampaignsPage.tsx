import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { Alert, Button, Spin, Tag } from 'antd';
import { useState } from 'react';
import { CAMPAIGN_STATE_LABELS } from '../../../../src/shared/campaign-labels.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { WorkTabs } from '../WorkTabs.tsx';
import { useWorkI18n } from '../i18n.ts';
import { CampaignFields, campaignBody, type CampaignFieldValues } from './CampaignFields.tsx';
import { ProgressBar } from './CampaignProgress.tsx';
import { campaignKeys, type CampaignList } from './types.ts';
import { useCampaignCommand } from './useCampaignCommand.ts';

/** 专项治理: the campaigns the user may read, each with its live progress against its target. */
export function CampaignsPage() {
  const { m, lang, lbl } = useWorkI18n();
  const c = m.campaign;
  const navigate = useNavigate();
  const send = useCampaignCommand();
  const [creating, setCreating] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: campaignKeys.list('all'),
    queryFn: () => api.get<CampaignList>('/api/campaigns'),
  });
  return (
    <WorkTabs>
      <h1 style={{ fontSize: 22, margin: 0 }}>{c.listTitle}</h1>
      <Alert type="info" showIcon title={c.declined} />
      {data?.canCreate && (
        <div>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="create-campaign">
            {c.create}
          </Button>
        </div>
      )}
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {isPending && <Spin />}
      {data?.items.length === 0 && <p>{c.none}</p>}
      {data?.items.map((x) => (
        <Panel
          key={x.id}
          testId={`campaign-${x.id}`}
          title={
            <Link to="/work/campaigns/$id" params={{ id: String(x.id) }}>
              {x.name}
            </Link>
          }
          extra={<Tag>{lbl(CAMPAIGN_STATE_LABELS, x.state)}</Tag>}
        >
          <p style={{ margin: '0 0 8px' }}>
            {x.periodStart} — {x.periodEnd} · {x.regionName}
            {x.leadUnitName ? ` · ${x.leadUnitName}` : ''}
          </p>
          <ProgressBar progress={x.progress} />
        </Panel>
      ))}
      {creating && (
        <CaseFormModal<CampaignFieldValues>
          title={c.create}
          open
          onClose={() => setCreating(false)}
          testId="create-campaign-dialog"
          onSubmit={async (v) => {
            const r = await send.mutateAsync({ path: '/api/campaigns', body: campaignBody(v) });
            void navigate({ to: '/work/campaigns/$id', params: { id: String(r.id) } });
          }}
        >
          <CampaignFields />
        </CaseFormModal>
      )}
    </WorkTabs>
  );
}

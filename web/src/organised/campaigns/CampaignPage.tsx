import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Alert, Button, Modal, Space, Spin, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import {
  CAMPAIGN_COMMAND_LABELS,
  CAMPAIGN_OUTCOME_LABELS,
  CAMPAIGN_STATE_LABELS,
} from '../../../../src/shared/campaign-labels.ts';
import { STATE_LABELS } from '../../../../src/shared/labels.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDate } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { WorkTabs } from '../WorkTabs.tsx';
import { useWorkI18n } from '../i18n.ts';
import { ProgressBar, ProgressBreakdown } from './CampaignProgress.tsx';
import { OutcomeDialog, OwnerDialog, RemoveDialog } from './OutcomeDialog.tsx';
import { campaignKeys, type Campaign, type CampaignMatter } from './types.ts';
import { useCampaignCommand } from './useCampaignCommand.ts';

type Dialog = { kind: 'outcome' | 'owner' | 'remove'; matter: CampaignMatter } | null;

/** One campaign: its target and live progress, its matters with owner and outcome, its report. */
export function CampaignRoute() {
  const { id } = useParams({ from: '/work/campaigns/$id' });
  const { m, lang, lbl } = useWorkI18n();
  const c = m.campaign;
  const send = useCampaignCommand();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const { data, error, isPending } = useQuery({
    queryKey: campaignKeys.one(Number(id)),
    queryFn: () => api.get<Campaign>(`/api/campaigns/${id}`),
  });
  const may = (a: Campaign['allowedActions'][number]) => data?.allowedActions.includes(a) ?? false;
  const run = (verb: 'start' | 'close' | 'withdraw') => {
    setFailure(null);
    send.mutate({ path: `/api/campaigns/${id}/${verb}`, body: {} }, { onError: setFailure });
  };
  const columns: TableProps<CampaignMatter>['columns'] = [
    {
      title: c.caseNumber,
      dataIndex: 'caseNumber',
      render: (_v, r) => (
        <Link to="/matters/$id" params={{ id: String(r.matterId) }}>
          {r.caseNumber}
        </Link>
      ),
    },
    { title: c.subject, dataIndex: 'subject' },
    { title: c.unit, dataIndex: 'leadUnitName', render: (v: string | null) => v ?? '—' },
    { title: c.state, dataIndex: 'state', render: (v: string) => lbl(STATE_LABELS, v) },
    { title: c.ownerCol, dataIndex: 'ownerName', render: (v: string | null) => v ?? c.noOwner },
    {
      title: c.outcome,
      key: 'outcome',
      render: (_v, r) =>
        r.outcome ? (
          <Space orientation="vertical" size={0}>
            <Tag color="green">{lbl(CAMPAIGN_OUTCOME_LABELS, r.outcome.outcome)}</Tag>
            <small>
              {r.outcome.recordedByName} · {fmtDate(r.outcome.recordedAt, lang)}
            </small>
            {r.history.length > 1 && (
              <small
                title={r.history.map((h) => `${h.id}: ${lbl(CAMPAIGN_OUTCOME_LABELS, h.outcome)}`).join('\n')}
              >
                {c.history}: {r.history.length}
                {r.outcome.correctionOf ? ` · ${c.correctionOf(r.outcome.correctionOf)}` : ''}
              </small>
            )}
          </Space>
        ) : (
          <Tag>{c.noOutcome}</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_v, r) => (
        <Space wrap size={4}>
          {r.canRecord && (
            <Button
              size="small"
              type="primary"
              data-testid={`record-${r.matterId}`}
              onClick={() => setDialog({ kind: 'outcome', matter: r })}
            >
              {data?.state === 'closed' ? c.correct : c.record}
            </Button>
          )}
          {may('assign_owner') && (
            <Button size="small" onClick={() => setDialog({ kind: 'owner', matter: r })}>
              {c.assignOwner}
            </Button>
          )}
          {may('remove_matter') && !r.outcome && (
            <Button size="small" danger onClick={() => setDialog({ kind: 'remove', matter: r })}>
              {c.remove}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <WorkTabs>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {isPending && <Spin />}
      {data && (
        <>
          <h1 style={{ fontSize: 22, margin: 0 }}>
            {data.name} <Tag data-testid="campaign-state">{lbl(CAMPAIGN_STATE_LABELS, data.state)}</Tag>
          </h1>
          <p style={{ margin: 0 }}>
            {data.periodStart} — {data.periodEnd} · {c.scope}：{data.regionName}
            {data.leadUnitName ? ` · ${data.leadUnitName}` : ''} ·{' '}
            {c.openedBy(data.openedByName, data.openerUnitName)}
          </p>
          {data.workPlan && <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{data.workPlan}</p>}
          <Space wrap>
            {may('start') && (
              <Button type="primary" onClick={() => run('start')} data-testid="campaign-start">
                {c.start}
              </Button>
            )}
            {may('close') && (
              <Button
                onClick={() => Modal.confirm({ title: c.confirmClose, onOk: () => run('close') })}
                data-testid="campaign-close"
              >
                {c.close}
              </Button>
            )}
            {may('withdraw') && (
              <Button danger onClick={() => run('withdraw')}>
                {lbl(CAMPAIGN_COMMAND_LABELS, 'withdraw')}
              </Button>
            )}
            <Button
              size="small"
              icon={<DownloadOutlined aria-hidden />}
              href={`/api/campaigns/${id}/report.xlsx`}
              download
            >
              {c.exportXlsx}
            </Button>
            <Button
              size="small"
              icon={<DownloadOutlined aria-hidden />}
              href={`/api/campaigns/${id}/report.docx`}
              download
            >
              {c.exportDocx}
            </Button>
          </Space>
          {failure !== null && (
            <Alert role="alert" type="error" showIcon title={errorText(failure, lang, m)} />
          )}
          <Panel title={c.progress} testId="campaign-progress">
            <ProgressBar progress={data.progress} />
            <ProgressBreakdown progress={data.progress} />
          </Panel>
          <Panel title={c.matters}>
            <Table<CampaignMatter>
              data-testid="campaign-matters"
              rowKey="matterId"
              size="small"
              dataSource={data.matters}
              columns={columns}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
            />
          </Panel>
          {dialog?.kind === 'outcome' && (
            <OutcomeDialog
              campaignId={data.id}
              matter={dialog.matter}
              correcting={data.state === 'closed'}
              onClose={() => setDialog(null)}
            />
          )}
          {dialog?.kind === 'owner' && (
            <OwnerDialog campaignId={data.id} matter={dialog.matter} onClose={() => setDialog(null)} />
          )}
          {dialog?.kind === 'remove' && (
            <RemoveDialog campaignId={data.id} matter={dialog.matter} onClose={() => setDialog(null)} />
          )}
        </>
      )}
    </WorkTabs>
  );
}

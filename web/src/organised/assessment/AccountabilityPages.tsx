import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Alert, Button, Descriptions, Form, Input, Select, Space, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import {
  ACCOUNTABILITY_KINDS,
  CITABLE_INDICATORS,
  type AccountabilityCommand,
} from '../../../../src/shared/assessment.schema.ts';
import {
  ACCOUNTABILITY_COMMAND_LABELS,
  ACCOUNTABILITY_KIND_LABELS,
  ACCOUNTABILITY_STATE_LABELS,
} from '../../../../src/shared/assessment-labels.ts';
import { CASE_EVENT_LABELS } from '../../../../src/shared/case-labels.ts';
import { INDICATOR_DEFINITIONS } from '../../../../src/shared/stats-definitions.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { WorkTabs } from '../WorkTabs.tsx';
import {
  assessmentKeys,
  pct,
  useAssessmentCommand,
  type Accountability,
  type AccountabilityList,
} from './common.tsx';

/** /work/accountability: the records the user may see, and the bureau's form to open one. */
export function AccountabilityPage() {
  const { m, lang, lbl } = useWorkI18n();
  const a = m.assessment;
  const [opening, setOpening] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: assessmentKeys.records,
    queryFn: () => api.get<AccountabilityList>('/api/accountability'),
  });
  return (
    <WorkTabs>
      <h1 style={{ fontSize: 22, margin: 0 }}>{a.accountabilityTitle}</h1>
      {data?.canOpen && (
        <Button
          type="primary"
          style={{ alignSelf: 'flex-start' }}
          data-testid="open-accountability"
          onClick={() => setOpening(true)}
        >
          {a.openRecord}
        </Button>
      )}
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      <Table
        rowKey="id"
        loading={isPending}
        pagination={false}
        data-testid="accountability-table"
        dataSource={data?.items ?? []}
        locale={{ emptyText: a.noRecords }}
        columns={[
          {
            title: a.unit,
            dataIndex: 'unitName',
            render: (name: string, r) => (
              <Link to="/work/accountability/$id" params={{ id: String(r.id) }}>
                {name}
              </Link>
            ),
          },
          { title: a.kind, dataIndex: 'kind', render: (k: string) => lbl(ACCOUNTABILITY_KIND_LABELS, k) },
          { title: a.failure, dataIndex: 'failure', ellipsis: true },
          {
            title: a.state,
            key: 'state',
            render: (_: unknown, r) => (
              <Space size={4}>
                <Tag>{lbl(ACCOUNTABILITY_STATE_LABELS, r.state)}</Tag>
                {r.overdue && <Tag color="red">{a.overdue}</Tag>}
              </Space>
            ),
          },
          { title: a.respondBy, dataIndex: 'respondBy' },
        ]}
      />
      {opening && data && <OpenDialog units={data.units} onClose={() => setOpening(false)} />}
    </WorkTabs>
  );
}

interface OpenForm {
  unitId: number;
  kind: string;
  failure: string;
  demand: string;
  talkOn?: string;
  talkPlace?: string;
  talkParticipants?: string;
  respondBy?: string;
  matterIds?: string[];
  figures?: { indicator: string; from: string; to: string }[];
}

function OpenDialog({ units, onClose }: { units: AccountabilityList['units']; onClose: () => void }) {
  const { m, lang, lbl } = useWorkI18n();
  const a = m.assessment;
  const send = useAssessmentCommand();
  const required = [{ required: true, whitespace: true, message: m.common.required }];
  return (
    <CaseFormModal<OpenForm>
      title={a.openTitle}
      open
      onClose={onClose}
      testId="open-accountability-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: '/api/accountability',
          body: {
            unitId: v.unitId,
            kind: v.kind,
            failure: v.failure.trim(),
            demand: v.demand.trim(),
            ...(v.kind === 'talk'
              ? {
                  talk: {
                    on: v.talkOn,
                    place: v.talkPlace?.trim(),
                    participants: v.talkParticipants?.trim(),
                  },
                }
              : {}),
            ...(v.respondBy ? { respondBy: v.respondBy } : {}),
            matterIds: (v.matterIds ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0),
            figures: v.figures ?? [],
          },
        })
      }
    >
      <Form.Item name="unitId" label={a.unit} rules={[{ required: true, message: m.common.required }]}>
        <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="kind" label={a.kind} initialValue="self_examination">
        <Select
          options={ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: lbl(ACCOUNTABILITY_KIND_LABELS, k) }))}
        />
      </Form.Item>
      <Form.Item name="failure" label={a.failure} rules={required}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="demand" label={a.demand} rules={required}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(p: OpenForm, n: OpenForm) => p.kind !== n.kind}>
        {({ getFieldValue }) =>
          getFieldValue('kind') === 'talk' && (
            <Space wrap>
              <Form.Item
                name="talkOn"
                label={a.talkOn}
                rules={[{ required: true, message: m.common.required }]}
              >
                <Input type="date" />
              </Form.Item>
              <Form.Item name="talkPlace" label={a.talkPlace} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="talkParticipants" label={a.talkParticipants} rules={required}>
                <Input maxLength={1000} />
              </Form.Item>
            </Space>
          )
        }
      </Form.Item>
      <Form.Item name="respondBy" label={a.respondBy} extra={a.respondByHint}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="matterIds" label={a.matterIds}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
      </Form.Item>
      <Form.List name="figures">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <strong>{a.figures}</strong>
            {fields.map((f) => (
              <Space key={f.key} wrap align="baseline">
                <Form.Item
                  name={[f.name, 'indicator']}
                  rules={[{ required: true, message: m.common.required }]}
                >
                  <Select
                    aria-label={a.indicator}
                    style={{ minWidth: 200 }}
                    options={CITABLE_INDICATORS.map((k) => ({
                      value: k,
                      label: INDICATOR_DEFINITIONS[k].label[lang],
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'from']} rules={[{ required: true, message: m.common.required }]}>
                  <Input type="date" aria-label={a.from} />
                </Form.Item>
                <Form.Item name={[f.name, 'to']} rules={[{ required: true, message: m.common.required }]}>
                  <Input type="date" aria-label={a.to} />
                </Form.Item>
                <Button onClick={() => remove(f.name)}>{a.remove}</Button>
              </Space>
            ))}
            <Button onClick={() => add()}>{a.addFigure}</Button>
          </Space>
        )}
      </Form.List>
    </CaseFormModal>
  );
}

/** /work/accountability/$id: the failure, the cited matters and figures, the response and the finding. */
export function AccountabilityRoute() {
  const { id } = useParams({ from: '/work/accountability/$id' });
  const { m, lang, lbl } = useWorkI18n();
  const a = m.assessment;
  const { data, error, isPending } = useQuery({
    queryKey: assessmentKeys.record(Number(id)),
    queryFn: () => api.get<Accountability>(`/api/accountability/${id}`),
  });
  return (
    <WorkTabs>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {isPending && <Spin />}
      {data && (
        <>
          <h1 style={{ fontSize: 22, margin: 0 }}>
            {lbl(ACCOUNTABILITY_KIND_LABELS, data.kind)} · {data.unitName}{' '}
            <Tag data-testid="accountability-state">{lbl(ACCOUNTABILITY_STATE_LABELS, data.state)}</Tag>
            {data.overdue && <Tag color="red">{a.overdue}</Tag>}
          </h1>
          <RecordActions record={data} />
          <Panel title={a.accountabilityTitle}>
            <Descriptions
              column={1}
              items={[
                {
                  key: 'by',
                  label: a.openedBy,
                  children: `${data.issuerUnitName} ${data.openedByName} · ${fmtDateTime(data.openedAt, lang)}`,
                },
                { key: 'failure', label: a.failure, children: data.failure },
                { key: 'demand', label: a.demand, children: data.demand },
                ...(data.talk
                  ? [
                      {
                        key: 'talk',
                        label: a.talk,
                        children: `${data.talk.on} · ${data.talk.place} · ${data.talk.participants}`,
                      },
                    ]
                  : []),
                { key: 'respondBy', label: a.respondBy, children: data.respondBy },
                {
                  key: 'response',
                  label: a.response,
                  children: data.response ? `${data.response}（${data.respondedByName ?? ''}）` : '—',
                },
                { key: 'finding', label: a.finding, children: data.finding ?? '—' },
              ]}
            />
          </Panel>
          <Panel title={a.citedMatters}>
            {data.matters.length === 0 ? (
              a.noneCited
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {data.matters.map((x) => (
                  <li key={x.id}>
                    <Link to="/matters/$id" params={{ id: String(x.id) }}>
                      {x.caseNumber} · {x.subject}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title={a.citedFigures}>
            {data.figures.length === 0 ? (
              a.noneCited
            ) : (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {data.figures.map((f, i) => (
                  <li key={i}>
                    {INDICATOR_DEFINITIONS[f.indicator].label[lang]} · {f.period.from}–{f.period.to} ·{' '}
                    {f.denominator === null
                      ? f.numerator
                      : `${pct(f.value)} (${f.numerator}/${f.denominator})`}
                    {f.frozenRank !== null && ` · ${a.frozenValue(pct(f.frozenValue), f.frozenRank)}`}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title={a.history}>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {data.history.map((h) => (
                <li key={h.seq}>
                  {fmtDateTime(h.at, lang)} · {lbl(CASE_EVENT_LABELS, h.kind)}
                  {h.actorName ? ` · ${h.actorName}` : ''}
                </li>
              ))}
            </ul>
          </Panel>
        </>
      )}
    </WorkTabs>
  );
}

const FIELD: Record<AccountabilityCommand, 'response' | 'finding' | 'reason' | 'comment'> = {
  respond: 'response',
  conclude: 'finding',
  return: 'reason',
  withdraw: 'reason',
  comment: 'comment',
};

function RecordActions({ record }: { record: Accountability }) {
  const { m, lbl } = useWorkI18n();
  const a = m.assessment;
  const send = useAssessmentCommand();
  const [open, setOpen] = useState<AccountabilityCommand | null>(null);
  return (
    <Space wrap>
      {record.allowedActions.map((c) => (
        <Button key={c} data-testid={`accountability-${c}`} onClick={() => setOpen(c)}>
          {lbl(ACCOUNTABILITY_COMMAND_LABELS, c)}
        </Button>
      ))}
      {open && (
        <CaseFormModal<Record<string, string>>
          title={lbl(ACCOUNTABILITY_COMMAND_LABELS, open)}
          open
          onClose={() => setOpen(null)}
          testId={`accountability-${open}-dialog`}
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/accountability/${record.id}/${open}`,
              body: {
                [FIELD[open]]: v.text!.trim(),
                ...(open === 'return' ? { respondBy: v.respondBy } : {}),
              },
            })
          }
        >
          <Form.Item
            name="text"
            label={a[FIELD[open]]}
            rules={[{ required: true, whitespace: true, message: m.common.required }]}
          >
            <Input.TextArea rows={4} maxLength={8000} data-testid="accountability-text" />
          </Form.Item>
          {open === 'return' && (
            <Form.Item
              name="respondBy"
              label={a.respondBy}
              rules={[{ required: true, message: m.common.required }]}
            >
              <Input type="date" />
            </Form.Item>
          )}
        </CaseFormModal>
      )}
    </Space>
  );
}

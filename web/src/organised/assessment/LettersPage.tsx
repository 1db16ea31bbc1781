import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { LETTER_INDICATORS, targetIsCeiling } from '../../../../src/shared/assessment.schema.ts';
import { LETTER_STATE_LABELS } from '../../../../src/shared/assessment-labels.ts';
import { INDICATOR_DEFINITIONS } from '../../../../src/shared/stats-definitions.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { WorkTabs } from '../WorkTabs.tsx';
import { assessmentKeys, useAssessmentCommand, type LetterList } from './common.tsx';
import { FrozenPanel } from './FrozenPanel.tsx';

const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR + 1, THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2, THIS_YEAR - 3];

/** /work/letters: the year's letters per unit, with targets met so far, and the year's frozen scorecards. */
export function LettersPage() {
  const { m, lang, lbl } = useWorkI18n();
  const a = m.assessment;
  const [year, setYear] = useState(THIS_YEAR);
  const [drafting, setDrafting] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: assessmentKeys.letters(year),
    queryFn: () => api.get<LetterList>('/api/letters', { year }),
  });
  return (
    <WorkTabs>
      <h1 style={{ fontSize: 22, margin: 0 }}>{a.lettersTitle}</h1>
      <Space wrap>
        <label htmlFor="letters-year">{a.year}</label>
        <Select
          id="letters-year"
          data-testid="letters-year"
          value={year}
          onChange={setYear}
          style={{ width: 120 }}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
        />
        {data?.canIssue && (
          <Button type="primary" data-testid="draft-letter" onClick={() => setDrafting(true)}>
            {a.draftLetter}
          </Button>
        )}
      </Space>
      <Alert type="info" showIcon title={a.targetsNote} />
      <Panel title={a.lettersOfYear(year)}>
        {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
        <Table
          rowKey="id"
          loading={isPending}
          pagination={false}
          data-testid="letters-table"
          dataSource={data?.items ?? []}
          locale={{ emptyText: a.noLetters }}
          columns={[
            {
              title: a.unit,
              dataIndex: 'unitName',
              render: (name: string, l) => (
                <Link to="/work/letters/$id" params={{ id: String(l.id) }}>
                  {name}
                </Link>
              ),
            },
            { title: a.title, dataIndex: 'title' },
            {
              title: a.state,
              dataIndex: 'state',
              render: (s: string) => <Tag>{lbl(LETTER_STATE_LABELS, s)}</Tag>,
            },
            {
              title: a.targetsMet,
              key: 'met',
              render: (_: unknown, l) => a.metCounts(l.met, l.notMet, l.noData),
            },
            { title: a.signedOn, dataIndex: 'signedOn', render: (d: string | null) => d ?? a.notSigned },
          ]}
        />
      </Panel>
      <FrozenPanel year={year} />
      {drafting && data && <DraftDialog year={year} list={data} onClose={() => setDrafting(false)} />}
    </WorkTabs>
  );
}

interface TargetRow {
  indicator: string;
  percent: number;
}
interface DraftForm {
  unitId: number;
  title?: string;
  docNumber?: string;
  body?: string;
  signatoryName: string;
  signatoryTitle: string;
  targets: TargetRow[];
}

/** The targets as the API takes them: ratios 0..1. */
export const targetsBody = (rows: TargetRow[]) =>
  rows.map((t) => ({ indicator: t.indicator, target: Math.round(t.percent * 100) / 10_000 }));

/** Targets picked from the indicators a letter may name, entered as percentages. */
export function TargetsField() {
  const { m, lang } = useWorkI18n();
  const a = m.assessment;
  return (
    <Form.List name="targets">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="letter-targets">
          <strong>{a.targets}</strong>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap>
              <Form.Item
                name={[f.name, 'indicator']}
                rules={[{ required: true, message: m.common.required }]}
                style={{ minWidth: 220, marginBottom: 0 }}
              >
                <Select
                  aria-label={a.indicator}
                  data-testid={`target-indicator-${f.name}`}
                  options={LETTER_INDICATORS.map((k) => ({
                    value: k,
                    label: `${INDICATOR_DEFINITIONS[k].label[lang]}（${targetIsCeiling(k) ? a.atMost : a.atLeast}）`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'percent']}
                rules={[{ required: true, message: m.common.required }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber
                  aria-label={a.target}
                  data-testid={`target-percent-${f.name}`}
                  min={0}
                  max={100}
                  step={0.5}
                  precision={2}
                  suffix="%"
                />
              </Form.Item>
              <Button onClick={() => remove(f.name)}>{a.remove}</Button>
            </Space>
          ))}
          <Button data-testid="add-target" onClick={() => add({ percent: 95 })}>
            {a.addTarget}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

function DraftDialog({ year, list, onClose }: { year: number; list: LetterList; onClose: () => void }) {
  const { m } = useWorkI18n();
  const a = m.assessment;
  const send = useAssessmentCommand();
  const required = [{ required: true, whitespace: true, message: m.common.required }];
  return (
    <CaseFormModal<DraftForm>
      title={a.draftTitle}
      open
      onClose={onClose}
      testId="draft-letter-dialog"
      onSubmit={(v) =>
        send.mutateAsync({
          path: '/api/letters',
          body: {
            unitId: v.unitId,
            year,
            ...(v.title?.trim() ? { title: v.title.trim() } : {}),
            ...(v.docNumber?.trim() ? { docNumber: v.docNumber.trim() } : {}),
            ...(v.body?.trim() ? { body: v.body.trim() } : {}),
            bureauSignatory: { name: v.signatoryName.trim(), title: v.signatoryTitle.trim() },
            targets: targetsBody(v.targets ?? []),
          },
        })
      }
    >
      <Form.Item name="unitId" label={a.unit} rules={[{ required: true, message: m.common.required }]}>
        <Select
          data-testid="letter-unit"
          showSearch={{ optionFilterProp: 'label' }}
          options={list.units.filter((u) => !u.hasLetter).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item name="title" label={a.title} extra={a.titleHint}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="docNumber" label={a.docNumber}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="body" label={a.body} extra={a.bodyHint}>
        <Input.TextArea rows={3} maxLength={8000} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="signatoryName" label={`${a.bureauSignatory} · ${a.name}`} rules={required}>
          <Input data-testid="bureau-signatory-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="signatoryTitle" label={a.jobTitle} rules={required}>
          <Input data-testid="bureau-signatory-title" maxLength={100} />
        </Form.Item>
      </Space>
      <TargetsField />
    </CaseFormModal>
  );
}

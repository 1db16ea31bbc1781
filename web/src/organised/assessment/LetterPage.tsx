import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { Alert, Button, Descriptions, Form, Input, Popconfirm, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { LetterCommand } from '../../../../src/shared/assessment.schema.ts';
import { LETTER_COMMAND_LABELS, LETTER_STATE_LABELS } from '../../../../src/shared/assessment-labels.ts';
import { CASE_EVENT_LABELS } from '../../../../src/shared/case-labels.ts';
import { INDICATOR_DEFINITIONS } from '../../../../src/shared/stats-definitions.ts';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { WorkTabs } from '../WorkTabs.tsx';
import { assessmentKeys, pct, StatusTag, useAssessmentCommand, type Letter } from './common.tsx';
import { TargetsField, targetsBody } from './LettersPage.tsx';

/**
 * /work/letters/$id: the targets beside the unit's live figures, signing and amending, the DOCX and
 * the history.
 */
export function LetterRoute() {
  const { id } = useParams({ from: '/work/letters/$id' });
  const { m, lang, lbl } = useWorkI18n();
  const a = m.assessment;
  const { data, error, isPending } = useQuery({
    queryKey: assessmentKeys.letter(Number(id)),
    queryFn: () => api.get<Letter>(`/api/letters/${id}`),
  });
  return (
    <WorkTabs>
      {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
      {isPending && <Spin />}
      {data && (
        <>
          <h1 style={{ fontSize: 22, margin: 0 }}>
            {data.title} · {data.unitName}{' '}
            <Tag data-testid="letter-state">{lbl(LETTER_STATE_LABELS, data.state)}</Tag>
          </h1>
          <LetterActions letter={data} />
          <Panel title={`${a.targets} · ${a.period(data.period.from, data.period.to)}`}>
            <Table
              rowKey="indicator"
              pagination={false}
              data-testid="letter-targets-table"
              dataSource={data.targets}
              columns={[
                {
                  title: a.indicator,
                  dataIndex: 'indicator',
                  render: (k: Letter['targets'][number]['indicator']) => INDICATOR_DEFINITIONS[k].label[lang],
                },
                {
                  title: a.target,
                  key: 'target',
                  render: (_: unknown, t) => `${t.ceiling ? a.atMost : a.atLeast} ${pct(t.target)}`,
                },
                {
                  title: a.actual,
                  key: 'actual',
                  render: (_: unknown, t) =>
                    t.denominator === null
                      ? t.numerator
                      : `${pct(t.actual)} (${t.numerator}/${t.denominator})`,
                },
                {
                  title: a.status,
                  dataIndex: 'status',
                  render: (s: Letter['targets'][number]['status']) => <StatusTag status={s} />,
                },
              ]}
            />
            <p style={{ marginTop: 8 }}>
              {a.context}：
              {data.context
                .map((c) => `${INDICATOR_DEFINITIONS[c.indicator].label[lang]} ${pct(c.value)}`)
                .join('；')}
            </p>
          </Panel>
          <Panel title={a.signatories}>
            <Descriptions
              column={1}
              items={[
                { key: 'doc', label: a.docNumber, children: data.docNumber ?? '—' },
                {
                  key: 'bureau',
                  label: a.bureauSignatory,
                  children: `${data.issuerUnitName} ${data.bureauSignatory.title} ${data.bureauSignatory.name}`,
                },
                {
                  key: 'unit',
                  label: a.unitSignatory,
                  children: data.unitSignatory
                    ? `${data.unitName} ${data.unitSignatory.title} ${data.unitSignatory.name}`
                    : a.notSigned,
                },
                { key: 'signed', label: a.signedOn, children: data.signedOn ?? a.notSigned },
                {
                  key: 'body',
                  label: a.body,
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{data.body}</span>,
                },
              ]}
            />
            <a href={`/api/letters/${data.id}/letter.docx`} data-testid="letter-docx">
              {a.docx}
            </a>
          </Panel>
          <Panel title={a.revisions}>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {data.revisions.map((r) => (
                <li key={r.revision}>
                  {a.revision(r.revision)} · {fmtDateTime(r.createdAt, lang)} · {r.createdByName}
                  {r.reason ? ` · ${a.reason}：${r.reason}` : ''} ·{' '}
                  {r.targets.map((t) => `${lbl(INDICATOR_LABELS, t.indicator)} ${pct(t.target)}`).join('、')}
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title={a.history}>
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="letter-history">
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

const INDICATOR_LABELS = Object.fromEntries(
  Object.entries(INDICATOR_DEFINITIONS).map(([k, d]) => [k, d.label]),
) as Record<string, { zh: string; en: string }>;

/** The commands the server allows this user, each with its small form. */
function LetterActions({ letter }: { letter: Letter }) {
  const { m, lang, lbl } = useWorkI18n();
  const a = m.assessment;
  const send = useAssessmentCommand();
  const [open, setOpen] = useState<LetterCommand | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const path = (c: string) => `/api/letters/${letter.id}/${c}`;
  const required = [{ required: true, whitespace: true, message: m.common.required }];
  const issue = async () => {
    setFailure(null);
    try {
      await send.mutateAsync({ path: path('issue'), body: {} });
    } catch (err) {
      setFailure(errorText(err, lang, m));
    }
  };
  const dialog = (c: LetterCommand, children: ReactNode, body: (v: Record<string, string>) => unknown) => (
    <CaseFormModal<Record<string, string>>
      title={lbl(LETTER_COMMAND_LABELS, c)}
      open={open === c}
      onClose={() => setOpen(null)}
      testId={`letter-${c}-dialog`}
      onSubmit={(v) => send.mutateAsync({ path: path(c), body: body(v) })}
    >
      {children}
    </CaseFormModal>
  );
  return (
    <Space wrap>
      {failure && <Alert role="alert" type="error" showIcon title={failure} />}
      {letter.allowedActions.map((c) =>
        c === 'issue' ? (
          <Popconfirm key={c} title={a.confirmIssue} onConfirm={() => void issue()}>
            <Button type="primary" data-testid="letter-issue">
              {lbl(LETTER_COMMAND_LABELS, c)}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            key={c}
            type={c === 'sign' ? 'primary' : 'default'}
            data-testid={`letter-${c}`}
            onClick={() => setOpen(c)}
          >
            {lbl(LETTER_COMMAND_LABELS, c)}
          </Button>
        ),
      )}
      {open === 'sign' &&
        dialog(
          'sign',
          <>
            <Form.Item
              name="signedOn"
              label={a.signedOn}
              rules={[{ required: true, message: m.common.required }]}
            >
              <Input type="date" data-testid="letter-signed-on" />
            </Form.Item>
            <Form.Item name="name" label={`${a.unitSignatory} · ${a.name}`} rules={required}>
              <Input data-testid="unit-signatory-name" maxLength={100} />
            </Form.Item>
            <Form.Item name="title" label={a.jobTitle} rules={required}>
              <Input data-testid="unit-signatory-title" maxLength={100} />
            </Form.Item>
          </>,
          (v) => ({ signedOn: v.signedOn, unitSignatory: { name: v.name!.trim(), title: v.title!.trim() } }),
        )}
      {open === 'amend' && (
        <CaseFormModal<{ reason: string; targets: { indicator: string; percent: number }[] }>
          title={lbl(LETTER_COMMAND_LABELS, 'amend')}
          open
          onClose={() => setOpen(null)}
          testId="letter-amend-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: path('amend'),
              body: { reason: v.reason.trim(), targets: targetsBody(v.targets ?? []) },
            })
          }
        >
          <Form.Item name="reason" label={a.reason} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <AmendTargets letter={letter} />
        </CaseFormModal>
      )}
      {open === 'withdraw' &&
        dialog(
          'withdraw',
          <Form.Item name="reason" label={a.reason} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>,
          (v) => ({ reason: v.reason!.trim() }),
        )}
      {open === 'comment' &&
        dialog(
          'comment',
          <Form.Item name="comment" label={a.comment} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>,
          (v) => ({ comment: v.comment!.trim() }),
        )}
    </Space>
  );
}

/** The amendment's targets start from those in force. */
function AmendTargets({ letter }: { letter: Letter }) {
  const form = Form.useFormInstance();
  useEffect(() => {
    form.setFieldValue(
      'targets',
      letter.targets.map((t) => ({ indicator: t.indicator, percent: Math.round(t.target * 10_000) / 100 })),
    );
  }, [form, letter.targets]);
  return <TargetsField />;
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { errorText } from '../../common/errors.ts';
import { fmtDateTime } from '../../common/format.ts';
import { Panel } from '../../common/Panel.tsx';
import { CaseFormModal } from '../../leadership/CaseFormModal.tsx';
import { useWorkI18n } from '../i18n.ts';
import { assessmentKeys, useAssessmentCommand, type FrozenList } from './common.tsx';

/** The year's frozen scorecards: rank, score, hash; freeze once the year is over, or correct. */
export function FrozenPanel({ year }: { year: number }) {
  const { m, lang } = useWorkI18n();
  const a = m.assessment;
  const send = useAssessmentCommand();
  const [correcting, setCorrecting] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { data, error } = useQuery({
    queryKey: assessmentKeys.frozen(year),
    queryFn: () => api.get<FrozenList>('/api/scorecards/frozen', { year }),
  });
  const hasFirst = (data?.items ?? []).some((f) => f.supersedesId === null);
  const freeze = async () => {
    setFailure(null);
    try {
      await send.mutateAsync({ path: '/api/scorecards/freeze', body: { year } });
    } catch (err) {
      setFailure(errorText(err, lang, m));
    }
  };
  return (
    <Panel title={`${a.frozenTitle} · ${year}`}>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="frozen-panel">
        {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
        {failure && <Alert role="alert" type="error" showIcon title={failure} />}
        {data?.canFreeze && !hasFirst && (
          <Popconfirm title={a.freezeConfirm} onConfirm={() => void freeze()}>
            <Button data-testid="freeze-scorecard">{a.freeze}</Button>
          </Popconfirm>
        )}
        {data && data.items.length === 0 && <p style={{ margin: 0 }}>{a.noFrozen}</p>}
        {(data?.items ?? []).map((f) => (
          <div
            key={f.id}
            data-testid="frozen-scorecard"
            style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}
          >
            <Space wrap size={8}>
              <strong>
                #{f.id} {f.region.name}
              </strong>
              <span>
                {a.frozenAt} {fmtDateTime(f.frozenAt, lang)} · {f.frozenByName}
              </span>
              <Tag color={f.intact ? 'green' : 'red'}>{f.intact ? a.intact : a.broken}</Tag>
              {f.supersedesId !== null && <Tag>{a.correctionOf(f.supersedesId)}</Tag>}
              {f.supersededById !== null && <Tag color="orange">{a.supersededBy(f.supersededById)}</Tag>}
              {data?.canFreeze && f.supersededById === null && (
                <Button size="small" onClick={() => setCorrecting(f.id)}>
                  {a.correct}
                </Button>
              )}
            </Space>
            <div style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
              {a.hash} {f.sha256}
            </div>
            {f.reason && (
              <div>
                {a.reason}：{f.reason}
              </div>
            )}
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={f.rows}
              columns={[
                { title: a.rank, key: 'rank', render: (_: unknown, r) => `${r.rank} / ${r.peers}` },
                { title: a.unit, dataIndex: 'unitName' },
                { title: a.score, dataIndex: 'score', render: (s: number | null) => s ?? '—' },
              ]}
            />
          </div>
        ))}
      </Space>
      {correcting !== null && (
        <CaseFormModal<{ reason: string }>
          title={a.correctTitle}
          open
          onClose={() => setCorrecting(null)}
          testId="correct-scorecard-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/scorecards/${correcting}/corrections`,
              body: { reason: v.reason.trim() },
            })
          }
        >
          <Form.Item
            name="reason"
            label={a.reason}
            rules={[{ required: true, whitespace: true, message: m.common.required }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </CaseFormModal>
      )}
    </Panel>
  );
}

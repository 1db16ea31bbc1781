import { useQuery } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, InputNumber, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Unit } from '../../../src/shared/api.schema.ts';
import { UNIT_LEVEL_LABELS } from '../../../src/shared/labels.ts';
import { INDICATOR_DEFINITIONS } from '../../../src/shared/stats-definitions.ts';
import {
  RATE_INDICATORS,
  type RateIndicator,
  type ScorecardWeights,
  type UnitTargets,
} from '../../../src/shared/stats.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { AdminSection } from './AdminSection.tsx';
import { EditDialog } from './EditDialog.tsx';
import { useList } from './useList.ts';

/** A ratio as the form shows it: per cent, two decimals at most (95.25 for 0.9525). */
const toPercent = (ratio: number) => Math.round(ratio * 10_000) / 100;
/** Per cent back to the ratio the API stores (four decimals). */
const toRatio = (percent: number) => Math.round(percent * 100) / 10_000;

interface TargetRow {
  unit: Unit;
  targets: UnitTargets['targets'];
}

/**
 * 考核目标与权重: each unit's targets for a year (what its responsibility letter promises) and the
 * scorecard's weights. The scorecards of the statistics page read both.
 */
export function ScorecardAdmin() {
  const { m, lang, lbl } = useWorkbenchI18n();
  const thisYear = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
  );
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<TargetRow | null>(null);
  const [editingWeights, setEditingWeights] = useState(false);
  const units = useQuery({
    queryKey: keys.units,
    queryFn: () => api.get<{ items: Unit[] }>('/api/units').then((r) => r.items),
  });
  const targets = useList<UnitTargets>('/api/admin/unit-targets', { year: String(year) });
  const weights = useQuery({
    queryKey: keys.list('/api/admin/scorecard-weights'),
    queryFn: () => api.get<ScorecardWeights>('/api/admin/scorecard-weights'),
  });
  const byUnit = new Map(targets.items.map((t) => [t.unitId, t.targets]));
  const rows: TargetRow[] = (units.data ?? [])
    .filter((u) => u.active)
    .map((unit) => ({ unit, targets: byUnit.get(unit.id) ?? {} }));
  const label = (k: RateIndicator) => INDICATOR_DEFINITIONS[k].label[lang];
  const w = weights.data;
  return (
    <>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {m.admin.scorecard.intro}
        </Typography.Paragraph>
        <Space wrap align="center" data-testid="scorecard-weights">
          <Typography.Text strong>{m.admin.scorecard.weights}</Typography.Text>
          <Typography.Text>
            {w
              ? [
                  ...RATE_INDICATORS.filter((k) => w.weights[k] !== undefined).map(
                    (k) => `${label(k)} ×${w.weights[k]}`,
                  ),
                  m.admin.scorecard.penaltyOf(w.repeatPenalty),
                  ...(w.cardPenalty > 0 ? [m.admin.scorecard.cardPenaltyOf(w.cardPenalty)] : []),
                ].join('；')
              : '…'}
          </Typography.Text>
          <Button size="small" onClick={() => setEditingWeights(true)} disabled={!w}>
            {m.common.edit}
          </Button>
        </Space>
        <Form layout="inline">
          <Form.Item label={m.admin.scorecard.year} htmlFor="targets-year">
            <DatePicker
              id="targets-year"
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => d && setYear(d.year())}
            />
          </Form.Item>
        </Form>
      </Space>
      <AdminSection
        rows={rows}
        loading={units.isFetching || targets.loading}
        error={units.error ?? targets.error}
        rowKey={(r: TargetRow) => String(r.unit.id)}
        columns={[
          { title: m.admin.scorecard.unit, key: 'unit', render: (_: unknown, r: TargetRow) => r.unit.name },
          {
            title: m.admin.scorecard.level,
            key: 'level',
            render: (_: unknown, r: TargetRow) => lbl(UNIT_LEVEL_LABELS, r.unit.level),
          },
          ...RATE_INDICATORS.map((k) => ({
            title: label(k),
            key: k,
            align: 'right' as const,
            render: (_: unknown, r: TargetRow) =>
              r.targets[k] === undefined ? '—' : `${toPercent(r.targets[k])}%`,
          })),
          {
            title: '',
            key: 'edit',
            width: 80,
            render: (_: unknown, r: TargetRow) => (
              <Button
                size="small"
                onClick={() => setEditing(r)}
                aria-label={m.admin.scorecard.editOf(r.unit.name)}
              >
                {m.common.edit}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <EditDialog
          title={m.admin.scorecard.targetsOf(editing.unit.name, year)}
          method="PUT"
          endpoint={`/api/admin/unit-targets/${editing.unit.id}/${year}`}
          initial={Object.fromEntries(Object.entries(editing.targets).map(([k, v]) => [k, toPercent(v)]))}
          // Every rate is sent: a number sets its target, an empty field clears it.
          transform={(v) => ({
            targets: Object.fromEntries(
              RATE_INDICATORS.map((k) => [k, typeof v[k] === 'number' ? toRatio(v[k]) : null]),
            ),
          })}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void targets.reload();
          }}
        >
          {RATE_INDICATORS.map((k) => (
            <Form.Item key={k} name={k} label={`${label(k)}（%）`}>
              <InputNumber min={0} max={100} step={0.5} precision={2} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </EditDialog>
      )}
      {editingWeights && w && (
        <EditDialog
          title={m.admin.scorecard.weights}
          method="PUT"
          endpoint="/api/admin/scorecard-weights"
          initial={{ ...w.weights, repeatPenalty: w.repeatPenalty, cardPenalty: w.cardPenalty }}
          // A rate left empty is not scored.
          transform={(v) => ({
            weights: Object.fromEntries(
              RATE_INDICATORS.filter((k) => typeof v[k] === 'number').map((k) => [k, v[k]]),
            ),
            repeatPenalty: typeof v.repeatPenalty === 'number' ? v.repeatPenalty : 0,
            cardPenalty: typeof v.cardPenalty === 'number' ? v.cardPenalty : 0,
          })}
          onClose={() => setEditingWeights(false)}
          onSaved={() => {
            setEditingWeights(false);
            void weights.refetch();
          }}
        >
          {/* Ten rates and two deductions: two columns keep the form within one screen. */}
          <Row gutter={16}>
            {RATE_INDICATORS.map((k) => (
              <Col span={12} key={k}>
                <Form.Item name={k} label={m.admin.scorecard.weightOf(label(k))}>
                  <InputNumber min={0} max={100} style={{ width: 140 }} />
                </Form.Item>
              </Col>
            ))}
            <Col span={12}>
              <Form.Item name="repeatPenalty" label={m.admin.scorecard.penalty}>
                <InputNumber min={0} max={100} style={{ width: 140 }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="cardPenalty" label={m.admin.scorecard.cardPenalty}>
                <InputNumber min={0} max={100} style={{ width: 140 }} />
              </Form.Item>
            </Col>
          </Row>
        </EditDialog>
      )}
    </>
  );
}

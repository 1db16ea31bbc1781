import { Descriptions } from 'antd';
import { DECISION_KIND_LABELS, OUTCOME_LABELS, RATING_LABELS } from '../../../src/shared/labels.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function DecisionsPanel({ matter }: { matter: MatterDetail }) {
  const { m, lang, lbl } = useI18n();
  if (matter.decisions.length === 0 && matter.ratings.length === 0) return null;
  return (
    <Panel title={m.matter.decisions} testId="decisions">
      {matter.decisions.map((d) => (
        <Descriptions
          key={d.id}
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 12 }}
          title={`${lbl(DECISION_KIND_LABELS, d.kind)} · ${fmtDateTime(d.decidedAt, lang)}`}
        >
          <Descriptions.Item label={m.actions.outcome}>{lbl(OUTCOME_LABELS, d.outcome)}</Descriptions.Item>
          <Descriptions.Item label={m.matter.facts}>
            <span className="ms-pre">{d.facts}</span>
          </Descriptions.Item>
          <Descriptions.Item label={m.matter.legalBasis}>
            <span className="ms-pre">{d.legalBasis}</span>
          </Descriptions.Item>
          {d.body ? (
            <Descriptions.Item label={m.matter.body}>
              <span className="ms-pre">{d.body}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ))}
      {matter.ratings.map((r, i) => (
        <p key={i} style={{ margin: 0 }}>
          <strong>{m.common.labelled(m.matter.ratings, '')}</strong>
          {lbl(RATING_LABELS, r.rating)}
          {r.comment ? m.common.paren(r.comment) : ''} · {fmtDateTime(r.ratedAt, lang)}
        </p>
      ))}
    </Panel>
  );
}

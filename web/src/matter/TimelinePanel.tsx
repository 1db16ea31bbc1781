import { Tag, Timeline } from 'antd';
import { OUTCOME_LABELS, RATING_LABELS } from '../../../src/shared/labels.ts';
import type { TimelineEntry } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';

const SHOWN_KEYS = [
  'unitName',
  'leadUnitName',
  'note',
  'reason',
  'explanation',
  'lawfulChannelZh',
  'days',
  'newDueDate',
  'handlingDueDate',
  'dueDate',
  'acceptanceDueDate',
  'rating',
  'comment',
  'filename',
  'intoCaseNumber',
  'outcome',
];

// Enumerated values in the payload are shown by their label.
const VALUE_LABELS: Record<string, Record<string, { zh: string; en: string }>> = {
  outcome: OUTCOME_LABELS,
  rating: RATING_LABELS,
};

function summary(
  p: Record<string, unknown> | null,
  labels: Record<string, string>,
  lbl: (l: Record<string, { zh: string; en: string }>, k: string) => string,
): string[] {
  if (!p) return [];
  return SHOWN_KEYS.filter(
    (k) =>
      p[k] !== undefined &&
      p[k] !== null &&
      p[k] !== '' &&
      (typeof p[k] === 'string' || typeof p[k] === 'number'),
  ).map((k) => {
    const v = String(p[k]);
    const table = VALUE_LABELS[k];
    return `${labels[k] ?? k}：${table ? lbl(table, v) : v}`;
  });
}

/** Every event of the matter: decisions, notes, attachments, deadlines; public ones are marked. */
export function TimelinePanel({ entries }: { entries: TimelineEntry[] }) {
  const { m, lang, lbl } = useI18n();
  return (
    <Panel title={m.matter.timeline} testId="timeline">
      <Timeline
        items={entries.map((e) => ({
          key: e.seq,
          color: e.kind.includes('overdue')
            ? 'red'
            : e.kind.includes('warn')
              ? 'orange'
              : e.public
                ? 'blue'
                : 'gray',
          content: (
            <div>
              <div>
                <strong>{m.events[e.kind] ?? e.kind}</strong>{' '}
                <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
                  {fmtDateTime(e.at, lang)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                  {e.unitName ? ` · ${e.unitName}` : ''}
                </span>{' '}
                {e.public && <Tag color="blue">{m.matter.public}</Tag>}
              </div>
              {summary(e.payload, m.payload, lbl).map((s, i) => (
                <div key={i} className="ms-pre" style={{ fontSize: 14 }}>
                  {s}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Panel>
  );
}

import { Tag, Timeline } from 'antd';
import {
  CLOSE_REASON_LABELS,
  DEADLINE_KIND_LABELS,
  EVENT_LABELS,
  LAWFUL_CHANNEL_LABELS,
  NOT_ACCEPTED_REASON_LABELS,
  OUTCOME_LABELS,
  RATING_LABELS,
  type Labels,
} from '../../../src/shared/labels.ts';
import {
  CARD_LEVEL_LABELS,
  CASE_EVENT_LABELS,
  FOLLOW_UP_METHOD_LABELS,
  FOLLOW_UP_RESULT_LABELS,
} from '../../../src/shared/case-labels.ts';
import type { TimelineEntry } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { UnitName } from '../common/UnitName.tsx';
import { useI18n } from '../i18n/i18n.tsx';

const SHOWN_KEYS = [
  'problem',
  'title',
  'progress',
  'reply',
  'body',
  'demand',
  'level',
  'answer',
  'answerBy',
  'method',
  'solved',
  'opinion',
  'unitName',
  'leadUnitName',
  'note',
  'reason',
  'explanation',
  'lawfulChannel',
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

/** The matter's own events and those of the cases on it (instructions …). */
const TIMELINE_LABELS: Labels<string> = { ...EVENT_LABELS, ...CASE_EVENT_LABELS };

type Lbl = (labels: Labels<string>, key: string) => string;

/**
 * Enumerated values in the payload are shown by their label. `reason` is a code only where the
 * command chose it from a list (不予受理, 办结); elsewhere it is the staff member's own words.
 */
function valueLabels(eventKind: string, key: string): Labels<string> | undefined {
  if (key === 'outcome') return OUTCOME_LABELS;
  if (key === 'level') return CARD_LEVEL_LABELS;
  if (key === 'method') return FOLLOW_UP_METHOD_LABELS;
  if (key === 'solved') return FOLLOW_UP_RESULT_LABELS;
  if (key === 'rating') return RATING_LABELS;
  if (key === 'lawfulChannel') return LAWFUL_CHANNEL_LABELS;
  if (key === 'reason' && eventKind === 'not_accepted') return NOT_ACCEPTED_REASON_LABELS;
  if (key === 'reason' && eventKind === 'closed') return CLOSE_REASON_LABELS;
  return undefined;
}

function summary(
  e: TimelineEntry,
  names: Record<string, string>,
  labelled: (label: string, value: string) => string,
  lbl: Lbl,
): string[] {
  const p = e.payload;
  if (!p) return [];
  const lines: string[] = [];
  // A warning or overdue mark says which deadline it is about.
  if ((e.kind === 'deadline_warning' || e.kind === 'deadline_overdue') && typeof p.kind === 'string') {
    lines.push(lbl(DEADLINE_KIND_LABELS, p.kind));
  }
  for (const k of SHOWN_KEYS) {
    const v = p[k];
    if (v === undefined || v === null || v === '' || (typeof v !== 'string' && typeof v !== 'number'))
      continue;
    const table = valueLabels(e.kind, k);
    lines.push(labelled(names[k] ?? k, table ? lbl(table, String(v)) : String(v)));
  }
  return lines;
}

/** Every event of the matter: decisions, notes, attachments, deadlines; public ones are marked. */
export function TimelinePanel({ entries }: { entries: TimelineEntry[] }) {
  const { m, lang, lbl } = useI18n();
  return (
    <Panel title={m.matter.timeline} testId="timeline">
      <Timeline
        items={entries.map((e) => ({
          key: `${e.caseId ?? 'm'}-${e.seq}`,
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
                <strong>{lbl(TIMELINE_LABELS, e.kind)}</strong>{' '}
                <span style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>
                  {fmtDateTime(e.at, lang)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                  {e.unitName ? ' · ' : ''}
                  <UnitName name={e.unitName} />
                </span>{' '}
                {e.public && <Tag color="blue">{m.matter.public}</Tag>}
              </div>
              {summary(e, m.payload, m.common.labelled, lbl).map((s, i) => (
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

import { Tag, Tooltip } from 'antd';
import { DEADLINE_KIND_LABELS } from '../../../src/shared/labels.ts';
import type { Badge } from '../../../src/shared/api.schema.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { daysUntil } from './format.ts';

const COLOR: Record<Badge, string> = { on_time: 'green', warning: 'gold', overdue: 'red' };
const SYMBOL: Record<Badge, string> = { on_time: '●', warning: '▲', overdue: '■' };

/** On time / warning / overdue, with the due date and days left on hover (and for screen readers). */
export function DeadlineBadge({
  badge,
  dueDate,
  daysLeft,
  kind,
}: {
  badge: Badge;
  dueDate: string;
  daysLeft?: number;
  kind?: string;
}) {
  const { m, lbl } = useI18n();
  const left = daysLeft ?? daysUntil(dueDate);
  const detail = `${kind ? `${lbl(DEADLINE_KIND_LABELS, kind)} · ` : ''}${m.deadline.dueOn(dueDate)} · ${m.deadline.daysLeft(left)}`;
  return (
    <Tooltip title={detail}>
      <Tag
        color={COLOR[badge]}
        tabIndex={0}
        aria-label={m.common.labelled(m.deadline[badge], detail)}
        data-testid="deadline-badge"
        data-badge={badge}
      >
        <span aria-hidden>{SYMBOL[badge]} </span>
        {m.deadline[badge]}
      </Tag>
    </Tooltip>
  );
}

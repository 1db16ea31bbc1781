import { Tag } from 'antd';
import { STATE_LABELS } from '../../../src/shared/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';

const COLORS: Record<string, string> = {
  registered: 'default',
  accepted: 'blue',
  in_handling: 'processing',
  replied: 'cyan',
  evaluated: 'green',
  review_requested: 'orange',
  reviewed: 'geekblue',
  recheck_requested: 'orange',
  rechecked: 'geekblue',
  closed: 'success',
  concluded: 'success',
  forwarded: 'purple',
  handed_down: 'purple',
  not_accepted: 'magenta',
  merged: 'default',
};

export function StateTag({ state }: { state: string }) {
  const { lbl } = useI18n();
  return (
    <Tag color={COLORS[state] ?? 'default'} data-testid="state-tag" data-state={state}>
      {lbl(STATE_LABELS, state)}
    </Tag>
  );
}

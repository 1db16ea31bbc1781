import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Space, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { InstructionCard } from './InstructionCard.tsx';
import { OwnershipsList, type OwnershipView } from './OwnershipsList.tsx';
import type { InstructionList } from './types.ts';

/**
 * The leader's workbench: their instructions (answered / open / overdue) and owned cases (progress,
 * overdue steps, resolution rate); a unit's list of the instructions it must answer and the owned
 * cases it works on; the cases a bureau set up for its leaders.
 */
export function InstructionsPage() {
  const { m, lang } = useWorkbenchI18n();
  const { hasRole } = useSession();
  type View = 'mine' | 'toMyUnit' | `ownership-${OwnershipView}`;
  const [view, setView] = useState<View>(
    hasRole('leader') ? 'mine' : hasRole('supervisor') ? 'ownership-opened' : 'toMyUnit',
  );
  const instructionView = view === 'mine' || view === 'toMyUnit' ? view : null;
  const [overdue, setOverdue] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: keys.instructionList(`${instructionView ?? 'none'}:${overdue}`),
    queryFn: () =>
      api.get<InstructionList>('/api/instructions', {
        view: instructionView!,
        ...(overdue ? { overdue: 'true' } : {}),
      }),
    enabled: instructionView !== null,
  });
  const views: { key: View; label: string; show: boolean }[] = [
    { key: 'mine', label: m.instructions.myTitle, show: hasRole('leader') },
    { key: 'toMyUnit', label: m.instructions.toUnitTitle, show: hasRole('officer', 'unit_head', 'leader') },
    { key: 'ownership-mine', label: m.ownership.mine, show: hasRole('leader') },
    {
      key: 'ownership-team',
      label: m.ownership.team,
      show: hasRole('officer', 'unit_head', 'leader', 'supervisor'),
    },
    { key: 'ownership-opened', label: m.ownership.opened, show: hasRole('supervisor', 'unit_head') },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 style={{ fontSize: 22, margin: 0 }}>{m.nav.instructions}</h1>
      <Space data-testid="instruction-view" wrap>
        {views
          .filter((v) => v.show)
          .map((v) => (
            <Button key={v.key} type={view === v.key ? 'primary' : 'default'} onClick={() => setView(v.key)}>
              {v.label}
            </Button>
          ))}
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="overdue-only">
          {m.instructions.overdueOnly}
        </Checkbox>
      </Space>
      {instructionView === null ? (
        <OwnershipsList view={view.replace('ownership-', '') as OwnershipView} overdue={overdue} />
      ) : (
        <Panel
          title={view === 'mine' ? m.instructions.myTitle : m.instructions.toUnitTitle}
          extra={
            data && (
              <span data-testid="instruction-counts">
                {m.instructions.counts(data.counts.open, data.counts.answered, data.counts.overdue)}
              </span>
            )
          }
        >
          {error && <Alert role="alert" type="error" showIcon title={errorText(error, lang, m)} />}
          {isPending && <Spin />}
          {data?.items.length === 0 && <p style={{ margin: 0 }}>{m.instructions.empty}</p>}
          {data?.items.map((i) => (
            <InstructionCard key={i.id} instruction={i} showMatter />
          ))}
        </Panel>
      )}
    </Space>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { InstructionCard } from './InstructionCard.tsx';
import type { InstructionList } from './types.ts';

/**
 * The leader's workbench of instructions (mine: answered / open / overdue) and a unit's list of
 * the instructions it must answer.
 */
export function InstructionsPage() {
  const { m, lang } = useWorkbenchI18n();
  const { hasRole } = useSession();
  const [view, setView] = useState<'mine' | 'toMyUnit'>(hasRole('leader') ? 'mine' : 'toMyUnit');
  const { data, error, isPending } = useQuery({
    queryKey: keys.instructionList(view),
    queryFn: () => api.get<InstructionList>('/api/instructions', { view }),
  });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <h1 style={{ fontSize: 22, margin: 0 }}>{m.instructions.title}</h1>
      <Space data-testid="instruction-view">
        {hasRole('leader') && (
          <Button type={view === 'mine' ? 'primary' : 'default'} onClick={() => setView('mine')}>
            {m.instructions.myTitle}
          </Button>
        )}
        <Button type={view === 'toMyUnit' ? 'primary' : 'default'} onClick={() => setView('toMyUnit')}>
          {m.instructions.toUnitTitle}
        </Button>
      </Space>
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
    </Space>
  );
}

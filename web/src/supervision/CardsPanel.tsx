import { useQuery } from '@tanstack/react-query';
import { Button, Form } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { CaseFormModal } from '../leadership/CaseFormModal.tsx';
import type { Card } from '../leadership/types.ts';
import { useCaseCommand } from '../leadership/useCaseCommand.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { CardFields, cardBody, type CardFieldValues } from './CardFields.tsx';
import { CardItem } from './CardItem.tsx';

interface IssueForm extends CardFieldValues {
  unitId?: number;
}

/** The matter page's 督办单 panel: every card on the matter, and a supervisor's form to issue one. */
export function CardsPanel({ matterId }: { matterId: number }) {
  const { m } = useWorkbenchI18n();
  const [issuing, setIssuing] = useState(false);
  const send = useCaseCommand(matterId);
  const data = useQuery({
    queryKey: keys.matterCards(matterId),
    queryFn: () => api.get<{ items: Card[]; canIssue: boolean }>(`/api/matters/${matterId}/cards`),
  }).data;
  const items = data?.items ?? [];
  if (items.length === 0 && !data?.canIssue) return null;
  return (
    <Panel
      title={m.cards.title}
      testId="cards-panel"
      extra={
        data?.canIssue && (
          <Button size="small" type="primary" onClick={() => setIssuing(true)} data-testid="issue-card">
            {m.cards.issue}
          </Button>
        )
      }
    >
      {items.length === 0 && <p style={{ margin: 0, color: 'rgba(0,0,0,0.65)' }}>{m.cards.none}</p>}
      {items.map((c) => (
        <CardItem key={c.id} card={c} />
      ))}
      {issuing && (
        <CaseFormModal<IssueForm>
          title={m.cards.issueTitle}
          open
          onClose={() => setIssuing(false)}
          testId="issue-card-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/matters/${matterId}/cards`,
              body: {
                ...cardBody(v),
                ...(v.unitId ? { unitId: v.unitId } : {}),
              },
            })
          }
        >
          <CardFields />
          <Form.Item name="unitId" label={m.cards.unit}>
            <UnitSelect />
          </Form.Item>
        </CaseFormModal>
      )}
    </Panel>
  );
}

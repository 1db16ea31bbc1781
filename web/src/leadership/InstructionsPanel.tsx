import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { INSTRUCTION_LIMITS } from '../../../src/shared/leadership.schema.ts';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { Panel } from '../common/Panel.tsx';
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { UnitSelect } from '../matter/UnitSelect.tsx';
import { CaseFormModal } from './CaseFormModal.tsx';
import { InstructionCard } from './InstructionCard.tsx';
import type { Instruction } from './types.ts';
import { useCaseCommand } from './useCaseCommand.ts';

interface IssueForm {
  body: string;
  unitIds: number[];
  answerBy?: string;
}

/** The matter page's 领导批示 panel: every instruction on the matter, and a leader's form to write one. */
export function InstructionsPanel({
  matterId,
  defaultUnitId,
}: {
  matterId: number;
  defaultUnitId: number | null;
}) {
  const { m } = useWorkbenchI18n();
  const [issuing, setIssuing] = useState(false);
  const send = useCaseCommand(matterId);
  const data = useQuery({
    queryKey: keys.matterInstructions(matterId),
    queryFn: () =>
      api.get<{ items: Instruction[]; canIssue: boolean }>(`/api/matters/${matterId}/instructions`),
  }).data;
  const items = data?.items ?? [];
  return (
    <Panel
      title={m.instructions.title}
      testId="instructions-panel"
      extra={
        data?.canIssue && (
          <Button
            size="small"
            type="primary"
            onClick={() => setIssuing(true)}
            data-testid="issue-instruction"
          >
            {m.instructions.issue}
          </Button>
        )
      }
    >
      {items.length === 0 && <p style={{ margin: 0, color: 'rgba(0,0,0,0.65)' }}>{m.instructions.none}</p>}
      {items.map((i) => (
        <InstructionCard key={i.id} instruction={i} />
      ))}
      {issuing && (
        <CaseFormModal<IssueForm>
          title={m.instructions.issueTitle}
          open
          onClose={() => setIssuing(false)}
          testId="issue-instruction-dialog"
          onSubmit={(v) =>
            send.mutateAsync({
              path: `/api/matters/${matterId}/instructions`,
              body: {
                body: v.body.trim(),
                unitIds: v.unitIds,
                ...(v.answerBy ? { answerBy: v.answerBy } : {}),
              },
            })
          }
        >
          <Form.Item
            name="body"
            label={m.instructions.body}
            rules={[{ required: true, whitespace: true, message: m.common.required }]}
          >
            <Input.TextArea rows={4} maxLength={INSTRUCTION_LIMITS.bodyMax} showCount />
          </Form.Item>
          <Form.Item
            name="unitIds"
            label={m.instructions.units}
            initialValue={defaultUnitId ? [defaultUnitId] : []}
            rules={[{ required: true, message: m.common.required }]}
          >
            <UnitSelect multiple />
          </Form.Item>
          <Form.Item name="answerBy" label={m.instructions.answerBy}>
            <Input type="date" data-testid="instruction-answer-by" />
          </Form.Item>
        </CaseFormModal>
      )}
    </Panel>
  );
}

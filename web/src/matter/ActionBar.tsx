import { Button, Space } from 'antd';
import { useState } from 'react';
import { COMMAND_LABELS } from '../../../src/shared/labels.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { DANGER, PRIMARY } from './commands.ts';

/** Exactly the commands the server lists in allowedActions for this user and state; nothing else. */
export function ActionBar({ matter, onDone }: { matter: MatterDetail; onDone: (action: string) => void }) {
  const { m, lbl } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div role="group" aria-label={m.matter.actions} data-testid="action-bar">
      {matter.allowedActions.length === 0 ? (
        <span style={{ color: 'rgba(0,0,0,0.65)' }}>{m.matter.noActions}</span>
      ) : (
        <Space wrap>
          {matter.allowedActions.map((a) => (
            <Button
              key={a}
              type={PRIMARY.has(a) ? 'primary' : 'default'}
              danger={DANGER.has(a)}
              onClick={() => setOpen(a)}
              data-action={a}
            >
              {lbl(COMMAND_LABELS, a)}
            </Button>
          ))}
        </Space>
      )}
      {open && (
        <ActionDialog
          action={open}
          matter={matter}
          onClose={() => setOpen(null)}
          onDone={() => {
            const a = open;
            setOpen(null);
            onDone(a);
          }}
        />
      )}
    </div>
  );
}

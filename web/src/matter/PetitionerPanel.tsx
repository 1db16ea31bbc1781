import { Alert, App, Button, Descriptions, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { PetitionerHistory } from './PetitionerHistory.tsx';
import type { UnmaskedPetitioner } from '../../../src/shared/api.schema.ts';

type Unmasked = UnmaskedPetitioner;

/** Petitioners, masked; a role that needs the full numbers unmasks one explicitly (and it is logged). */
export function PetitionerPanel({ matter }: { matter: MatterDetail }) {
  const { m, lang } = useI18n();
  const { hasRole } = useSession();
  const { modal } = App.useApp();
  const [full, setFull] = useState<Record<number, Unmasked>>({});
  const [error, setError] = useState<string | null>(null);
  const mayUnmask = hasRole('registrar', 'officer', 'unit_head', 'leader');

  const unmask = (pid: number) => {
    modal.confirm({
      title: m.matter.unmask,
      content: m.matter.unmaskConfirm,
      okText: m.common.confirm,
      cancelText: m.common.cancel,
      onOk: async () => {
        try {
          const r = await api.post<Unmasked>(`/api/matters/${matter.id}/petitioners/${pid}/unmask`);
          setFull((f) => ({ ...f, [pid]: r }));
        } catch (e) {
          setError(errorText(e, lang, m));
        }
      },
    });
  };

  return (
    <Panel title={`${m.matter.petitioners} (${matter.petitioners.length})`} testId="petitioners">
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 8 }} />}
      {matter.petitioners.map((p) => {
        const f = full[p.id];
        return (
          <Descriptions
            key={p.id}
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            title={
              <span>
                {p.name} {p.isRepresentative && <Tag color="volcano">{m.matter.representative}</Tag>}
              </span>
            }
            extra={
              mayUnmask && !f ? (
                <Button size="small" onClick={() => unmask(p.id)}>
                  {m.matter.unmask}
                </Button>
              ) : f ? (
                <Tag color="orange">{m.matter.unmasked}</Tag>
              ) : null
            }
          >
            <Descriptions.Item label={m.matter.idNumber}>
              {(f ? f.idNumber : p.idNumber) ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={m.matter.phone}>{(f ? f.phone : p.phone) ?? '—'}</Descriptions.Item>
            {p.address && <Descriptions.Item label={m.matter.address}>{p.address}</Descriptions.Item>}
            <Descriptions.Item label={m.matter.history}>
              <PetitionerHistory petitionerId={p.id} currentId={matter.id} />
            </Descriptions.Item>
          </Descriptions>
        );
      })}
    </Panel>
  );
}

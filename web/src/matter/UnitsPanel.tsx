import { List, Tag } from 'antd';
import { UNIT_ROLE_LABELS } from '../../../src/shared/labels.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { UnitName } from '../common/UnitName.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function UnitsPanel({ matter }: { matter: MatterDetail }) {
  const { m, lang, lbl } = useI18n();
  if (matter.units.length === 0) return null;
  return (
    <Panel title={m.matter.units}>
      <List
        size="small"
        dataSource={matter.units}
        renderItem={(u) => (
          <List.Item>
            <div>
              <Tag color={u.role === 'lead' ? 'red' : 'default'}>{lbl(UNIT_ROLE_LABELS, u.role)}</Tag>{' '}
              <UnitName name={u.name} />
              <div style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
                {u.releasedAt
                  ? `${m.matter.released} ${fmtDateTime(u.releasedAt, lang)}`
                  : u.signedAt
                    ? `${m.matter.signedAt} ${fmtDateTime(u.signedAt, lang)}`
                    : m.matter.notSigned}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Panel>
  );
}

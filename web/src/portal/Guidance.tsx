import { Alert, Typography } from 'antd';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** What makes a complete petition, and which matters belong to courts, arbitration or review (诉访分离). */
export function Guidance() {
  const { m } = useI18n();
  return (
    <Panel title={m.portal.guidanceTitle} style={{ marginBottom: 16 }}>
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {m.portal.guidance.map((g) => (
          <li key={g}>
            <Typography.Text>{g}</Typography.Text>
          </li>
        ))}
      </ol>
      {/* Standing advice, not news: role=note keeps screen readers from announcing it like an error. */}
      <Alert
        role="note"
        style={{ marginTop: 12 }}
        type="warning"
        showIcon
        title={m.portal.lawfulTitle}
        description={m.portal.lawfulBody}
      />
    </Panel>
  );
}

import { Alert, List } from 'antd';
import { useState } from 'react';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../common/errors.ts';
import { FilePicker } from '../common/FilePicker.tsx';
import { fmtBytes, fmtDateTime } from '../common/format.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMatterUpload } from './useMatterCommand.ts';

export function AttachmentsPanel({ matter }: { matter: MatterDetail }) {
  const { m, lang } = useI18n();
  const { hasRole } = useSession();
  const [error, setError] = useState<string | null>(null);
  const mayUpload = hasRole('registrar', 'officer', 'unit_head', 'leader');
  const uploadOne = useMatterUpload(matter.id);

  const upload = async (files: File[]) => {
    setError(null);
    for (const f of files) {
      try {
        await uploadOne.mutateAsync(f);
      } catch (e) {
        setError(m.common.labelled(m.register.uploadFailed(f.name), errorText(e, lang, m)));
      }
    }
  };

  return (
    <Panel title={m.matter.attachments}>
      {matter.attachments.length === 0 ? (
        <p style={{ color: 'rgba(0,0,0,0.65)' }}>{m.matter.noAttachments}</p>
      ) : (
        <List
          size="small"
          dataSource={matter.attachments}
          renderItem={(a) => (
            <List.Item>
              <a href={`/api/matters/${matter.id}/attachments/${a.id}`} download={a.filename}>
                {a.filename}
              </a>
              <span style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)' }}>
                {fmtBytes(a.size_bytes)} · {fmtDateTime(a.uploaded_at, lang)}
              </span>
            </List.Item>
          )}
        />
      )}
      {error && <Alert role="alert" type="error" title={error} style={{ margin: '8px 0' }} />}
      {mayUpload && <FilePicker files={[]} onChange={(f) => void upload(f)} label={m.matter.upload} />}
    </Panel>
  );
}

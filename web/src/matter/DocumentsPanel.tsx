import { Link } from '@tanstack/react-router';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { NOTICE_KINDS, type NoticeKind } from '../../../src/documents/notice-content.ts';
import { noticeDataFromMatter } from '../../../src/documents/from-matter.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';
import { Panel } from '../common/Panel.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** The notices this matter has by now: printable page and Word document each. */
export function DocumentsPanel({ matter }: { matter: MatterDetail }) {
  const { m } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const available = NOTICE_KINDS.map((k) => [k, noticeDataFromMatter(k, matter)] as const).filter(
    ([, d]) => d !== null,
  );
  if (available.length === 0) return null;
  const download = async (k: NoticeKind) => {
    const data = noticeDataFromMatter(k, matter);
    if (!data) return;
    setBusy(k);
    try {
      const { downloadNoticeDocx } = await import('../documents/download-docx.ts');
      await downloadNoticeDocx(k, data);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Panel title={m.matter.documents} testId="documents">
      {available.map(([k]) => (
        <div
          key={k}
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            padding: '4px 0',
            flexWrap: 'wrap',
            gap: 8,
          }}
        >
          <span>{m.documents.kinds[k]}</span>
          <Space size="small">
            <Link to="/matters/$id/documents/$kind" params={{ id: String(matter.id), kind: k }}>
              {m.matter.printable}
            </Link>
            <Button size="small" loading={busy === k} onClick={() => void download(k)}>
              {m.matter.docx}
            </Button>
          </Space>
        </div>
      ))}
    </Panel>
  );
}

import { useNavigate, useParams } from '@tanstack/react-router';
import { Alert, Button, Result, Space, Spin } from 'antd';
import { useState } from 'react';
import { NOTICE_KINDS, type NoticeKind } from '../../../src/documents/notice-content.ts';
import { noticeDataFromMatter } from '../../../src/documents/from-matter.ts';
import { errorText } from '../common/errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMatter } from '../matter/useMatter.ts';
import { NoticeView } from './NoticeView.tsx';

export function DocumentRoute() {
  const { id, kind } = useParams({ from: '/matters/$id/documents/$kind' });
  return <DocumentPage matterId={Number(id)} kind={kind} />;
}

/** The printable notice: the page prints as the document alone. */
export function DocumentPage({ matterId, kind }: { matterId: number; kind: string }) {
  const { m, lang } = useI18n();
  const navigate = useNavigate();
  const { matter, error, notFound } = useMatter(matterId);
  const [busy, setBusy] = useState(false);
  if (!(NOTICE_KINDS as readonly string[]).includes(kind) || notFound)
    return <Result status="404" title={m.errors.notFoundTitle} subTitle={m.errors.notFoundBody} />;
  if (error) return <Alert role="alert" type="error" title={errorText(error, lang, m)} />;
  if (!matter) return <Spin style={{ display: 'block', margin: 48 }} />;
  const k = kind as NoticeKind;
  const data = noticeDataFromMatter(k, matter);
  const download = async () => {
    if (!data) return;
    setBusy(true);
    try {
      const { downloadNoticeDocx } = await import('./download-docx.ts');
      await downloadNoticeDocx(k, data);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ background: '#e9eaec', minHeight: '100vh', padding: '16px 0' }}>
      <Space
        className="ms-no-print"
        style={{ display: 'flex', justifyContent: 'center', marginBottom: 16 }}
        wrap
      >
        <Button onClick={() => void navigate({ to: '/matters/$id', params: { id: String(matterId) } })}>
          {m.common.back}
        </Button>
        <Button type="primary" onClick={() => window.print()} disabled={!data}>
          {m.common.print}
        </Button>
        <Button onClick={() => void download()} loading={busy} disabled={!data}>
          {m.matter.docx}
        </Button>
        <span>{m.documents.printHint}</span>
      </Space>
      <main id="main">
        {data ? (
          <NoticeView kind={k} data={data} />
        ) : (
          <Result status="info" title={m.documents.kinds[k]} subTitle={m.documents.notAvailable} />
        )}
      </main>
    </div>
  );
}

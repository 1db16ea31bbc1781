import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';

const ICON = {
  success: <CheckCircleFilled style={{ color: '#237804' }} />,
  error: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  info: <InfoCircleFilled style={{ color: '#0958d9' }} />,
};

/**
 * An outcome (sent, failed, not found) shown as icon, title and text. antd's Result would do, but it
 * brings its three illustrations (≈10 KB gzipped) into every page that uses it, and the portal's first
 * load — what an old phone downloads before a citizen can write — must stay under 300 KB.
 */
export function Outcome({
  status,
  title,
  subTitle,
  extra,
  ...rest
}: {
  status: keyof typeof ICON;
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  'data-testid'?: string;
}) {
  return (
    <div style={{ textAlign: 'center', padding: '24px 16px' }} {...rest}>
      <div style={{ fontSize: 56, lineHeight: 1, marginBottom: 16 }} aria-hidden>
        {ICON[status]}
      </div>
      <Typography.Title level={2} style={{ fontSize: 22, margin: 0 }}>
        {title}
      </Typography.Title>
      {subTitle && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{subTitle}</Typography.Paragraph>
      )}
      {extra && (
        <div style={{ marginTop: 16, display: 'flex', gap: 8, justifyContent: 'center' }}>{extra}</div>
      )}
    </div>
  );
}

import type { CSSProperties, ReactNode } from 'react';

/** A light card (antd's Card pulls in Tabs; the portal stays small without it). */
export function Panel({
  title,
  extra,
  children,
  style,
  testId,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <section
      data-testid={testId}
      style={{ background: '#fff', border: '1px solid #e3e5e8', borderRadius: 6, padding: 16, ...style }}
    >
      {(title || extra) && (
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
            marginBottom: 12,
            flexWrap: 'wrap',
          }}
        >
          {title && <h2 style={{ fontSize: 17, fontWeight: 600, margin: 0 }}>{title}</h2>}
          {extra}
        </div>
      )}
      {children}
    </section>
  );
}

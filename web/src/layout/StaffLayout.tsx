import { Link } from '@tanstack/react-router';
import { Button, ConfigProvider, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ROLE_LABELS } from '../../../src/shared/labels.ts';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { menuFor } from './menu.ts';
import { InboxBadge } from '../inbox/InboxBadge.tsx';

export function StaffLayout({ active, children }: { active: string; children: ReactNode }) {
  const { m, lbl } = useI18n();
  const { user, logout } = useSession();
  if (!user) return null;
  const items = menuFor(user.roles).map((e) => ({
    key: e.key,
    label: <Link to={e.path}>{e.label(m)}</Link>,
  }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="ms-skip" href="#main">
        {m.app.skipToContent}
      </a>
      <Layout.Header
        className="ms-staff-header"
        style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#8c1b21', paddingInline: 20 }}
      >
        <Typography.Text
          strong
          className="ms-staff-title"
          style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}
        >
          {m.app.name} · {m.app.staffTitle}
        </Typography.Text>
        <nav aria-label={m.nav.mainMenu} style={{ flex: 1, minWidth: 0 }}>
          {/* Narrower entries than antd’s 20 px a side (10): a unit head's seven fit one row at 1366 px. */}
          <ConfigProvider theme={{ components: { Menu: { itemPaddingInline: 10 } } }}>
            <Menu
              theme="dark"
              mode="horizontal"
              // Every entry stays in the page: antd's overflow menu keeps hidden, still focusable
              // copies of the entries it folds away (an accessibility fault); the bar wraps instead.
              disabledOverflow
              selectedKeys={[active]}
              items={items}
              style={{ background: 'transparent', borderBottom: 0 }}
            />
          </ConfigProvider>
        </nav>
        <Space size="small" wrap={false}>
          <InboxBadge />
          <span style={{ color: '#fff' }} data-testid="current-user">
            {user.displayName}
            <span className="ms-staff-user-detail"> · {user.unit.name}</span>
          </span>
          <span className="ms-staff-user-detail">
            <Space size={4}>
              {user.roles.map((r) => (
                <Tag key={r} color="gold" style={{ marginInlineEnd: 0 }}>
                  {lbl(ROLE_LABELS, r)}
                </Tag>
              ))}
            </Space>
          </span>
          <LanguageSwitch dark />
          <Button size="small" onClick={() => void logout()}>
            {m.auth.logout}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content
        id="main"
        tabIndex={-1}
        style={{ padding: 20, maxWidth: 1400, width: '100%', margin: '0 auto' }}
      >
        {children}
      </Layout.Content>
    </Layout>
  );
}

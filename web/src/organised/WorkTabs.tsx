import { Link, useRouterState } from '@tanstack/react-router';
import { Space } from 'antd';
import type { ReactNode } from 'react';
import { useWorkI18n } from './i18n.ts';

const TABS = [
  { key: 'reception', to: '/work/reception' },
  { key: 'backlog', to: '/work/backlog' },
  { key: 'campaigns', to: '/work/campaigns' },
  { key: 'meetings', to: '/work/meetings' },
  { key: 'letters', to: '/work/letters' },
  { key: 'accountability', to: '/work/accountability' },
] as const;

/**
 * The organised-work area (信访工作): one heading and a row of links to its parts, above the
 * part's own page. Links, not tabs, so each part has an address to share and bookmark.
 */
export function WorkTabs({ children }: { children: ReactNode }) {
  const { m } = useWorkI18n();
  const path = useRouterState({ select: (s) => s.location.pathname });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <nav aria-label={m.work.title} data-testid="work-tabs">
        <Space wrap size={4}>
          {TABS.map((t) => {
            const active = path === t.to || path.startsWith(`${t.to}/`);
            return (
              <Link
                key={t.key}
                to={t.to}
                aria-current={active ? 'page' : undefined}
                style={{
                  display: 'inline-block',
                  padding: '6px 14px',
                  borderBottom: `2px solid ${active ? '#b4232a' : 'transparent'}`,
                  color: active ? '#b4232a' : undefined,
                  fontWeight: active ? 600 : undefined,
                }}
              >
                {m.work.tabs[t.key]}
              </Link>
            );
          })}
        </Space>
      </nav>
      {children}
    </Space>
  );
}

import { Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { Layout, Segmented, Spin, Typography } from 'antd';
import { Outcome } from '../common/Outcome.tsx';
import { Suspense, useState } from 'react';
import { ErrorBoundary } from '../common/ErrorBoundary.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { PrefillContext, usePrefill } from './prefill.ts';
import type { Credentials } from './LookupForm.tsx';
import { SubmitPage } from './SubmitPage.tsx';

type PortalPath = '/portal' | '/portal/lookup' | '/portal/reception';

/** The portal's router is not the staff app's registered one: its paths are checked here. */
function usePortalNavigate() {
  const router = useRouter();
  return (to: PortalPath) => void router.navigate({ to: to as never });
}

export function PortalNotFound() {
  const { m } = useI18n();
  return (
    <Outcome
      status="info"
      title={m.errors.pageNotFound}
      data-testid="page-not-found"
      extra={<a href="/portal">{m.errors.home}</a>}
    />
  );
}

export function SubmitRoute() {
  const navigate = usePortalNavigate();
  const { setPrefill } = usePrefill();
  return (
    <SubmitPage
      onLookup={(caseNumber, queryCode) => {
        setPrefill({ caseNumber, queryCode });
        navigate('/portal/lookup');
      }}
    />
  );
}

/** The public portal: no account, phone-sized first. */
export function PortalApp() {
  const { m } = useI18n();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const navigate = usePortalNavigate();
  const [prefill, setPrefill] = useState<Credentials | null>(null);
  const tab = path.startsWith('/portal/lookup')
    ? 'lookup'
    : path.startsWith('/portal/reception')
      ? 'reception'
      : 'submit';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="ms-skip" href="#main">
        {m.app.skipToContent}
      </a>
      <header className="ms-no-print" style={{ background: '#8c1b21', color: '#fff', padding: '12px 16px' }}>
        <div
          style={{
            maxWidth: 760,
            margin: '0 auto',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
          }}
        >
          <div>
            <Typography.Title level={1} style={{ color: '#fff', fontSize: 22, margin: 0 }}>
              {m.app.name} · {m.portal.heading}
            </Typography.Title>
            <div style={{ fontSize: 13, opacity: 0.9 }}>{m.portal.tagline}</div>
          </div>
          <LanguageSwitch dark />
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        style={{ maxWidth: 760, width: '100%', margin: '0 auto', padding: 16, boxSizing: 'border-box' }}
      >
        <nav className="ms-no-print" aria-label={m.nav.mainMenu} style={{ marginBottom: 16 }}>
          <Segmented
            block
            value={tab}
            onChange={(v) =>
              navigate(
                v === 'lookup' ? '/portal/lookup' : v === 'reception' ? '/portal/reception' : '/portal',
              )
            }
            options={[
              { value: 'submit', label: m.portal.tabSubmit },
              { value: 'lookup', label: m.portal.tabLookup },
              { value: 'reception', label: m.portal.tabReception },
            ]}
          />
        </nav>
        <ErrorBoundary resetKey={path} homeHref="/portal">
          <PrefillContext value={{ prefill, setPrefill }}>
            <Suspense fallback={<Spin />}>
              <Outlet />
            </Suspense>
          </PrefillContext>
        </ErrorBoundary>
        <footer className="ms-no-print" style={{ marginTop: 32, textAlign: 'center', fontSize: 13 }}>
          <a href="/">{m.portal.staffLogin}</a>
        </footer>
      </main>
    </Layout>
  );
}

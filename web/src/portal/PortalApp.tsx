import { Layout, Segmented, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { ErrorBoundary } from '../common/ErrorBoundary.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { navigate, useLocation } from '../common/router.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Credentials } from './LookupForm.tsx';
import { SubmitPage } from './SubmitPage.tsx';

// The look-up is loaded when first opened, keeping the submission page's first load small.
const LookupPage = lazy(() => import('./LookupPage.tsx').then((x) => ({ default: x.LookupPage })));

/** The public portal: no account, phone-sized first. */
export function PortalApp() {
  const { m } = useI18n();
  const { path } = useLocation();
  const [prefill, setPrefill] = useState<Credentials | null>(null);
  const tab = path.startsWith('/portal/lookup') ? 'lookup' : 'submit';
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
            onChange={(v) => navigate(v === 'lookup' ? '/portal/lookup' : '/portal')}
            options={[
              { value: 'submit', label: m.portal.tabSubmit },
              { value: 'lookup', label: m.portal.tabLookup },
            ]}
          />
        </nav>
        <ErrorBoundary resetKey={tab} homeHref="/portal">
          {tab === 'lookup' ? (
            <Suspense fallback={<Spin />}>
              <LookupPage key={prefill?.caseNumber ?? ''} initial={prefill} />
            </Suspense>
          ) : (
            <SubmitPage
              onLookup={(caseNumber, queryCode) => {
                setPrefill({ caseNumber, queryCode });
                navigate('/portal/lookup');
              }}
            />
          )}
        </ErrorBoundary>
        <footer className="ms-no-print" style={{ marginTop: 32, textAlign: 'center', fontSize: 13 }}>
          <a href="/">{m.portal.staffLogin}</a>
        </footer>
      </main>
    </Layout>
  );
}

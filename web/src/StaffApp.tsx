import { Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import type { Role } from '../../src/shared/enums.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { useSession } from './auth/session.tsx';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { match, useLocation } from './common/router.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { StaffLayout } from './layout/StaffLayout.tsx';
import { MENU } from './layout/menu.ts';

const HomePage = lazy(() => import('./home/HomePage.tsx').then((x) => ({ default: x.HomePage })));
const QueuePage = lazy(() => import('./queue/QueuePage.tsx').then((x) => ({ default: x.QueuePage })));
const MatterPage = lazy(() => import('./matter/MatterPage.tsx').then((x) => ({ default: x.MatterPage })));
const DocumentPage = lazy(() =>
  import('./documents/DocumentPage.tsx').then((x) => ({ default: x.DocumentPage })),
);
const RegisterPage = lazy(() =>
  import('./register/RegisterPage.tsx').then((x) => ({ default: x.RegisterPage })),
);
const HotIssuesPage = lazy(() =>
  import('./analytics/HotIssuesPage.tsx').then((x) => ({ default: x.HotIssuesPage })),
);
const AdminPage = lazy(() => import('./admin/AdminPage.tsx').then((x) => ({ default: x.AdminPage })));

const rolesOf = (key: string): readonly Role[] => MENU.find((e) => e.key === key)?.roles ?? [];

export function StaffApp() {
  const { m } = useI18n();
  const { status, hasRole } = useSession();
  const { path } = useLocation();

  if (status === 'loading') {
    return <Spin fullscreen tip={m.app.loading} />;
  }
  if (status !== 'signed-in') return <LoginPage />;

  const guard = (key: string, node: ReactNode) =>
    hasRole(...rolesOf(key)) ? node : <Result status="403" title={m.errors.forbidden} />;

  let active = '';
  let page: ReactNode;
  let params: Record<string, string> | null;
  if (path === '/' || path === '/index.html') {
    active = 'home';
    page = <HomePage />;
  } else if (path === '/queue') {
    active = 'queue';
    page = guard('queue', <QueuePage />);
  } else if ((params = match('/matters/:id/documents/:kind', path))) {
    // The printable document has no workbench chrome.
    return (
      <ErrorBoundary resetKey={path}>
        <Suspense fallback={<Spin />}>
          <DocumentPage matterId={Number(params.id)} kind={params.kind ?? ''} />
        </Suspense>
      </ErrorBoundary>
    );
  } else if ((params = match('/matters/:id', path))) {
    active = 'queue';
    page = guard('queue', <MatterPage id={Number(params.id)} />);
  } else if (path === '/register') {
    active = 'register';
    page = guard('register', <RegisterPage />);
  } else if (path === '/hot-issues') {
    active = 'hot';
    page = guard('hot', <HotIssuesPage />);
  } else if (path === '/admin' || (params = match('/admin/:tab', path))) {
    active = 'admin';
    page = guard('admin', <AdminPage tab={params?.tab ?? 'units'} />);
  } else {
    page = <Result status="404" title={m.errors.pageNotFound} />;
  }

  return (
    <StaffLayout active={active}>
      <ErrorBoundary resetKey={path}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{page}</Suspense>
      </ErrorBoundary>
    </StaffLayout>
  );
}

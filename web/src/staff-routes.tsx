/**
 * The staff workbench's routes: typed paths and search parameters, one code chunk per area. The
 * session gate and the workbench chrome sit in the root; the printable document has no chrome.
 */
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
  Link,
  Outlet,
  useMatches,
  useRouterState,
} from '@tanstack/react-router';
import { Result, Spin } from 'antd';
import { Suspense } from 'react';
import type { Role } from '../../src/shared/enums.ts';
import { LoginPage } from './auth/LoginPage.tsx';
import { useSession } from './auth/session.tsx';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { StaffLayout } from './layout/StaffLayout.tsx';
import { MENU } from './layout/menu.ts';
import { QueueSearch } from './queue/queue-search.ts';
import { StatsSearch } from './analytics/stats-search.ts';

const rolesOf = (key: string): readonly Role[] => MENU.find((e) => e.key === key)?.roles ?? [];

export function NotFoundPage() {
  const { m } = useI18n();
  return (
    <Result
      status="404"
      title={m.errors.pageNotFound}
      data-testid="page-not-found"
      extra={<Link to="/">{m.errors.home}</Link>}
    />
  );
}

/** Which menu entry a path belongs to. */
function menuKeyOf(path: string): string {
  if (path === '/') return 'home';
  if (path.startsWith('/queue') || path.startsWith('/matters')) return 'queue';
  if (path.startsWith('/register')) return 'register';
  if (path.startsWith('/hot-issues')) return 'hot';
  if (path.startsWith('/stats')) return 'stats';
  if (path.startsWith('/admin')) return 'admin';
  if (path.startsWith('/instructions')) return 'instructions';
  // A card's own page (/cards/…) belongs to no menu entry: a red card reaches leaders too.
  if (path.startsWith('/supervision')) return 'supervision';
  if (path.startsWith('/work')) return 'work';
  return '';
}

function Root() {
  const { m } = useI18n();
  const { status, hasRole } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const bare = useMatches({ select: (ms) => ms.some((x) => x.routeId === documentRoute.id) });
  if (status === 'loading') return <Spin fullscreen tip={m.app.loading} />;
  if (status !== 'signed-in') return <LoginPage />;
  const area = menuKeyOf(path);
  // An area the user's roles may not open answers 403 (the server enforces the same rules).
  if (area && area !== 'home' && !hasRole(...rolesOf(area)))
    return (
      <StaffLayout active={area}>
        <Result status="403" title={m.errors.forbidden} />
      </StaffLayout>
    );
  const page = (
    <ErrorBoundary resetKey={path}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Outlet />
      </Suspense>
    </ErrorBoundary>
  );
  return bare ? page : <StaffLayout active={area}>{page}</StaffLayout>;
}

const rootRoute = createRootRoute({ component: Root, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./home/HomePage.tsx'), 'HomePage'),
});

export const queueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queue',
  validateSearch: QueueSearch,
  component: lazyRouteComponent(() => import('./queue/QueuePage.tsx'), 'QueuePage'),
});

export const matterRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/matters/$id',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'MatterRoute'),
});

export const documentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/matters/$id/documents/$kind',
  component: lazyRouteComponent(() => import('./documents/DocumentPage.tsx'), 'DocumentRoute'),
});

const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  component: lazyRouteComponent(() => import('./register/RegisterPage.tsx'), 'RegisterPage'),
});

const hotIssuesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/hot-issues',
  component: lazyRouteComponent(() => import('./analytics/HotIssuesPage.tsx'), 'HotIssuesPage'),
});

export const statsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stats',
  validateSearch: StatsSearch,
  component: lazyRouteComponent(() => import('./analytics/StatsPage.tsx'), 'StatsPage'),
});

const inboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/inbox',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'InboxPage'),
});

const instructionsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/instructions',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'InstructionsPage'),
});

const supervisionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/supervision',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'SupervisionPage'),
});

const cardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cards/$id',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'CardRoute'),
});

// Organised work (issue 14): reception days, backlog campaigns, joint meetings, letters, accountability.
const workIndexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work',
  beforeLoad: () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router's redirect is thrown
    throw redirect({ to: '/work/reception' });
  },
});

const receptionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/reception',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'ReceptionPage'),
});

const backlogRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/backlog',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'BacklogPage'),
});

const campaignsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/campaigns',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'CampaignsPage'),
});

const campaignRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/campaigns/$id',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'CampaignRoute'),
});

const meetingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/meetings',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'MeetingsPage'),
});

const meetingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/meetings/$id',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'MeetingRoute'),
});

const lettersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/letters',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'LettersPage'),
});

const letterRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/letters/$id',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'LetterRoute'),
});

const accountabilityListRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/accountability',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'AccountabilityPage'),
});

const accountabilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/work/accountability/$id',
  component: lazyRouteComponent(() => import('./matter/MatterPage.tsx'), 'AccountabilityRoute'),
});

const adminIndexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  component: lazyRouteComponent(() => import('./admin/AdminPage.tsx'), 'AdminPage'),
});

export const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/$tab',
  component: lazyRouteComponent(() => import('./admin/AdminPage.tsx'), 'AdminPage'),
});

/**
 * The sign-in page has no address of its own (the root shows it to anyone signed out, wherever they
 * are), but people type and bookmark /login: it leads to the home page, behind sign-in when needed.
 */
const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  beforeLoad: () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router's redirect is thrown
    throw redirect({ to: '/' });
  },
});

const routeTree = rootRoute.addChildren([
  homeRoute,
  loginRoute,
  queueRoute,
  matterRoute,
  documentRoute,
  registerRoute,
  hotIssuesRoute,
  statsRoute,
  adminIndexRoute,
  adminRoute,
  inboxRoute,
  instructionsRoute,
  supervisionRoute,
  cardRoute,
  workIndexRoute,
  receptionRoute,
  backlogRoute,
  campaignsRoute,
  campaignRoute,
  meetingsRoute,
  meetingRoute,
  lettersRoute,
  letterRoute,
  accountabilityListRoute,
  accountabilityRoute,
]);

export const staffRouter = createRouter({
  routeTree,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof staffRouter;
  }
}

/**
 * The portal's routes: submission at /portal, look-up at /portal/lookup (its code loaded when first
 * opened, keeping the submission page's first load small).
 */
import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { PortalApp, PortalNotFound, SubmitRoute } from './PortalApp.tsx';

const rootRoute = createRootRoute({ component: PortalApp, notFoundComponent: PortalNotFound });

const submitRoute = createRoute({ getParentRoute: () => rootRoute, path: '/portal', component: SubmitRoute });

const lookupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal/lookup',
  component: lazyRouteComponent(() => import('./LookupPage.tsx'), 'LookupRoute'),
});

// 领导接访安排 (issue 14): the published schedule and appointment requests, a lazy chunk of its own.
const receptionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal/reception',
  component: lazyRouteComponent(() => import('./reception/ReceptionPortalPage.tsx'), 'ReceptionPortalRoute'),
});

export const portalRouter = createRouter({
  routeTree: rootRoute.addChildren([submitRoute, lookupRoute, receptionRoute]),
  defaultNotFoundComponent: PortalNotFound,
});

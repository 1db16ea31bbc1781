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

export const portalRouter = createRouter({
  routeTree: rootRoute.addChildren([submitRoute, lookupRoute]),
  defaultNotFoundComponent: PortalNotFound,
});

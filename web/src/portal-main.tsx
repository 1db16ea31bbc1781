import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AntdRoot } from './common/AntdRoot.tsx';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { portalRouter } from './portal/portal-routes.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AntdRoot>
        <ErrorBoundary homeHref="/portal">
          <RouterProvider router={portalRouter} />
        </ErrorBoundary>
      </AntdRoot>
    </I18nProvider>
  </StrictMode>,
);

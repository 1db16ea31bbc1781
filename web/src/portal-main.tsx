import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AntdRoot } from './common/AntdRoot.tsx';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { I18nProvider, loadLanguage, storedLang } from './i18n/i18n.tsx';
import { portalRouter } from './portal/portal-routes.tsx';

// A stored English choice loads its messages before the first render (no flash of Chinese).
await loadLanguage(storedLang()).catch(() => undefined);

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

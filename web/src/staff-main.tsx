import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/query-client.ts';
import { SessionProvider } from './auth/session.tsx';
import { AntdRoot } from './common/AntdRoot.tsx';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { I18nProvider, loadLanguage, storedLang } from './i18n/i18n.tsx';
import { staffRouter } from './staff-routes.tsx';

const queryClient = createQueryClient();

// A stored English choice loads its messages before the first render (no flash of Chinese).
await loadLanguage(storedLang()).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AntdRoot>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <SessionProvider>
              <RouterProvider router={staffRouter} />
            </SessionProvider>
          </QueryClientProvider>
        </ErrorBoundary>
      </AntdRoot>
    </I18nProvider>
  </StrictMode>,
);

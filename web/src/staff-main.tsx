import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './auth/session.tsx';
import { AntdRoot } from './common/AntdRoot.tsx';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { StaffApp } from './StaffApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AntdRoot>
        <ErrorBoundary>
          <SessionProvider>
            <StaffApp />
          </SessionProvider>
        </ErrorBoundary>
      </AntdRoot>
    </I18nProvider>
  </StrictMode>,
);

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { AntdRoot } from '../src/common/AntdRoot.tsx';
import { I18nProvider } from '../src/i18n/i18n.tsx';

/**
 * Renders a component the way the apps do (language, antd theme and locale, a query cache of its
 * own that never retries), with a user-event instance to drive it.
 */
export function renderUi(ui: ReactElement, opts: { lang?: 'zh' | 'en' } = {}) {
  localStorage.setItem('minsheng.lang', opts.lang ?? 'zh');
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <AntdRoot>{children}</AntdRoot>
      </I18nProvider>
    </QueryClientProvider>
  );
  // No pause between keystrokes: the forms do not debounce typing, and the machine is shared.
  const user = userEvent.setup({ delay: null });
  const result: RenderResult = render(ui, { wrapper });
  return { ...result, user, client };
}

import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

// antd/es has no "type": "module" marker, so TypeScript sees these ES modules as CommonJS namespaces.
const zhCN = zhCNModule as unknown as Locale;
const enUS = enUSModule as unknown as Locale;

/** antd's own texts follow the chosen language; the theme keeps contrast at WCAG AA. */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#b4232a',
          colorLink: '#0b57d0',
          fontSize: 15,
          borderRadius: 4,
          colorTextDescription: 'rgba(0,0,0,0.65)',
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

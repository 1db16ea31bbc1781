import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

// antd/es has no "type": "module" marker, so TypeScript sees these ES modules as CommonJS namespaces.
const zhCN = zhCNModule as unknown as Locale;
const enUS = enUSModule as unknown as Locale;

/**
 * A preset tag's text shade, under both of antd's names for it: the tags took `gold-7` (derived
 * from the seed) when only `gold7` was set.
 */
function tagText(colors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(colors).flatMap(([name, hex]) => [
      [`${name}7`, hex],
      [`${name}-7`, hex],
    ]),
  );
}

/**
 * antd's default colours where text falls below 4.5:1 (WCAG 1.4.3, checked by axe in the browser
 * journeys): placeholders, error and status texts (a status tag writes its main colour on its
 * tint), and the -7 shades that preset tags write on their -1 tints. The tints stay antd's own.
 */
const CONTRAST = {
  colorTextDescription: 'rgba(0,0,0,0.65)',
  // Labels of Descriptions and other secondary texts (antd: 0.45 alpha, 3.4:1).
  colorTextTertiary: 'rgba(0,0,0,0.62)',
  colorTextPlaceholder: '#6b6b6b',
  colorError: '#cf1322',
  colorErrorBg: '#fff2f0',
  colorErrorBorder: '#ffccc7',
  colorSuccess: '#237804',
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarning: '#874d00',
  colorWarningBg: '#fffbe6',
  colorWarningBorder: '#ffe58f',
  colorInfo: '#0958d9',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
  ...tagText({
    gold: '#874d00',
    orange: '#873800',
    volcano: '#ad2102',
    green: '#135200',
    cyan: '#00474f',
    lime: '#3f6600',
  }),
};

/** antd's own texts follow the chosen language; the theme keeps contrast at WCAG AA. */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{
        token: { ...CONTRAST, colorPrimary: '#b4232a', colorLink: '#0b57d0', fontSize: 15, borderRadius: 4 },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

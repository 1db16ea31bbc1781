import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { label, type Labels } from '../../../src/shared/labels.ts';
import { zh, type Messages } from './zh.ts';

export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  m: Messages;
  setLang: (l: Lang) => void;
  /**
   * The label of an enumeration value (from src/shared/labels.ts) in the current language. A value
   * the table does not know (data older than the code) is shown as it is.
   */
  lbl: <K extends string>(labels: Labels<K>, key: string | null | undefined) => string;
  /** Picks the Chinese or English half of a bilingual server message. */
  pick: (zhText: string, enText: string) => string;
}

const STORAGE_KEY = 'minsheng.lang';
const Ctx = createContext<I18n | null>(null);

/**
 * English messages load on first use: most readers read Chinese, and the portal's first load must
 * stay light for old phones on slow networks. The entry points await the stored language before
 * the first render, so `m` is always complete.
 */
let english: Messages | null = null;

export async function loadLanguage(l: Lang): Promise<void> {
  if (l === 'en' && !english) english = (await import('./en.ts')).en;
}

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const initialLang = (): Lang => (storedLang() === 'en' && english ? 'en' : 'zh');

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    loadLanguage(l).then(
      () => {
        setLangState(l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        try {
          localStorage.setItem(STORAGE_KEY, l);
        } catch {
          // private mode: the choice lasts for this page only
        }
      },
      // The English chunk did not arrive (offline): the page stays in the language it is in.
      (e: unknown) => console.warn('language not loaded', e),
    );
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      m: lang === 'en' && english ? english : zh,
      setLang,
      lbl: (labels, key) => (key ? label(labels, key)[lang] : ''),
      pick: (z, e) => (lang === 'zh' ? z : e),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

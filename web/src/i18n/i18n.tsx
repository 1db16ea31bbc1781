import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.ts';
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

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      m: lang === 'zh' ? zh : en,
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

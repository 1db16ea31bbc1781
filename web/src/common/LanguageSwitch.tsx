import { Button } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, m } = useI18n();
  return (
    <Button
      type="text"
      size="small"
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      aria-label={`${m.app.language}: ${m.app.switchTo}`}
      style={dark ? { color: '#fff' } : undefined}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {m.app.switchTo}
    </Button>
  );
}

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../../test/render.tsx';
import { LanguageSwitch } from '../common/LanguageSwitch.tsx';
import { useI18n } from './i18n.tsx';

function Probe() {
  const { m } = useI18n();
  return <p>{m.app.skipToContent}</p>;
}

// English is a chunk of its own, loaded on first use (the portal's first load stays small).
describe('language switch', () => {
  it('loads the English messages when asked, then shows them and remembers the choice', async () => {
    const { user } = renderUi(
      <>
        <Probe />
        <LanguageSwitch />
      </>,
    );
    expect(screen.getByText('跳到主要内容')).toBeInTheDocument();
    await user.click(screen.getByRole('button'));
    expect(await screen.findByText('Skip to main content')).toBeInTheDocument();
    expect(localStorage.getItem('minsheng.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

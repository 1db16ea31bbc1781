import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../auth/session.tsx';
import { HANDLER_SESSION, matterDetail } from '../../test/fixtures.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, http, server } from '../../test/server.ts';
import { ActionBar } from './ActionBar.tsx';

beforeEach(() => {
  server.use(http.get('/api/auth/me', () => HttpResponse.json(HANDLER_SESSION)));
});

const bar = () => screen.getByRole('group', { name: '可执行操作' });
/** antd puts a space between two CJK characters of a button ("延 期"). */
const loose = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);

/** Opens the extension dialog from the action bar, fills it in and submits it. */
async function requestExtension(days: string) {
  const onDone = vi.fn();
  const { user } = renderUi(
    <SessionProvider>
      <ActionBar matter={matterDetail({ allowedActions: ['extend'] })} onDone={onDone} />
    </SessionProvider>,
  );
  await user.click(within(bar()).getByRole('button', { name: loose('延期') }));
  const dialog = await screen.findByRole('dialog');
  await user.type(within(dialog).getByLabelText('延期天数'), days);
  await user.type(within(dialog).getByLabelText('理由'), '需要现场勘查并组织听证');
  await user.click(within(dialog).getByRole('button', { name: loose('延期') }));
  return { onDone, dialog };
}

describe('the action bar', () => {
  it('offers exactly the actions the server allows, and none when it allows none', async () => {
    const { rerender } = renderUi(
      <SessionProvider>
        <ActionBar
          matter={matterDetail({ allowedActions: ['extend', 'add_note', 'reply'] })}
          onDone={() => {}}
        />
      </SessionProvider>,
    );
    const names = within(bar())
      .getAllByRole('button')
      .map((b) => b.textContent?.replace(/\s/g, ''));
    expect(names).toEqual(['延期', '添加备注', '出具处理意见']);
    // What the server did not list is not there to press.
    for (const absent of ['受理', '签收', '办结', '不予受理'])
      expect(within(bar()).queryByRole('button', { name: loose(absent) })).toBeNull();

    rerender(
      <SessionProvider>
        <ActionBar matter={matterDetail({ allowedActions: [] })} onDone={() => {}} />
      </SessionProvider>,
    );
    expect(within(bar()).queryAllByRole('button')).toHaveLength(0);
    expect(bar()).toHaveTextContent('当前状态下您没有可执行的操作。');
  });

  it('refuses an extension longer than the rule allows, on the days field, and sends nothing', async () => {
    const sent = vi.fn();
    server.use(http.post('/api/matters/42/extend', () => (sent(), HttpResponse.json({}))));
    const { onDone, dialog } = await requestExtension('31');
    const days = within(dialog).getByLabelText('延期天数');
    await waitFor(() => {
      expect(days).toHaveAttribute('aria-invalid', 'true');
      expect(days).toHaveAccessibleDescription(/延期天数不能大于30/);
    });
    expect(within(dialog).getByTestId('action-error')).toHaveTextContent('请按提示修改标红的内容');
    expect(sent).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends an extension within the rule and reports it done', async () => {
    let body: unknown;
    server.use(
      http.post('/api/matters/42/extend', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 42, state: 'in_handling', version: 4 });
      }),
    );
    const { onDone } = await requestExtension('30');
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('extend'));
    expect(body).toEqual({ days: 30, reason: '需要现场勘查并组织听证' });
  });
});

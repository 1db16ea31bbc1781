import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../auth/session.tsx';
import { HANDLER_SESSION, matterDetail } from '../../test/fixtures.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, apiError, http, server } from '../../test/server.ts';
import { ActionDialog } from './ActionDialog.tsx';

beforeEach(() => {
  server.use(http.get('/api/auth/me', () => HttpResponse.json(HANDLER_SESSION)));
});

const matter = matterDetail({ allowedActions: ['reply'] });

function openReply(onDone = vi.fn()) {
  const r = renderUi(
    <SessionProvider>
      <ActionDialog action="reply" matter={matter} onClose={() => {}} onDone={onDone} />
    </SessionProvider>,
  );
  return { ...r, onDone, dialog: screen.getByRole('dialog') };
}

const send = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: '出具处理意见' });

describe('the reply dialog', () => {
  it('marks outcome, facts and basis as required and sends nothing without them', async () => {
    const sent = vi.fn();
    server.use(http.post('/api/matters/42/reply', () => (sent(), HttpResponse.json({}))));
    const { user, dialog, onDone } = openReply();
    await user.type(within(dialog).getByLabelText('正文（可选）'), '如有疑问可来电咨询。');
    await user.click(send(dialog));
    expect(await within(dialog).findByText('处理结果为必填项')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('查明事实')).toHaveAccessibleDescription('查明事实为必填项');
    expect(within(dialog).getByLabelText('法律、政策依据')).toHaveAccessibleDescription('依据为必填项');
    expect(within(dialog).getByTestId('action-error')).toHaveTextContent('请按提示修改标红的内容');
    expect(sent).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();

    // Filling the facts takes their message away and leaves the others.
    await user.type(within(dialog).getByLabelText('查明事实'), '经现场核查，电梯主板损坏。');
    await waitFor(() => expect(within(dialog).queryByText('查明事实为必填项')).toBeNull());
    expect(within(dialog).getByText('依据为必填项')).toBeInTheDocument();
  });

  it('shows the server’s refusal in the dialog and keeps it open', async () => {
    server.use(
      http.post('/api/matters/42/reply', () =>
        apiError(409, {
          code: 'illegal_transition',
          message_zh: '该事项已被他人处理，请刷新后重试',
          message_en: 'The matter was changed by someone else; reload and try again',
          fields: [{ path: 'facts', message_zh: '查明事实过于简略', message_en: 'the facts are too short' }],
        }),
      ),
    );
    const { user, dialog, onDone } = openReply();
    await user.click(within(dialog).getByLabelText('支持'));
    await user.type(within(dialog).getByLabelText('查明事实'), '电梯损坏。');
    await user.type(within(dialog).getByLabelText('法律、政策依据'), '《特种设备安全法》第四十条');
    await user.click(send(dialog));
    expect(await within(dialog).findByTestId('action-error')).toHaveTextContent(
      '该事项已被他人处理，请刷新后重试',
    );
    expect(within(dialog).getByLabelText('查明事实')).toHaveAccessibleDescription('查明事实过于简略');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('sends the reply with what was entered', async () => {
    let body: unknown;
    server.use(
      http.post('/api/matters/42/reply', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 42, state: 'replied', version: 4 });
      }),
    );
    const { user, dialog, onDone } = openReply();
    await user.click(within(dialog).getByLabelText('不支持'));
    await user.type(within(dialog).getByLabelText('查明事实'), '经核查，电梯已于11月修复。');
    await user.type(within(dialog).getByLabelText('法律、政策依据'), '《物业管理条例》');
    await user.click(send(dialog));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(body).toEqual({
      outcome: 'not_supported',
      facts: '经核查，电梯已于11月修复。',
      legalBasis: '《物业管理条例》',
    });
  });
});

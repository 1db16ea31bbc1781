import { screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider, useSession } from '../auth/session.tsx';
import { HANDLER_SESSION } from '../../test/fixtures.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, apiError, http, server } from '../../test/server.ts';
import { RegisterPage } from './RegisterPage.tsx';

const ID_CHECKSUM = '身份证号码无效（长度、出生日期或校验码不正确）';

beforeEach(() => {
  server.use(
    http.get('/api/auth/me', () => HttpResponse.json(HANDLER_SESSION)),
    http.get('/api/regions', () => HttpResponse.json({ items: [] })),
    http.get('/api/categories', () => HttpResponse.json({ items: [] })),
    http.get('/api/units', () => HttpResponse.json({ items: [] })),
    http.get('/api/petitioners/search', () => HttpResponse.json({ items: [] })),
    http.post('/api/routing/suggest', () => HttpResponse.json({ suggestions: [] })),
    // A server without the text features answers 404; the page just leaves that part out.
    http.post('/api/text/*', () =>
      apiError(404, { code: 'not_found', message_zh: '未找到', message_en: 'Not found' }),
    ),
  );
});

/** The app shows the page only to a signed-in user (its region starts at the user's own). */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession().user ? children : null;
}

async function openPage() {
  const r = renderUi(
    <SessionProvider>
      <SignedIn>
        <RegisterPage />
      </SignedIn>
    </SessionProvider>,
  );
  await screen.findByRole('heading', { name: '登记信访事项' });
  return r;
}

const submit = () => screen.getByTestId('register-submit');
const petitioner = (i: number) => screen.getByTestId(`petitioner-${i}`);

describe('the registration form', () => {
  it('shows the missing fields on an empty submit, and a filled field loses its message', async () => {
    const sent = vi.fn();
    server.use(http.post('/api/matters', () => (sent(), HttpResponse.json({}))));
    const { user } = await openPage();
    await user.click(submit());
    const subject = screen.getByLabelText('标题');
    await waitFor(() => {
      expect(subject).toHaveAttribute('aria-invalid', 'true');
      expect(subject).toHaveAccessibleDescription('标题为必填项');
    });
    expect(screen.getByLabelText('信访内容')).toHaveAccessibleDescription('内容为必填项');
    expect(within(petitioner(0)).getByLabelText('姓名')).toHaveAccessibleDescription('姓名为必填项');
    expect(screen.getByTestId('form-error')).toHaveTextContent('请按提示修改标红的内容');
    expect(sent).not.toHaveBeenCalled();

    await user.type(subject, '小区电梯停运');
    await waitFor(() => expect(subject).not.toHaveAttribute('aria-invalid', 'true'));
    await waitFor(() => expect(screen.queryByText('标题为必填项')).toBeNull());
    expect(screen.getByLabelText('信访内容')).toHaveAttribute('aria-invalid', 'true');
  });

  it('puts the server’s ID-number checksum error and other field messages on their own fields', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post('/api/matters', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return apiError(400, {
          message_zh: '提交的内容有误',
          message_en: 'The input is not valid',
          fields: [
            {
              path: 'petitioners.0.idNumber',
              message_zh: ID_CHECKSUM,
              message_en: 'the ID number is not valid (checksum)',
            },
            {
              path: 'headCount',
              message_zh: '来访人数不能大于500',
              message_en: 'headCount must be at most 500',
            },
          ],
        });
      }),
    );
    const { user } = await openPage();
    await user.type(screen.getByLabelText('标题'), '小区电梯停运两个月无人维修');
    await user.type(screen.getByLabelText('信访内容'), '电梯自两个月前停运至今，老人上下楼困难。');
    const first = within(petitioner(0));
    await user.type(first.getByLabelText('姓名'), '王小明');
    // One digit off: the checksum (GB 11643) is the server's to check.
    await user.type(first.getByLabelText('身份证号'), '11010519491231002Y');
    await user.click(submit());

    const id = first.getByLabelText('身份证号');
    // antd marks the field invalid first and renders its message a moment later (on a loaded CI
    // machine the description was still empty right after aria-invalid): wait for both.
    await waitFor(() => {
      expect(id).toHaveAttribute('aria-invalid', 'true');
      expect(id).toHaveAccessibleDescription(ID_CHECKSUM);
      expect(screen.getByLabelText('来访人数（人次）')).toHaveAccessibleDescription(/来访人数不能大于500/);
    });
    expect(screen.getAllByText(ID_CHECKSUM)).toHaveLength(1);
    expect(first.getByLabelText('姓名')).not.toHaveAttribute('aria-invalid', 'true');
    expect(body).toMatchObject({
      subject: '小区电梯停运两个月无人维修',
      regionCode: HANDLER_SESSION.user.unit.regionCode,
      petitioners: [{ kind: 'person', name: '王小明', idNumber: '11010519491231002Y' }],
    });

    // Correcting the number takes the message away.
    await user.clear(id);
    await user.type(id, '110105194912310029');
    await waitFor(() => expect(id).not.toHaveAttribute('aria-invalid', 'true'));
    await waitFor(() => expect(screen.queryByText(ID_CHECKSUM)).toBeNull());
  });
});

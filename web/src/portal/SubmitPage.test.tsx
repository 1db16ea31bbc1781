import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Category, PublicReceipt, Region } from '../../../src/shared/api.schema.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, apiError, http, server } from '../../test/server.ts';
import { SubmitPage } from './SubmitPage.tsx';

const region = (code: string, name: string, parentCode: string | null): Region => ({
  code,
  name,
  level: parentCode ? 'city' : 'province',
  parentCode,
});
const REGIONS: Record<string, Region[]> = {
  '': [region('440000', '广东省', null)],
  '440000': [],
};
const CATEGORIES: Category[] = [
  { code: 'CJ', nameZh: '城乡建设', nameEn: 'Urban and rural construction', parentCode: null, level: 1 },
];
const RECEIPT: PublicReceipt = {
  caseNumber: 'XF440000-2026-000123',
  queryCode: 'K7Q2-M9PX',
  receivedAt: '2026-11-30T02:00:00.000Z',
  acceptanceDueDate: '2026-12-15',
};

beforeEach(() => {
  server.use(
    http.get('/api/public/regions', ({ request }) =>
      HttpResponse.json({ items: REGIONS[new URL(request.url).searchParams.get('parent') ?? ''] ?? [] }),
    ),
    http.get('/api/public/categories', () => HttpResponse.json({ items: CATEGORIES })),
  );
});

/** What the live regions say (the summary above the form and each field's message). */
const announced = () =>
  screen
    .getAllByRole('alert')
    .map((a) => a.textContent ?? '')
    .join(' | ');

const submitButton = () => screen.getByRole('button', { name: /提交信访事项/ });

/** Fills every required field of the form (the region through its select). */
async function fillRequired(user: ReturnType<typeof renderUi>['user']) {
  await user.type(screen.getByLabelText('姓名'), '王小明');
  await user.type(screen.getByLabelText('联系电话'), '13800138000');
  await user.click(await screen.findByLabelText('问题发生地'));
  await user.click(await screen.findByTitle('广东省'));
  await user.type(screen.getByLabelText('标题'), '小区电梯停运两个月无人维修');
  await user.type(screen.getByLabelText('具体内容'), '电梯自两个月前停运至今，老人上下楼困难。');
}

describe('the portal submission form', () => {
  it('shows what is missing next to each required field and sends nothing', async () => {
    const sent = vi.fn();
    server.use(http.post('/api/public/petitions', () => (sent(), HttpResponse.json(RECEIPT))));
    const { user } = renderUi(<SubmitPage onLookup={() => {}} />);
    await user.click(submitButton());
    for (const text of ['请填写姓名', '请填写联系电话', '请选择问题发生地', '请填写标题', '请填写具体内容'])
      expect(await screen.findByText(text)).toBeInTheDocument();
    // The summary above the form is announced; each field is described by its own message.
    expect(announced()).toContain('请按提示修改标红的内容');
    expect(screen.getByLabelText('姓名')).toHaveAccessibleDescription('请填写姓名');
    // Focus lands on the first field to correct.
    await waitFor(() => expect(screen.getByLabelText('姓名')).toHaveFocus());
    expect(screen.getByLabelText('姓名')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).not.toHaveBeenCalled();

    // Typing a name takes its message away; the others stay.
    await user.type(screen.getByLabelText('姓名'), '王小明');
    await waitFor(() => expect(screen.queryByText('请填写姓名')).toBeNull());
    expect(screen.getByText('请填写标题')).toBeInTheDocument();
    expect(screen.getByText('请按提示修改标红的内容。')).toBeInTheDocument();
  });

  it('takes the summary away once the last marked field is corrected', async () => {
    const { user } = renderUi(<SubmitPage onLookup={() => {}} />);
    await user.click(submitButton());
    expect(await screen.findByText('请按提示修改标红的内容。')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('姓名'));
    await fillRequired(user);
    await waitFor(() => expect(screen.queryByText('请按提示修改标红的内容。')).toBeNull());
  });

  it('puts the server’s field messages on their fields', async () => {
    server.use(
      http.post('/api/public/petitions', () =>
        apiError(400, {
          message_zh: '提交的内容有误',
          message_en: 'The input is not valid',
          fields: [
            { path: 'phone', message_zh: '联系电话格式不正确', message_en: 'the phone number is not valid' },
            { path: 'idNumber', message_zh: '身份证号码无效', message_en: 'the ID number is not valid' },
          ],
        }),
      ),
    );
    const { user } = renderUi(<SubmitPage onLookup={() => {}} />);
    await fillRequired(user);
    await user.type(screen.getByLabelText('身份证号（选填）'), '110101199003071234');
    await user.click(submitButton());
    const phoneMsg = await screen.findByText('联系电话格式不正确');
    // Each message sits in its own field's item, with the field marked invalid.
    expect(phoneMsg.closest('.ant-form-item')).toContainElement(screen.getByLabelText('联系电话'));
    expect(screen.getByText('身份证号码无效').closest('.ant-form-item')).toContainElement(
      screen.getByLabelText('身份证号（选填）'),
    );
    expect(screen.getByLabelText('联系电话')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('联系电话')).toHaveAccessibleDescription('联系电话格式不正确');
    expect(screen.getByLabelText('联系电话')).toHaveFocus();
    expect(screen.getByLabelText('姓名')).not.toHaveAttribute('aria-invalid', 'true');
    expect(announced()).toContain('请按提示修改标红的内容');
  });

  it('sends the petition and shows the case number and query code', async () => {
    let body: Record<string, unknown> = {};
    let key: string | null = null;
    server.use(
      http.post('/api/public/petitions', async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        key = request.headers.get('idempotency-key');
        return HttpResponse.json(RECEIPT, { status: 201 });
      }),
    );
    const onLookup = vi.fn();
    const { user } = renderUi(<SubmitPage onLookup={onLookup} />);
    await fillRequired(user);
    await user.click(submitButton());
    const receipt = await screen.findByTestId('receipt');
    expect(within(receipt).getByTestId('case-number')).toHaveTextContent(RECEIPT.caseNumber);
    expect(within(receipt).getByTestId('query-code')).toHaveTextContent(RECEIPT.queryCode);
    expect(body).toMatchObject({
      name: '王小明',
      phone: '13800138000',
      regionCode: '440000',
      purpose: 'request',
      subject: '小区电梯停运两个月无人维修',
    });
    expect(body).not.toHaveProperty('idNumber');
    expect(key).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '查询办理进度' }));
    expect(onLookup).toHaveBeenCalledWith(RECEIPT.caseNumber, RECEIPT.queryCode);
  });
});

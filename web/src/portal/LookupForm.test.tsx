import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { PublicLookup } from '../../../src/shared/api.schema.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, apiError, http, server } from '../../test/server.ts';
import { LookupForm } from './LookupForm.tsx';

const WRONG = {
  path: 'queryCode',
  message_zh: '编号或查询码不正确',
  message_en: 'wrong case number or query code',
};

describe('LookupForm', () => {
  it('asks for both fields before sending anything', async () => {
    const sent = vi.fn();
    server.use(http.post('/api/public/lookup', () => (sent(), HttpResponse.json({}))));
    const { user } = renderUi(<LookupForm onFound={() => {}} />);
    await user.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('请填写信访件编号')).toBeInTheDocument();
    expect(screen.getByText('请填写查询码')).toBeInTheDocument();
    expect(sent).not.toHaveBeenCalled();
  });

  it('shows a wrong code once, on the query-code field, and not again above the form', async () => {
    server.use(
      http.post('/api/public/lookup', () =>
        apiError(404, {
          code: 'not_found',
          message_zh: '编号或查询码不正确',
          message_en: 'Wrong case number or query code',
          fields: [WRONG],
        }),
      ),
    );
    const onFound = vi.fn();
    const { user } = renderUi(<LookupForm onFound={onFound} />);
    await user.type(screen.getByLabelText('信访件编号'), 'XF2026-000001');
    await user.type(screen.getByLabelText('查询码'), 'WRONG-CODE');
    await user.click(screen.getByRole('button', { name: /查\s*询/ }));
    await screen.findByText('编号或查询码不正确');
    expect(screen.getAllByText('编号或查询码不正确')).toHaveLength(1);
    expect(screen.queryByRole('alert', { name: /编号或查询码不正确/ })).toBeNull();
    expect(screen.getByLabelText('查询码')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('查询码')).toHaveFocus();
    expect(onFound).not.toHaveBeenCalled();

    // Correcting the code takes the message away.
    await user.type(screen.getByLabelText('查询码'), 'X');
    await waitFor(() => expect(screen.queryByText('编号或查询码不正确')).toBeNull());
  });

  it('hands the trimmed credentials and the answer to the page', async () => {
    const answer = { caseNumber: 'XF2026-000001' } as unknown as PublicLookup;
    let body: unknown;
    server.use(
      http.post('/api/public/lookup', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(answer);
      }),
    );
    const onFound = vi.fn();
    const { user } = renderUi(<LookupForm onFound={onFound} />);
    await user.type(screen.getByLabelText('信访件编号'), '  XF2026-000001 ');
    await user.type(screen.getByLabelText('查询码'), 'ABCD-1234 ');
    await user.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(onFound).toHaveBeenCalledTimes(1));
    expect(body).toEqual({ caseNumber: 'XF2026-000001', queryCode: 'ABCD-1234' });
    expect(onFound).toHaveBeenCalledWith(body, answer);
  });
});

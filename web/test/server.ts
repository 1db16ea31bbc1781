import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { ErrorBody } from '../../src/shared/api.schema.ts';

/** The network of component tests: each test adds the answers it needs with `server.use(…)`. */
export const server = setupServer();

type Err = ErrorBody['error'];

/** An error answer in the API's own shape (bilingual message and field messages). */
export function apiError(
  status: number,
  error: Partial<Err> & Pick<Err, 'message_zh' | 'message_en'>,
): Response {
  const body: ErrorBody = { error: { code: 'validation_failed', fields: [], ...error } };
  return HttpResponse.json(body, { status });
}

export { HttpResponse, http };

import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { TEST_PASSWORD } from './fixtures.ts';

/**
 * GET requests as a signed-in staff user of the test organisation: each user signs in once, on
 * first use, and their session cookie is reused. `before` runs ahead of every request (e.g. waiting
 * for a read replica to replay what the test wrote).
 */
export function staffGet(app: () => FastifyInstance, before?: () => Promise<void>) {
  const cookies: Record<string, string> = {};
  return async (username: string, url: string) => {
    await before?.();
    if (!cookies[username]) {
      const res = await app().inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      cookies[username] = String(res.headers['set-cookie']).split(';')[0]!;
    }
    return app().inject({ method: 'GET', url, headers: { cookie: cookies[username] } });
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { noStore, requireStaff, SESSION_COOKIE } from '../http/auth-hooks.ts';
import { login, logout } from './sessions.ts';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        body: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }),
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const result = await login(ctx, req.body.username, req.body.password);
      void reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.cookieSecure,
        path: '/',
        expires: result.expiresAt,
      });
      noStore(reply);
      return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  );
  r.get('/api/auth/me', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const user = requireStaff(req);
    noStore(reply);
    return { user, csrfToken: req.csrfToken };
  });
  r.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(ctx, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
}

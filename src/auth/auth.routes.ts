import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginLockSchema, Ok, responses, SessionSchema } from '../shared/api.schema.ts';
import type { AppContext } from '../app/context.ts';
import { noStore, requireStaff, SESSION_COOKIE } from '../http/auth-hooks.ts';
import { plain, trimmed } from '../shared/schemas.ts';
import { listLoginLocks, unlockLogin } from './login-throttle.ts';
import { login, logout } from './sessions.ts';

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        body: z.object({ username: trimmed(40, 1), password: plain(200, 1) }),
        response: responses({ 200: SessionSchema }),
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
  r.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], response: responses({ 200: SessionSchema }) } },
    async (req, reply) => {
      const user = requireStaff(req);
      noStore(reply);
      return { user, csrfToken: req.csrfToken };
    },
  );
  // Administrators see the accounts locked after repeated failed logins and may lift a lock early.
  r.get(
    '/api/admin/login-locks',
    {
      schema: {
        tags: ['admin'],
        response: responses({ 200: z.object({ items: z.array(LoginLockSchema) }) }),
      },
    },
    async (req, reply) => {
      requireStaff(req, 'admin');
      noStore(reply);
      return { items: await listLoginLocks(ctx) };
    },
  );
  r.post(
    '/api/admin/login-locks/unlock',
    {
      schema: {
        tags: ['admin'],
        body: z.object({ username: trimmed(40, 1) }).strict(),
        response: responses({ 200: Ok }),
      },
    },
    async (req) => {
      const admin = requireStaff(req, 'admin');
      await unlockLogin(ctx, { kind: 'staff', userId: admin.id, unitId: admin.unit.id }, req.body.username);
      return { ok: true };
    },
  );
  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: responses({ 200: Ok }) } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
}

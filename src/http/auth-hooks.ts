import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { resolveSession } from '../auth/sessions.ts';
import { hasRole, type StaffUser } from '../auth/staff-user.ts';
import { AppError, forbidden } from '../errors/app-error.ts';
import type { Role } from '../shared/enums.ts';

export const SESSION_COOKIE = 'ms_session';

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffUser | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_EXEMPT = [/^\/api\/auth\/login$/, /^\/api\/public\//];

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Resolves the session cookie on every API request, and enforces the CSRF token (sent back in the
 * x-csrf-token header) on every state-changing request made with a session.
 */
export function installAuthHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('staff', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(ctx, token);
      if (s) {
        req.staff = s.user;
        req.csrfToken = s.csrfToken;
      }
    }
    const path = req.url.split('?')[0] ?? '';
    if (SAFE_METHODS.has(req.method) || CSRF_EXEMPT.some((r) => r.test(path)) || !req.staff) return;
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !req.csrfToken || !sameToken(sent, req.csrfToken)) {
      throw new AppError(
        'csrf_failed',
        'CSRF校验失败，请刷新页面后重试',
        'CSRF check failed; reload the page and retry',
      );
    }
  });
}

export function requireStaff(req: FastifyRequest, ...roles: Role[]): StaffUser {
  if (!req.staff)
    throw new AppError(
      'unauthenticated',
      '请先登录（会话可能已过期）',
      'Please sign in (your session may have expired)',
    );
  if (roles.length > 0 && !hasRole(req.staff, ...roles)) throw forbidden();
  return req.staff;
}

export const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

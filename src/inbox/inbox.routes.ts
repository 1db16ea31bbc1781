import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { responses } from '../shared/api.schema.ts';
import { InboxPageSchema, InboxQuery, UnreadCountSchema } from '../shared/inbox.schema.ts';
import { idParam } from '../shared/schemas.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.queries.ts';

/** Each user's inbox: their notices, the unread count for the header badge, and marking read. */
export function inboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/inbox',
    { schema: { tags: ['inbox'], querystring: InboxQuery, response: responses({ 200: InboxPageSchema }) } },
    async (req) => listInbox(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/inbox/unread-count',
    { schema: { tags: ['inbox'], response: responses({ 200: UnreadCountSchema }) } },
    async (req) => ({ unread: await unreadCount(ctx, requireStaff(req)) }),
  );
  r.post(
    '/api/inbox/:id/read',
    {
      schema: {
        tags: ['inbox'],
        params: z.object({ id: idParam }),
        response: responses({ 200: UnreadCountSchema }),
      },
    },
    async (req) => markRead(ctx, requireStaff(req), req.params.id),
  );
  r.post(
    '/api/inbox/read-all',
    { schema: { tags: ['inbox'], response: responses({ 200: UnreadCountSchema }) } },
    async (req) => markAllRead(ctx, requireStaff(req)),
  );
}

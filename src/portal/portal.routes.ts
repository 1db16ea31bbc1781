import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { idempotencyFrom } from '../http/idempotency-key.ts';
import { listCategories, listRegions } from '../org/org.queries.ts';
import { lookupPublic, publicCommand, submitPublicPetition } from './portal.service.ts';

const Auth = z.object({ caseNumber: z.string().trim().min(1).max(40), queryCode: z.string().trim().min(1).max(40) });

/** The public portal: no account, rate-limited per client address. */
export function portalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limited = { rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' } };

  r.post('/api/public/petitions', { schema: { tags: ['portal'] }, config: limited }, async (req, reply) => {
    const result = await submitPublicPetition(ctx, req.body, idempotencyFrom(req, `public:${req.ip}`));
    void reply.status(201);
    return result;
  });
  r.post('/api/public/lookup', { schema: { tags: ['portal'], body: Auth }, config: limited }, async (req) => lookupPublic(ctx, req.body));
  r.post('/api/public/rate', { schema: { tags: ['portal'], body: Auth.passthrough() }, config: limited }, async (req) =>
    publicCommand(ctx, 'rate', req.body),
  );
  r.post('/api/public/request-review', { schema: { tags: ['portal'], body: Auth.passthrough() }, config: limited }, async (req) =>
    publicCommand(ctx, 'requestReview', req.body),
  );
  r.post('/api/public/request-recheck', { schema: { tags: ['portal'], body: Auth.passthrough() }, config: limited }, async (req) =>
    publicCommand(ctx, 'requestRecheck', req.body),
  );
  r.get('/api/public/regions', { schema: { tags: ['portal'], querystring: z.object({ parent: z.string().regex(/^[0-9]{2,15}$/).optional() }) }, config: limited }, async (req) =>
    listRegions(ctx, req.query.parent),
  );
  r.get('/api/public/categories', { schema: { tags: ['portal'] }, config: limited }, async () => listCategories(ctx));
  r.get('/api/public/receptions', { schema: { tags: ['portal'] }, config: limited }, async () => ({ items: [] }));
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { responses, RoutingSuggestions } from '../shared/api.schema.ts';
import { PURPOSES } from '../shared/enums.ts';
import { id, plain, regionCode } from '../shared/schemas.ts';

/** Where a matter should go, suggested while it is registered. */
export function routingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/routing/suggest',
    {
      schema: {
        tags: ['routing'],
        body: z.object({
          regionCode,
          categoryCode: plain(80).optional(),
          purpose: z.enum(PURPOSES),
          isMisconductReport: z.boolean().default(false),
          reportedUnitId: id.optional(),
          text: plain(20_000).default(''),
        }),
        response: responses({ 200: RoutingSuggestions }),
      },
    },
    async (req) => {
      requireStaff(req);
      return {
        suggestions: await ctx.routing.suggest({
          regionCode: req.body.regionCode,
          categoryCode: req.body.categoryCode ?? null,
          purpose: req.body.purpose,
          isMisconductReport: req.body.isMisconductReport,
          reportedUnitId: req.body.reportedUnitId ?? null,
          text: req.body.text,
        }),
      };
    },
  );
}

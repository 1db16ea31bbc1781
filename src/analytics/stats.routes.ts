import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { responses } from '../shared/api.schema.ts';
import { regionCode } from '../shared/schemas.ts';
import { VOLUME_DIMENSIONS, VolumeTableSchema } from '../shared/stats.schema.ts';
import { parsePeriod } from './period.ts';
import { resolveStatsScope, STATS_ROLES } from './stats-scope.ts';
import { volumeTable } from './volume.ts';

/** Dates are checked by parsePeriod (one message for a bad date, a reversed or a too long period). */
export const VolumeQuery = z.strictObject({
  from: z.string().max(10),
  to: z.string().max(10),
  region: regionCode.optional(),
  by: z.enum(VOLUME_DIMENSIONS).optional(),
});

export function statsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/stats/volume',
    {
      schema: {
        tags: ['analytics'],
        summary: '信访总量表 Volume table (件次, 人次, 来访批次/人次, 集体访批次/人次, year on year)',
        querystring: VolumeQuery,
        response: responses({ 200: VolumeTableSchema }),
      },
    },
    async (req) => {
      const user = requireStaff(req, ...STATS_ROLES);
      const period = parsePeriod(req.query, 'querystring');
      const scope = await resolveStatsScope(ctx.readDb, user, req.query.region, 'querystring.region');
      return volumeTable(ctx.readDb, scope, { period, by: req.query.by ?? null }, ctx.clock());
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { responses } from '../shared/api.schema.ts';
import { intQuery, plain, regionCode } from '../shared/schemas.ts';
import { IndicatorSetSchema } from '../shared/stats.schema.ts';
import { computeIndicators } from './indicators.ts';
import { parsePeriod } from './period.ts';
import { resolveStatsScope, STATS_ROLES } from './stats-scope.ts';

/** The dates stay strings here: parsePeriod names a bad, backwards or too long period in both languages. */
export const IndicatorsQuery = z.strictObject({
  from: plain(10),
  to: plain(10),
  region: regionCode.optional(),
  unit: intQuery(1, 2_147_483_647).optional(),
  category: plain(80, 1).optional(),
});

export function indicatorsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/stats/indicators',
    {
      schema: {
        tags: ['analytics'],
        summary: '程序性指标 Procedure indicators (numerator, denominator and rate of each)',
        querystring: IndicatorsQuery,
        response: responses({ 200: IndicatorSetSchema }),
      },
    },
    async (req) => {
      const user = requireStaff(req, ...STATS_ROLES);
      const period = parsePeriod(req.query, 'querystring');
      const scope = await resolveStatsScope(ctx.readDb, user, req.query.region, 'querystring.region');
      return computeIndicators(
        ctx.readDb,
        scope,
        { period, unitId: req.query.unit ?? null, category: req.query.category ?? null },
        ctx.clock(),
        'querystring',
      );
    },
  );
}

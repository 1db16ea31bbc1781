import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { Actor } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { responses } from '../shared/api.schema.ts';
import { idParam, plain, regionCode } from '../shared/schemas.ts';
import {
  INDICATORS,
  ScorecardSchema,
  ScorecardWeightsSchema,
  TARGET_YEARS,
  UnitComparisonSchema,
  UnitTargetList,
  UnitTargetsInput,
  UnitTargetsSchema,
} from '../shared/stats.schema.ts';
import { parsePeriod } from './period.ts';
import { scorecard, unitComparison } from './scorecard.ts';
import {
  listUnitTargets,
  readScorecardWeights,
  saveScorecardWeights,
  saveUnitTargets,
} from './scorecard-settings.ts';
import { scorecardTableSpec, unitComparisonTableSpec } from './scorecard-tables.ts';
import { FORMAT, sendTable, TableFile } from './stats.routes.ts';
import { resolveStatsScope, STATS_ROLES } from './stats-scope.ts';

/** A year as four digits (a query string or a path segment). */
const year = z
  .string()
  .regex(/^[0-9]{4}$/)
  .transform(Number)
  .pipe(z.number().int().min(TARGET_YEARS.min).max(TARGET_YEARS.max));

/** The dates stay strings: parsePeriod names a bad, backwards or too long period in both languages. */
export const ScorecardQuery = z.strictObject({
  from: plain(10),
  to: plain(10),
  region: regionCode.optional(),
  category: plain(80, 1).optional(),
  /** Whose targets; the year of `to` by default. */
  year: year.optional(),
});

export const UnitComparisonQuery = z.strictObject({
  from: plain(10),
  to: plain(10),
  indicator: z.enum(INDICATORS),
  region: regionCode.optional(),
  category: plain(80, 1).optional(),
});

const actorOf = (u: StaffUser): Actor => ({ kind: 'staff', userId: u.id, unitId: u.unit.id });

export function scorecardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const card = async (req: FastifyRequest, q: z.output<typeof ScorecardQuery>) => {
    const user = requireStaff(req, ...STATS_ROLES);
    const period = parsePeriod(q, 'querystring');
    const scope = await resolveStatsScope(ctx.readDb, user, q.region, 'querystring.region');
    return scorecard(
      ctx.readDb,
      scope,
      { period, category: q.category ?? null, year: q.year ?? null },
      ctx.clock(),
      'querystring',
    );
  };

  r.get(
    '/api/stats/scorecard',
    {
      schema: {
        tags: ['analytics'],
        summary:
          '单位考核评分 Unit scorecards: indicators against targets, gap, weighted score and rank among peers',
        querystring: ScorecardQuery,
        response: responses({ 200: ScorecardSchema }),
      },
    },
    async (req) => card(req, req.query),
  );

  r.get(
    '/api/stats/scorecard/export',
    {
      schema: {
        tags: ['analytics'],
        summary: '单位考核评分导出 The unit scorecards as XLSX or CSV',
        querystring: ScorecardQuery.extend({ format: FORMAT }),
        response: responses({ 200: TableFile }),
      },
    },
    async (req, reply) => {
      const result = await card(req, req.query);
      return sendTable(
        reply,
        req.query.format,
        `信访工作单位考核评分表_${result.period.from}_${result.period.to}`,
        scorecardTableSpec(result),
      );
    },
  );

  const comparison = async (req: FastifyRequest, q: z.output<typeof UnitComparisonQuery>) => {
    const user = requireStaff(req, ...STATS_ROLES);
    const period = parsePeriod(q, 'querystring');
    const scope = await resolveStatsScope(ctx.readDb, user, q.region, 'querystring.region');
    return unitComparison(
      ctx.readDb,
      scope,
      { period, category: q.category ?? null, indicator: q.indicator },
      ctx.clock(),
      'querystring',
    );
  };

  r.get(
    '/api/stats/units',
    {
      schema: {
        tags: ['analytics'],
        summary: '单位指标排名 Units ranked by one indicator among peers of the same level and kind',
        querystring: UnitComparisonQuery,
        response: responses({ 200: UnitComparisonSchema }),
      },
    },
    async (req) => comparison(req, req.query),
  );

  r.get(
    '/api/stats/units/export',
    {
      schema: {
        tags: ['analytics'],
        summary: '单位指标排名导出 The unit ranking by one indicator as XLSX or CSV',
        querystring: UnitComparisonQuery.extend({ format: FORMAT }),
        response: responses({ 200: TableFile }),
      },
    },
    async (req, reply) => {
      const result = await comparison(req, req.query);
      return sendTable(
        reply,
        req.query.format,
        `单位指标排名_${result.indicator}_${result.period.from}_${result.period.to}`,
        unitComparisonTableSpec(result),
      );
    },
  );

  // Administration (role admin): the targets and the weights the scorecard reads.
  r.get(
    '/api/admin/unit-targets',
    {
      schema: {
        tags: ['admin'],
        summary: '单位年度目标 Each unit’s targets for a year (units with at least one)',
        querystring: z.strictObject({ year }),
        response: responses({ 200: UnitTargetList }),
      },
    },
    async (req) => {
      requireStaff(req, 'admin');
      return { year: req.query.year, items: await listUnitTargets(ctx.db, req.query.year) };
    },
  );
  r.put(
    '/api/admin/unit-targets/:unitId/:year',
    {
      schema: {
        tags: ['admin'],
        summary: '设定单位年度目标 Set or clear (null) a unit’s targets for a year; others stay',
        params: z.strictObject({ unitId: idParam, year }),
        body: UnitTargetsInput,
        response: responses({ 200: UnitTargetsSchema }),
      },
    },
    async (req) =>
      saveUnitTargets(ctx, actorOf(requireStaff(req, 'admin')), req.params.unitId, req.params.year, req.body),
  );
  const weights = {
    tags: ['admin'],
    summary: '考核评分权重 The scorecard’s weights (the published scheme until changed)',
    response: responses({ 200: ScorecardWeightsSchema }),
  };
  r.get('/api/admin/scorecard-weights', { schema: weights }, async (req) => {
    requireStaff(req, 'admin');
    return readScorecardWeights(ctx.db);
  });
  r.put(
    '/api/admin/scorecard-weights',
    { schema: { ...weights, body: ScorecardWeightsSchema } },
    async (req) => saveScorecardWeights(ctx, actorOf(requireStaff(req, 'admin')), req.body),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { DashboardSummarySchema, responses } from '../shared/api.schema.ts';
import { dashboardSummary } from './dashboard.queries.ts';

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The home page's figures in one answer; the roles are those that may open the queue's counts.
  r.get(
    '/api/dashboard/summary',
    { schema: { tags: ['analytics'], response: responses({ 200: DashboardSummarySchema }) } },
    async (req) =>
      dashboardSummary(
        ctx,
        requireStaff(req, 'registrar', 'officer', 'unit_head', 'leader', 'supervisor', 'analyst'),
      ),
  );
}

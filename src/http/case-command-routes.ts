import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { responses } from '../shared/api.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import { idParam } from '../shared/schemas.ts';
import { requireStaff } from './auth-hooks.ts';

type CaseCommand = (
  ctx: AppContext,
  actor: { kind: 'staff'; user: StaffUser },
  caseId: number,
  body: unknown,
) => Promise<{ id: number; state: string; version: number }>;

/**
 * `POST {base}/:id/{verb}` for each command of a case type: the body schema declared, the staff
 * user as the actor, the case's id, state and version as the answer.
 */
export function caseCommandRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  opts: { base: string; tag: string; commands: Record<string, { body: z.ZodType; run: CaseCommand }> },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const [verb, c] of Object.entries(opts.commands)) {
    r.post(
      `${opts.base}/:id/${verb}`,
      {
        schema: {
          tags: [opts.tag],
          params: z.object({ id: idParam }),
          body: c.body,
          response: responses({ 200: CaseCommandResultSchema }),
        },
      },
      async (req) => {
        const res = await c.run(ctx, { kind: 'staff', user: requireStaff(req) }, req.params.id, req.body);
        return { id: res.id, state: res.state, version: res.version };
      },
    );
  }
}

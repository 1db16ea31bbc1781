import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import {
  CommandResultSchema,
  MatterDetailSchema,
  MatterPage,
  PetitionerMattersSchema,
  responses,
  UnmaskedPetitionerSchema,
} from '../shared/api.schema.ts';
import { idParam } from '../shared/schemas.ts';
import { COMMAND_BODIES, COMMAND_ROUTES, matterCommands } from './matter-commands.ts';
import {
  getMatter,
  listMatters,
  listPetitionerMatters,
  MatterListQuery,
  unmaskPetitioner,
} from './matter.queries.ts';

const MatterParams = z.object({ id: idParam });

/** The queue, one matter with what may be done to it now, the commands on it, and a petitioner's other matters. */
export function lifecycleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/matters',
    { schema: { tags: ['matters'], querystring: MatterListQuery, response: responses({ 200: MatterPage }) } },
    async (req) => listMatters(ctx, requireStaff(req), req.query),
  );

  r.get(
    '/api/matters/:id',
    { schema: { tags: ['matters'], params: MatterParams, response: responses({ 200: MatterDetailSchema }) } },
    async (req) => getMatter(ctx, requireStaff(req), req.params.id),
  );

  for (const [verb, fn] of Object.entries(COMMAND_ROUTES)) {
    r.post(
      `/api/matters/:id/${verb}`,
      {
        schema: {
          tags: ['lifecycle'],
          params: MatterParams,
          ...(COMMAND_BODIES[fn] ? { body: COMMAND_BODIES[fn] } : {}),
          description: `Lifecycle command: ${fn}`,
          response: responses({ 200: CommandResultSchema }),
        },
      },
      async (req) => {
        const user = requireStaff(req);
        return matterCommands[fn](ctx, { kind: 'staff', user }, req.params.id, req.body ?? {});
      },
    );
  }

  r.post(
    '/api/matters/:id/petitioners/:petitionerId/unmask',
    {
      schema: {
        tags: ['matters'],
        params: z.object({ id: idParam, petitionerId: idParam }),
        response: responses({ 200: UnmaskedPetitionerSchema }),
      },
    },
    async (req) => unmaskPetitioner(ctx, requireStaff(req), req.params.id, req.params.petitionerId),
  );

  r.get(
    '/api/petitioners/:id/matters',
    {
      schema: {
        tags: ['matters'],
        params: z.object({ id: idParam }),
        response: responses({ 200: PetitionerMattersSchema }),
      },
    },
    async (req) => listPetitionerMatters(ctx, requireStaff(req), req.params.id),
  );
}

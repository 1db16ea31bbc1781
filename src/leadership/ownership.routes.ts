import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { responses } from '../shared/api.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import {
  AddMemberInput,
  AddStepInput,
  BindCardInput,
  OpenOwnershipInput,
  OwnershipCandidatesSchema,
  OwnershipCommentInput,
  OwnershipListQuery,
  OwnershipListSchema,
  OwnershipReplyInput,
  OwnershipSchema,
  ReleaseOwnershipInput,
  ReportStepInput,
} from '../shared/ownership.schema.ts';
import { idParam } from '../shared/schemas.ts';
import {
  addMember,
  addStep,
  bindCard,
  commentOnOwnership,
  openOwnership,
  releaseOwnership,
  replyToOwnership,
  reportProgress,
} from './ownership.commands.ts';
import {
  getOwnership,
  listOwnerships,
  ownershipCandidates,
  ownershipsOfMatter,
} from './ownership.queries.ts';

const IdParams = z.object({ id: idParam });
const MatterOwnerships = z.object({ items: z.array(OwnershipSchema), canOwn: z.boolean() });
const CandidatesQuery = z.object({ leaderId: idParam.optional() }).strict();

/** Case ownership (领导包案): opened on a matter, its plan and team grown, progress reported, replied to. */
export function ownershipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/matters/:id/ownerships',
    {
      schema: {
        tags: ['leadership'],
        params: IdParams,
        body: OpenOwnershipInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => openOwnership(ctx, { kind: 'staff', user: requireStaff(req) }, req.params.id, req.body),
  );
  r.get(
    '/api/matters/:id/ownerships',
    { schema: { tags: ['leadership'], params: IdParams, response: responses({ 200: MatterOwnerships }) } },
    async (req) => ownershipsOfMatter(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/matters/:id/ownership-candidates',
    {
      schema: {
        tags: ['leadership'],
        params: IdParams,
        querystring: CandidatesQuery,
        response: responses({ 200: OwnershipCandidatesSchema }),
      },
    },
    async (req) => ownershipCandidates(ctx, requireStaff(req), req.params.id, req.query.leaderId),
  );
  r.get(
    '/api/ownerships',
    {
      schema: {
        tags: ['leadership'],
        querystring: OwnershipListQuery,
        response: responses({ 200: OwnershipListSchema }),
      },
    },
    async (req) => listOwnerships(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/ownerships/:id',
    { schema: { tags: ['leadership'], params: IdParams, response: responses({ 200: OwnershipSchema }) } },
    async (req) => getOwnership(ctx, requireStaff(req), req.params.id),
  );
  const commands = {
    'add-step': { body: AddStepInput, run: addStep },
    report: { body: ReportStepInput, run: reportProgress },
    'add-member': { body: AddMemberInput, run: addMember },
    'bind-card': { body: BindCardInput, run: bindCard },
    reply: { body: OwnershipReplyInput, run: replyToOwnership },
    release: { body: ReleaseOwnershipInput, run: releaseOwnership },
    comment: { body: OwnershipCommentInput, run: commentOnOwnership },
  } as const;
  caseCommandRoutes(app, ctx, { base: '/api/ownerships', tag: 'leadership', commands });
}

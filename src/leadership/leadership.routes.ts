import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { responses } from '../shared/api.schema.ts';
import {
  AnswerInstructionInput,
  CaseCommandResultSchema,
  CloseInstructionInput,
  CommentInstructionInput,
  InstructionListQuery,
  InstructionListSchema,
  InstructionSchema,
  IssueInstructionInput,
} from '../shared/leadership.schema.ts';
import { idParam } from '../shared/schemas.ts';
import {
  answerInstruction,
  closeInstruction,
  commentOnInstruction,
  issueInstruction,
  withdrawInstruction,
} from './instruction.commands.ts';
import { getInstruction, instructionsOfMatter, listInstructions } from './instruction.queries.ts';

const IdParams = z.object({ id: idParam });
const MatterInstructions = z.object({ items: z.array(InstructionSchema), canIssue: z.boolean() });

/** Leaders' instructions (阅批): issued on a matter, answered by the addressed units, listed for the leader. */
export function leadershipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/matters/:id/instructions',
    {
      schema: {
        tags: ['leadership'],
        params: IdParams,
        body: IssueInstructionInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => issueInstruction(ctx, { kind: 'staff', user: requireStaff(req) }, req.params.id, req.body),
  );
  r.get(
    '/api/matters/:id/instructions',
    { schema: { tags: ['leadership'], params: IdParams, response: responses({ 200: MatterInstructions }) } },
    async (req) => instructionsOfMatter(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/instructions',
    {
      schema: {
        tags: ['leadership'],
        querystring: InstructionListQuery,
        response: responses({ 200: InstructionListSchema }),
      },
    },
    async (req) => listInstructions(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/instructions/:id',
    { schema: { tags: ['leadership'], params: IdParams, response: responses({ 200: InstructionSchema }) } },
    async (req) => getInstruction(ctx, requireStaff(req), req.params.id),
  );
  const commands = {
    answer: { body: AnswerInstructionInput, run: answerInstruction },
    close: { body: CloseInstructionInput, run: closeInstruction },
    withdraw: { body: CloseInstructionInput, run: withdrawInstruction },
    comment: { body: CommentInstructionInput, run: commentOnInstruction },
  } as const;
  caseCommandRoutes(app, ctx, { base: '/api/instructions', tag: 'leadership', commands });
}

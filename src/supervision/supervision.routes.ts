import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { responses } from '../shared/api.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import { idParam } from '../shared/schemas.ts';
import {
  AnswerCardInput,
  CardCommentInput,
  CardAttachmentsSchema,
  CardListQuery,
  CardListSchema,
  CardNoteInput,
  CardSchema,
  IssueCardInput,
  IssueUnitCardInput,
  ReturnCardInput,
  UnitCardCandidatesSchema,
} from '../shared/supervision.schema.ts';
import {
  acceptCard,
  answerCard,
  commentOnCard,
  issueCard,
  issueUnitCard,
  returnCard,
  withdrawCard,
} from './card.commands.ts';
import { cardAttachments, cardsOfMatter, getCard, listCards, unitCardCandidates } from './card.queries.ts';
import {
  FollowUpCommentInput,
  FollowUpListSchema,
  RecordFollowUpInput,
  TakeUpFollowUpInput,
} from '../shared/follow-up.schema.ts';
import { commentOnFollowUp, listFollowUps, recordFollowUp, takeUpFollowUp } from './follow-up.ts';

const IdParams = z.object({ id: idParam });

/** Supervision cards (督办单): issued on a matter, answered by the unit, accepted or returned, escalated by the scanner. */
export function supervisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/matters/:id/cards',
    {
      schema: {
        tags: ['supervision'],
        params: IdParams,
        body: IssueCardInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => issueCard(ctx, { kind: 'staff', user: requireStaff(req) }, req.params.id, req.body),
  );
  r.get(
    '/api/matters/:id/cards',
    {
      schema: {
        tags: ['supervision'],
        params: IdParams,
        response: responses({ 200: z.object({ items: z.array(CardSchema), canIssue: z.boolean() }) }),
      },
    },
    async (req) => cardsOfMatter(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/cards',
    {
      schema: {
        tags: ['supervision'],
        querystring: CardListQuery,
        response: responses({ 200: CardListSchema }),
      },
    },
    async (req) => listCards(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/cards/:id',
    { schema: { tags: ['supervision'], params: IdParams, response: responses({ 200: CardSchema }) } },
    async (req) => getCard(ctx, requireStaff(req), req.params.id),
  );
  r.post(
    '/api/cards',
    {
      schema: {
        tags: ['supervision'],
        description: 'A card on a unit’s set of matters (对单位督办).',
        body: IssueUnitCardInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => issueUnitCard(ctx, { kind: 'staff', user: requireStaff(req) }, req.body),
  );
  r.get(
    '/api/units/:id/card-candidates',
    {
      schema: {
        tags: ['supervision'],
        params: IdParams,
        response: responses({ 200: UnitCardCandidatesSchema }),
      },
    },
    async (req) => unitCardCandidates(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/cards/:id/attachments',
    {
      schema: {
        tags: ['supervision'],
        params: IdParams,
        response: responses({ 200: CardAttachmentsSchema }),
      },
    },
    async (req) => cardAttachments(ctx, requireStaff(req), req.params.id),
  );
  const commands = {
    answer: { body: AnswerCardInput, run: answerCard },
    accept: { body: CardNoteInput, run: acceptCard },
    return: { body: ReturnCardInput, run: returnCard },
    withdraw: { body: CardNoteInput, run: withdrawCard },
    comment: { body: CardCommentInput, run: commentOnCard },
  } as const;
  caseCommandRoutes(app, ctx, { base: '/api/cards', tag: 'supervision', commands });

  r.post(
    '/api/matters/:id/follow-ups',
    {
      schema: {
        tags: ['supervision'],
        params: IdParams,
        body: RecordFollowUpInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => recordFollowUp(ctx, { kind: 'staff', user: requireStaff(req) }, req.params.id, req.body),
  );
  r.get(
    '/api/matters/:id/follow-ups',
    { schema: { tags: ['supervision'], params: IdParams, response: responses({ 200: FollowUpListSchema }) } },
    async (req) => listFollowUps(ctx, requireStaff(req), { matterId: req.params.id }),
  );
  r.get(
    '/api/follow-ups/unsolved',
    { schema: { tags: ['supervision'], response: responses({ 200: FollowUpListSchema }) } },
    async (req) => listFollowUps(ctx, requireStaff(req), { flagged: true }),
  );
  const followUpCommands = {
    'take-up': { body: TakeUpFollowUpInput, run: takeUpFollowUp },
    comment: { body: FollowUpCommentInput, run: commentOnFollowUp },
  } as const;
  caseCommandRoutes(app, ctx, { base: '/api/follow-ups', tag: 'supervision', commands: followUpCommands });
}

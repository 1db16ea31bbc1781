import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CategoryList,
  PublicCommandResultSchema,
  PublicFollowUpSchema,
  PublicLookupSchema,
  PublicReceiptSchema,
  RegionList,
  responses,
  SavedAttachmentSchema,
} from '../shared/api.schema.ts';
import type { AppContext } from '../app/context.ts';
import { idempotencyFrom } from '../http/idempotency-key.ts';
import { multipartBody, withUpload } from '../http/upload.ts';
import { listCategories, listRegions } from '../org/org.queries.ts';
import { AppError } from '../errors/app-error.ts';
import { OnlineFollowUpInput } from '../shared/follow-up.schema.ts';
import { PublicSubmitInput, RateInput, RequestReviewInput, trimmed } from '../shared/schemas.ts';
import {
  lookupPublic,
  publicAttachment,
  publicCommand,
  publicFollowUp,
  submitPublicPetition,
} from './portal.service.ts';

const Auth = z.object({
  caseNumber: trimmed(40, 1),
  queryCode: trimmed(40, 1),
});

/** The public portal: no account, rate-limited per client address. */
export function portalRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limited = { rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' } };

  // Requests naming one case number are limited too, from whatever address they come: spreading
  // query-code guesses over many addresses must not multiply the guesses.
  const caseOf = new WeakMap<FastifyRequest, string>();
  const perCase = app.createRateLimit({
    max: ctx.config.publicCaseRateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => `case:${caseOf.get(req) ?? ''}`,
  });
  const limitCase = async (req: FastifyRequest, caseNumber: unknown) => {
    if (typeof caseNumber !== 'string' || caseNumber.trim() === '') return;
    caseOf.set(req, caseNumber.trim().slice(0, 40));
    const r = await perCase(req);
    if (!r.isAllowed && r.isExceeded)
      throw new AppError(
        'rate_limited',
        '对该信访件编号的查询过于频繁，请稍后再试',
        'Too many requests for this case number; try again later',
        [
          {
            path: 'caseNumber',
            message_zh: '查询过于频繁，请稍后再试',
            message_en: 'too many requests; try again later',
          },
        ],
        { retryAfterSeconds: Math.max(1, r.ttlInSeconds) },
      );
  };
  // The petitioner's commands: the case number and query code, and the command's own fields.
  const publicCommandSchema = (input: z.ZodObject) => ({
    tags: ['portal'],
    body: Auth.extend(input.shape),
    response: responses({ 200: PublicCommandResultSchema }),
  });
  const caseLimited = async (req: FastifyRequest) =>
    limitCase(req, (req.body as { caseNumber?: unknown } | undefined)?.caseNumber);

  r.post(
    '/api/public/petitions',
    {
      schema: {
        tags: ['portal'],
        body: PublicSubmitInput,
        response: responses({ 201: PublicReceiptSchema }),
      },
      config: limited,
    },
    async (req, reply) => {
      const result = await submitPublicPetition(ctx, req.body, idempotencyFrom(req, `public:${req.ip}`));
      void reply.status(201);
      return result;
    },
  );
  r.post(
    '/api/public/attachments',
    {
      schema: {
        tags: ['portal'],
        consumes: ['multipart/form-data'],
        body: multipartBody({ caseNumber: Auth.shape.caseNumber, queryCode: Auth.shape.queryCode }),
        response: responses({ 201: SavedAttachmentSchema }),
      },
      config: limited,
    },
    async (req, reply) => {
      const saved = await withUpload(req, ctx.attachments, async (upload, fields) => {
        await limitCase(req, fields.caseNumber);
        return publicAttachment(ctx, { caseNumber: fields.caseNumber, queryCode: fields.queryCode }, upload);
      });
      void reply.status(201);
      return saved;
    },
  );
  r.post(
    '/api/public/lookup',
    {
      schema: { tags: ['portal'], body: Auth, response: responses({ 200: PublicLookupSchema }) },
      config: limited,
      preHandler: caseLimited,
    },
    async (req) => lookupPublic(ctx, req.body),
  );
  r.post(
    '/api/public/rate',
    { schema: publicCommandSchema(RateInput), config: limited, preHandler: caseLimited },
    async (req) => publicCommand(ctx, 'rate', req.body),
  );
  r.post(
    '/api/public/request-review',
    { schema: publicCommandSchema(RequestReviewInput), config: limited, preHandler: caseLimited },
    async (req) => publicCommand(ctx, 'requestReview', req.body),
  );
  r.post(
    '/api/public/request-recheck',
    { schema: publicCommandSchema(RequestReviewInput), config: limited, preHandler: caseLimited },
    async (req) => publicCommand(ctx, 'requestRecheck', req.body),
  );
  r.post(
    '/api/public/follow-up',
    {
      schema: {
        tags: ['portal'],
        body: Auth.extend(OnlineFollowUpInput.shape).strict(),
        response: responses({ 200: PublicFollowUpSchema }),
      },
      config: limited,
      preHandler: caseLimited,
    },
    async (req) => publicFollowUp(ctx, req.body),
  );
  r.get(
    '/api/public/regions',
    {
      schema: {
        tags: ['portal'],
        querystring: z.object({
          parent: z
            .string()
            .regex(/^[0-9]{2,15}$/)
            .optional(),
        }),
        response: responses({ 200: RegionList }),
      },
      config: limited,
    },
    async (req) => listRegions(ctx, req.query.parent),
  );
  const categories = { tags: ['portal'], response: responses({ 200: CategoryList }) };
  r.get('/api/public/categories', { schema: categories, config: limited }, async () => listCategories(ctx));
}

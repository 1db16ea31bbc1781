import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CategorySuggestionAnswer, HotIssuesAnswer, responses, SimilarAnswer } from '../shared/api.schema.ts';
import type { AppContext } from '../app/context.ts';
import { fieldError } from '../errors/app-error.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { LIMITS } from '../shared/enums.ts';
import { id, intQuery, isoDate, regionCode, text } from '../shared/schemas.ts';
import { hotIssuesReport } from './app/hot-issues-report.ts';
import { findSimilarMatters, fingerprintText } from './app/similar-matters.ts';
import { isTextError } from './errors.ts';
import { normalizeText } from './normalize.ts';

/** A draft petition: content up to the registration limit (20,000 characters), subject optional. */
const Draft = z.object({
  subject: text(LIMITS.subjectMax, 0).default(''),
  content: text(LIMITS.contentMax),
});
const SimilarBody = Draft.extend({
  petitionerIds: z.array(id).max(LIMITS.maxPetitionersPerMatter).default([]),
  limit: z.number().int().min(1).max(50).default(10),
});
const HotIssuesQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  regionCode: regionCode.optional(),
  top: intQuery(1, 50).default(10),
});

/** Refuses text the pipeline cannot read (binary, or no letters or digits) with a 400. */
function readableText(subject: string, content: string): void {
  try {
    normalizeText(`${subject}\n${content}`);
  } catch (err) {
    if (isTextError(err, 'text_binary')) {
      throw fieldError('content', '内容不是可读的文字（疑似二进制数据）', 'content is binary data, not text');
    }
    if (isTextError(err, 'text_empty')) {
      throw fieldError('content', '内容没有可识别的文字或数字', 'content has no letters or digits to read');
    }
    throw err;
  }
}

/**
 * Text assistance and analytics: a category suggestion and similar earlier matters for a draft
 * (before it is registered), and the hot-issue list of a period. Every answer is limited to the
 * matters the signed-in user may see.
 */
export function textRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const suggest = { tags: ['text'], body: Draft, response: responses({ 200: CategorySuggestionAnswer }) };
  r.post('/api/text/suggest-category', { schema: suggest }, async (req) => {
    requireStaff(req);
    readableText(req.body.subject, req.body.content);
    return {
      suggestion: await ctx.text.suggestCategory({ subject: req.body.subject, content: req.body.content }),
    };
  });

  const similar = { tags: ['text'], body: SimilarBody, response: responses({ 200: SimilarAnswer }) };
  r.post('/api/text/similar', { schema: similar }, async (req) => {
    const user = requireStaff(req);
    const { subject, content, petitionerIds, limit } = req.body;
    readableText(subject, content);
    const fingerprint = fingerprintText({ subject, content });
    if (!fingerprint) return { items: [] };
    const items = await findSimilarMatters(
      ctx.db,
      { matterId: null, subject, content, petitionerIds, limit, fingerprint },
      { viewer: user },
    );
    return { items };
  });

  r.get(
    '/api/analytics/hot-issues',
    {
      schema: {
        tags: ['analytics'],
        querystring: HotIssuesQuery,
        response: responses({ 200: HotIssuesAnswer }),
      },
    },
    async (req) => hotIssuesReport(ctx, requireStaff(req), req.query),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { visibleTo } from '../lifecycle/matter.queries.ts';
import { LIMITS } from '../shared/enums.ts';
import { id } from '../shared/schemas.ts';

const TextInput = z.object({
  subject: z.string().max(LIMITS.subjectMax).default(''),
  content: z.string().min(1).max(LIMITS.contentMax),
  petitionerIds: z.array(id).max(LIMITS.maxPetitionersPerMatter).default([]),
});

/** Help for the registration form before it is submitted: a category and similar earlier matters. */
export function textAssistRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/text/suggest-category', { schema: { tags: ['text'], body: TextInput } }, async (req) => {
    requireStaff(req);
    return { suggestion: await ctx.text.suggestCategory({ subject: req.body.subject, content: req.body.content }) };
  });
  r.post('/api/text/similar', { schema: { tags: ['text'], body: TextInput } }, async (req) => {
    const user = requireStaff(req);
    const fingerprint = ctx.text.fingerprint({ subject: req.body.subject, content: req.body.content });
    if (!fingerprint) return { items: [] };
    const found = await ctx.text.findSimilar(ctx.db, { matterId: 0, subject: req.body.subject, content: req.body.content, petitionerIds: req.body.petitionerIds, limit: 20, fingerprint });
    if (found.length === 0) return { items: [] };
    // Only matters the user may see (and never a misconduct report to the unit it reports).
    const visible = await ctx.db
      .selectFrom('matters as m')
      .select('m.id')
      .where('m.id', 'in', found.map((f) => f.matterId))
      .where(visibleTo(user))
      .execute();
    const ok = new Set(visible.map((v) => v.id));
    return { items: found.filter((f) => ok.has(f.matterId)).slice(0, 10) };
  });
}

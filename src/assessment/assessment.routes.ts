import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { contentDisposition } from '../analytics/export/table.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { fileResponse, responses } from '../shared/api.schema.ts';
import {
  AccountabilityCommentInput,
  AccountabilityListSchema,
  AccountabilityReasonInput,
  AccountabilitySchema,
  AmendLetterInput,
  ConcludeAccountabilityInput,
  CorrectScorecardInput,
  CreateLetterInput,
  FreezeScorecardInput,
  FrozenListQuery,
  FrozenListSchema,
  FrozenScorecardSchema,
  IssueLetterInput,
  LetterCommentInput,
  LetterListQuery,
  LetterListSchema,
  LetterReasonInput,
  LetterSchema,
  OpenAccountabilityInput,
  RespondAccountabilityInput,
  ReturnAccountabilityInput,
  SignLetterInput,
} from '../shared/assessment.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import { idParam } from '../shared/schemas.ts';
import {
  commentOnAccountability,
  concludeAccountability,
  openAccountability,
  respondToAccountability,
  returnAccountability,
  withdrawAccountability,
} from './accountability.commands.ts';
import { getAccountability, listAccountability } from './accountability.queries.ts';
import { correctScorecard, freezeScorecard, frozenIsFinal } from './frozen.commands.ts';
import { getFrozen, listFrozen } from './frozen.queries.ts';
import { buildLetterDocx, letterFilename } from './letter-docx.ts';
import {
  amendLetter,
  commentOnLetter,
  createLetter,
  issueLetter,
  signLetter,
  withdrawLetter,
} from './letter.commands.ts';
import { getLetter, listLetters } from './letter.queries.ts';

const IdParams = z.object({ id: idParam });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FrozenResult = z.object({ id: z.number().int(), sha256: z.string() });
const tags = ['assessment'];

/** Responsibility letters, frozen year-end scorecards and accountability records (issue 14 item 4). */
export function assessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = (req: Parameters<typeof requireStaff>[0]) => ({
    kind: 'staff' as const,
    user: requireStaff(req),
  });

  r.get(
    '/api/letters',
    {
      schema: {
        tags,
        summary: '信访工作责任书 The letters of a year, each with its targets met and not met so far',
        querystring: LetterListQuery,
        response: responses({ 200: LetterListSchema }),
      },
    },
    async (req) => listLetters(ctx, requireStaff(req), req.query.year),
  );
  r.post(
    '/api/letters',
    {
      schema: {
        tags,
        summary: '起草责任书 Draft a unit’s letter for a year: its text, targets and the bureau’s signatory',
        body: CreateLetterInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => createLetter(ctx, staff(req), req.body),
  );
  r.get(
    '/api/letters/:id',
    {
      schema: {
        tags,
        summary: '责任书 A letter: each target beside the unit’s live figure, met or not; revisions; history',
        params: IdParams,
        response: responses({ 200: LetterSchema }),
      },
    },
    async (req) => getLetter(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/letters/:id/letter.docx',
    {
      schema: {
        tags,
        summary: '责任书文本 The letter as an editable DOCX in the official layout',
        params: IdParams,
        response: responses({ 200: fileResponse(DOCX, 'The letter (DOCX)') }),
      },
    },
    async (req, reply) => {
      const letter = await getLetter(ctx, requireStaff(req), req.params.id);
      const docx = await buildLetterDocx(letter);
      void reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition(letterFilename(letter), `letter-${letter.id}.docx`))
        .header('cache-control', 'no-store');
      return docx;
    },
  );
  caseCommandRoutes(app, ctx, {
    base: '/api/letters',
    tag: 'assessment',
    commands: {
      issue: { body: IssueLetterInput, run: issueLetter },
      sign: { body: SignLetterInput, run: signLetter },
      amend: { body: AmendLetterInput, run: amendLetter },
      withdraw: { body: LetterReasonInput, run: withdrawLetter },
      comment: { body: LetterCommentInput, run: commentOnLetter },
    },
  });

  r.post(
    '/api/scorecards/freeze',
    {
      schema: {
        tags,
        summary:
          '封存年度考核结果 Freeze a region’s scorecard of a year that is over (once; hashed, audited)',
        body: FreezeScorecardInput,
        response: responses({ 200: FrozenResult }),
      },
    },
    async (req) => freezeScorecard(ctx, staff(req), req.body),
  );
  r.get(
    '/api/scorecards/frozen',
    {
      schema: {
        tags,
        summary: '封存的考核结果 The frozen scorecards of a year, ranked, with their hashes and corrections',
        querystring: FrozenListQuery,
        response: responses({ 200: FrozenListSchema }),
      },
    },
    async (req) => listFrozen(ctx, requireStaff(req), req.query.year),
  );
  r.get(
    '/api/scorecards/:id',
    {
      schema: {
        tags,
        summary: '封存的考核结果 One frozen scorecard',
        params: IdParams,
        response: responses({ 200: FrozenScorecardSchema }),
      },
    },
    async (req) => getFrozen(ctx, requireStaff(req), req.params.id),
  );
  r.post(
    '/api/scorecards/:id/corrections',
    {
      schema: {
        tags,
        summary: '更正封存的考核结果 A correction: a new snapshot superseding this one; both are kept',
        params: IdParams,
        body: CorrectScorecardInput,
        response: responses({ 200: FrozenResult }),
      },
    },
    async (req) => correctScorecard(ctx, staff(req), req.params.id, req.body),
  );
  // A frozen scorecard is never edited: an attempt is told how to correct it instead of a bare 404.
  for (const method of ['PUT', 'PATCH'] as const)
    r.route({
      method,
      url: '/api/scorecards/:id',
      schema: {
        tags,
        summary: '（不可修改）A frozen scorecard is never edited: always 409, file a correction',
        params: IdParams,
        // Whatever is sent, the answer is the same: declared so the document says what is refused.
        body: z.record(z.string(), z.unknown()),
        response: responses({ 200: FrozenResult }),
      },
      handler: async (req) => {
        await getFrozen(ctx, requireStaff(req), req.params.id);
        throw frozenIsFinal();
      },
    });

  r.get(
    '/api/accountability',
    {
      schema: {
        tags,
        summary: '责任追究 The accountability records the user may see, newest first',
        response: responses({ 200: AccountabilityListSchema }),
      },
    },
    async (req) => listAccountability(ctx, requireStaff(req)),
  );
  r.post(
    '/api/accountability',
    {
      schema: {
        tags,
        summary:
          '启动责任追究 Open a record against a unit (通报, 约谈, 书面检查), citing matters and figures',
        body: OpenAccountabilityInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => openAccountability(ctx, staff(req), req.body),
  );
  r.get(
    '/api/accountability/:id',
    {
      schema: {
        tags,
        summary: '责任追究 One record with its cited matters and figures and its history',
        params: IdParams,
        response: responses({ 200: AccountabilitySchema }),
      },
    },
    async (req) => getAccountability(ctx, requireStaff(req), req.params.id),
  );
  caseCommandRoutes(app, ctx, {
    base: '/api/accountability',
    tag: 'assessment',
    commands: {
      respond: { body: RespondAccountabilityInput, run: respondToAccountability },
      conclude: { body: ConcludeAccountabilityInput, run: concludeAccountability },
      return: { body: ReturnAccountabilityInput, run: returnAccountability },
      withdraw: { body: AccountabilityReasonInput, run: withdrawAccountability },
      comment: { body: AccountabilityCommentInput, run: commentOnAccountability },
    },
  });
}

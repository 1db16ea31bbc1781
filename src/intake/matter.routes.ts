import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { buildNoticeDocx, NOTICE_KINDS, noticeDataFromMatter, noticeFilename } from '../documents/index.ts';
import { AppError } from '../errors/app-error.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { idempotencyFrom } from '../http/idempotency-key.ts';
import { withUpload } from '../http/upload.ts';
import { COMMAND_BODIES, COMMAND_ROUTES, matterCommands } from '../lifecycle/matter-commands.ts';
import {
  getMatter,
  listMatters,
  listPetitionerMatters,
  MatterListQuery,
  unmaskPetitioner,
} from '../lifecycle/matter.queries.ts';
import {
  CommandResultSchema,
  fileResponse,
  MatterDetailSchema,
  MatterPage,
  PetitionerHits,
  PetitionerMattersSchema,
  RegisterResultSchema,
  responses,
  RoutingSuggestions,
  SavedAttachmentSchema,
  UnmaskedPetitionerSchema,
} from '../shared/api.schema.ts';
import { PURPOSES } from '../shared/enums.ts';
import { id, idParam, plain, RegisterMatterInput, regionCode } from '../shared/schemas.ts';
import { addAttachment, readAttachment } from './attachments.ts';
import { searchPetitioners } from './petitioner-search.ts';
import { registerMatter } from './register-matter.ts';

const MatterParams = z.object({ id: idParam });

export function matterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/matters',
    { schema: { tags: ['matters'], querystring: MatterListQuery, response: responses({ 200: MatterPage }) } },
    async (req) => listMatters(ctx, requireStaff(req), req.query),
  );

  r.post(
    '/api/matters',
    {
      schema: {
        tags: ['matters'],
        body: RegisterMatterInput,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        response: responses({ 200: RegisterResultSchema, 201: RegisterResultSchema }),
      },
    },
    async (req, reply) => {
      const user = requireStaff(req, 'registrar', 'officer', 'unit_head', 'leader');
      const { matter, replayed } = await registerMatter(
        ctx,
        {
          kind: 'staff',
          userId: user.id,
          unitId: user.unit.id,
          registeringUnitId: user.unit.id,
          registeringUnitLevel: user.unit.level,
        },
        req.body,
        idempotencyFrom(req, `user:${user.id}`),
        user,
      );
      void reply.status(replayed ? 200 : 201).header('idempotent-replayed', String(replayed));
      return matter;
    },
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
    '/api/matters/:id/attachments',
    {
      schema: {
        tags: ['matters'],
        params: MatterParams,
        consumes: ['multipart/form-data'],
        response: responses({ 201: SavedAttachmentSchema }),
      },
    },
    async (req, reply) => {
      const user = requireStaff(req);
      const saved = await withUpload(req, ctx.attachments, (upload) =>
        addAttachment(ctx, user, req.params.id, upload),
      );
      void reply.status(201);
      return saved;
    },
  );

  r.get(
    '/api/matters/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['matters'],
        params: z.object({ id: idParam, attachmentId: idParam }),
        response: responses({ 200: fileResponse('application/octet-stream', 'The attachment as uploaded') }),
      },
    },
    async (req, reply) => {
      const { meta, bytes } = await readAttachment(
        ctx,
        requireStaff(req),
        req.params.id,
        req.params.attachmentId,
      );
      void reply
        .header('content-type', meta.mime_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
        .header('x-content-type-options', 'nosniff');
      return bytes;
    },
  );

  r.get(
    '/api/matters/:id/documents/:kind',
    {
      schema: {
        tags: ['matters'],
        params: z.object({ id: idParam, kind: z.enum(NOTICE_KINDS) }),
        description: 'The notice as a DOCX official document',
        response: responses({
          200: fileResponse(
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'The notice (DOCX)',
          ),
        }),
      },
    },
    async (req, reply) => {
      const detail = await getMatter(ctx, requireStaff(req), req.params.id);
      const data = noticeDataFromMatter(req.params.kind, detail);
      if (!data) throw new AppError('not_found', '该事项尚无此类文书', 'This matter has no such notice yet');
      const docx = await buildNoticeDocx(req.params.kind, data);
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(noticeFilename(req.params.kind, detail.caseNumber))}`,
        );
      return docx;
    },
  );

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

  r.get(
    '/api/petitioners/search',
    {
      schema: {
        tags: ['matters'],
        querystring: z.object({ q: plain(40).default('') }),
        response: responses({ 200: PetitionerHits }),
      },
    },
    async (req) => searchPetitioners(ctx, requireStaff(req), req.query.q),
  );

  r.post(
    '/api/routing/suggest',
    {
      schema: {
        tags: ['routing'],
        body: z.object({
          regionCode,
          categoryCode: plain(80).optional(),
          purpose: z.enum(PURPOSES),
          isMisconductReport: z.boolean().default(false),
          reportedUnitId: id.optional(),
          text: plain(20_000).default(''),
        }),
        response: responses({ 200: RoutingSuggestions }),
      },
    },
    async (req) => {
      requireStaff(req);
      return {
        suggestions: await ctx.routing.suggest({
          regionCode: req.body.regionCode,
          categoryCode: req.body.categoryCode ?? null,
          purpose: req.body.purpose,
          isMisconductReport: req.body.isMisconductReport,
          reportedUnitId: req.body.reportedUnitId ?? null,
          text: req.body.text,
        }),
      };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { idempotencyFrom } from '../http/idempotency-key.ts';
import { multipartBody, withUpload } from '../http/upload.ts';
import {
  fileResponse,
  PetitionerHits,
  RegisterResultSchema,
  responses,
  SavedAttachmentSchema,
} from '../shared/api.schema.ts';
import { idParam, plain, RegisterMatterInput } from '../shared/schemas.ts';
import { addAttachment, readAttachment } from './attachments.ts';
import { searchPetitioners } from './petitioner-search.ts';
import { registerMatter } from './register-matter.ts';

const MatterParams = z.object({ id: idParam });

/** Registration by staff, a matter's attachments and the search for a petitioner already on file. */
export function intakeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

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

  r.post(
    '/api/matters/:id/attachments',
    {
      schema: {
        tags: ['matters'],
        params: MatterParams,
        consumes: ['multipart/form-data'],
        body: multipartBody(),
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
}

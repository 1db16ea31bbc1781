import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { fileResponse, responses } from '../shared/api.schema.ts';
import { idParam } from '../shared/schemas.ts';
import { matterNoticeDocx } from './matter-notice.ts';
import { NOTICE_KINDS } from './notice-content.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A matter's notices as DOCX official documents, for staff. */
export function documentsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/matters/:id/documents/:kind',
    {
      schema: {
        tags: ['matters'],
        params: z.object({ id: idParam, kind: z.enum(NOTICE_KINDS) }),
        description: 'The notice as a DOCX official document',
        response: responses({ 200: fileResponse(DOCX, 'The notice (DOCX)') }),
      },
    },
    async (req, reply) => {
      const { docx, filename } = await matterNoticeDocx(
        ctx,
        requireStaff(req),
        req.params.id,
        req.params.kind,
      );
      void reply
        .header('content-type', DOCX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
      return docx;
    },
  );
}

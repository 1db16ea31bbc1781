import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.ts';
import { requireStaff } from '../../http/auth-hooks.ts';
import { fileResponse, responses } from '../../shared/api.schema.ts';
import { openQueueExport, QueueExportQuery } from './queue-export.ts';
import { CONTENT_TYPES, contentDisposition } from './table.ts';
import { writeTable } from './write-table.ts';

const xlsx = fileResponse(CONTENT_TYPES.xlsx, '');
const csv = fileResponse(CONTENT_TYPES.csv, '');
const QueueFile = {
  description: 'Every matter of the queue for the filter, as XLSX (default) or CSV (UTF-8 with BOM)',
  content: { ...xlsx.content, ...csv.content },
};

/** The queue's current filter as a file: every matching matter, streamed as it is read. */
export function queueExportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/matters/export',
    {
      schema: {
        tags: ['matters'],
        querystring: QueueExportQuery,
        description:
          'The queue (same filters, data scope and order as GET /api/matters, all pages) as a spreadsheet',
        response: responses({ 200: QueueFile }),
      },
    },
    async (req, reply) => {
      // Everything that can refuse the request (session, filter, database) happens before the
      // first byte, so it is answered with the ordinary error body.
      const exported = await openQueueExport(ctx, requireStaff(req), req.query);
      const body = new PassThrough();
      void reply
        .header('content-type', CONTENT_TYPES[req.query.format])
        .header('content-disposition', contentDisposition(exported.fileName, exported.asciiFileName))
        .header('cache-control', 'no-store')
        .send(body);
      try {
        await writeTable({ format: req.query.format, stream: body }, exported.spec);
      } catch {
        // The status line has gone out: a failure now can only end the download. writeTable has
        // destroyed `body`, so Fastify aborts the connection (and logs the error) rather than
        // ending it, and the browser reports a failed download, never a short file that looks whole.
      }
      return reply;
    },
  );
}

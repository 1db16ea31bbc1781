import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { requireStaff } from '../../http/auth-hooks.ts';
import { fileResponse, responses } from '../../shared/api.schema.ts';
import { plain, regionCode } from '../../shared/schemas.ts';
import { contentDisposition } from '../export/table.ts';
import { STATS_ROLES } from '../stats-scope.ts';
import { annualReportDocx, parseReportYear } from './annual-report.service.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The year stays a string here: parseReportYear names a malformed or out-of-range year in both languages. */
export const AnnualReportQuery = z.strictObject({
  year: plain(10),
  region: regionCode.optional(),
});

/** The annual statistics report of a year and region as an editable DOCX. */
export function annualReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/stats/annual-report',
    {
      schema: {
        tags: ['analytics'],
        summary:
          '年度信访工作统计报告 The annual report (DOCX): volume with year on year, five years, categories, hot issues, indicators, unit ranking',
        querystring: AnnualReportQuery,
        response: responses({ 200: fileResponse(DOCX, 'The annual report (DOCX, editable)') }),
      },
    },
    async (req, reply) => {
      const user = requireStaff(req, ...STATS_ROLES);
      const year = parseReportYear(req.query.year, 'querystring.year', ctx.clock());
      const { docx, filename, asciiFilename } = await annualReportDocx(
        ctx,
        user,
        { year, region: req.query.region },
        {
          regionPath: 'querystring.region',
          onHotIssuesError: (err) => req.log.warn({ err }, 'annual report without hot issues'),
        },
      );
      void reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition(filename, asciiFilename))
        .header('cache-control', 'no-store');
      return docx;
    },
  );
}

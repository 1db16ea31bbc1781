import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { fileResponse, responses } from '../shared/api.schema.ts';
import { plain, regionCode } from '../shared/schemas.ts';
import {
  CONTENT_TYPES,
  contentDisposition,
  TABLE_FORMATS,
  type TableFormat,
  type TableSpec,
} from './export/table.ts';
import { writeTable } from './export/write-table.ts';
import { computeIndicators } from './indicators.ts';
import { IndicatorsQuery } from './indicators.routes.ts';
import { annualTableSpec, indicatorTableSpec, volumeTableSpec } from './stats-tables.ts';
import { annualTable } from './annual.ts';
import { AnnualTableSchema, VOLUME_DIMENSIONS, VolumeTableSchema } from '../shared/stats.schema.ts';
import { parsePeriod } from './period.ts';
import { resolveStatsScope, STATS_ROLES } from './stats-scope.ts';
import { volumeTable } from './volume.ts';

/** Dates are checked by parsePeriod (one message for a bad date, a reversed or a too long period). */
export const VolumeQuery = z.strictObject({
  from: plain(10),
  to: plain(10),
  region: regionCode.optional(),
  by: z.enum(VOLUME_DIMENSIONS).optional(),
});

export const FORMAT = z.enum(TABLE_FORMATS).default('xlsx');
export const TableFile = {
  description: 'The table as XLSX (default) or CSV (UTF-8 with BOM)',
  content: {
    ...fileResponse(CONTENT_TYPES.xlsx, '').content,
    ...fileResponse(CONTENT_TYPES.csv, '').content,
  },
};

/** A small table (one statistics answer) as a download, written in one go once computed. */
export async function sendTable<R>(
  reply: FastifyReply,
  format: TableFormat,
  name: string,
  spec: TableSpec<R>,
) {
  const body = new PassThrough();
  void reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', contentDisposition(`${name}.${format}`, `minsheng-stats.${format}`))
    .header('cache-control', 'no-store')
    .send(body);
  try {
    await writeTable({ format, stream: body }, spec);
  } catch {
    // writeTable destroyed the stream: the download is cut off, never a short file that looks whole.
  }
  return reply;
}

export const AnnualQuery = z.strictObject({
  from: plain(10),
  to: plain(10),
  region: regionCode.optional(),
});

export function statsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const volume = async (req: FastifyRequest, q: z.output<typeof VolumeQuery>) => {
    const user = requireStaff(req, ...STATS_ROLES);
    const period = parsePeriod(q, 'querystring');
    const scope = await resolveStatsScope(ctx.readDb, user, q.region, 'querystring.region');
    return volumeTable(ctx.readDb, scope, { period, by: q.by ?? null }, ctx.clock());
  };

  r.get(
    '/api/stats/volume',
    {
      schema: {
        tags: ['analytics'],
        summary: '信访总量表 Volume table (件次, 人次, 来访批次/人次, 集体访批次/人次, year on year)',
        querystring: VolumeQuery,
        response: responses({ 200: VolumeTableSchema }),
      },
    },
    async (req) => volume(req, req.query),
  );

  const annual = async (req: FastifyRequest, q: z.output<typeof AnnualQuery>) => {
    const user = requireStaff(req, ...STATS_ROLES);
    const period = parsePeriod(q, 'querystring');
    const scope = await resolveStatsScope(ctx.readDb, user, q.region, 'querystring.region');
    return annualTable(ctx.readDb, scope, period, ctx.clock());
  };

  r.get(
    '/api/stats/annual',
    {
      schema: {
        tags: ['analytics'],
        summary:
          '年度信访总量表 The annual table of a report: per year, totals, collective visits and visits to higher levels',
        querystring: AnnualQuery,
        response: responses({ 200: AnnualTableSchema }),
      },
    },
    async (req) => annual(req, req.query),
  );

  r.get(
    '/api/stats/annual/export',
    {
      schema: {
        tags: ['analytics'],
        summary: '年度信访总量表导出 The annual table as XLSX or CSV',
        querystring: AnnualQuery.extend({ format: FORMAT }),
        response: responses({ 200: TableFile }),
      },
    },
    async (req, reply) => {
      const table = await annual(req, req.query);
      return sendTable(
        reply,
        req.query.format,
        `信访总量年度统计表_${table.period.from}_${table.period.to}`,
        annualTableSpec(table),
      );
    },
  );

  r.get(
    '/api/stats/volume/export',
    {
      schema: {
        tags: ['analytics'],
        summary: '信访总量表导出 The volume table as XLSX or CSV',
        querystring: VolumeQuery.extend({ format: FORMAT }),
        response: responses({ 200: TableFile }),
      },
    },
    async (req, reply) => {
      const table = await volume(req, req.query);
      return sendTable(
        reply,
        req.query.format,
        `信访总量统计表_${table.period.from}_${table.period.to}`,
        volumeTableSpec(table),
      );
    },
  );

  r.get(
    '/api/stats/indicators/export',
    {
      schema: {
        tags: ['analytics'],
        summary: '程序性指标导出 The indicators as XLSX or CSV',
        querystring: IndicatorsQuery.extend({ format: FORMAT }),
        response: responses({ 200: TableFile }),
      },
    },
    async (req, reply) => {
      const user = requireStaff(req, ...STATS_ROLES);
      const q = req.query;
      const period = parsePeriod(q, 'querystring');
      const scope = await resolveStatsScope(ctx.readDb, user, q.region, 'querystring.region');
      const set = await computeIndicators(
        ctx.readDb,
        scope,
        { period, unitId: q.unit ?? null, category: q.category ?? null },
        ctx.clock(),
        'querystring',
      );
      const unit = q.unit
        ? await ctx.readDb.selectFrom('units').select('name').where('id', '=', q.unit).executeTakeFirst()
        : undefined;
      return sendTable(
        reply,
        q.format,
        `信访工作指标_${period.from}_${period.to}`,
        indicatorTableSpec(set, unit?.name ?? null),
      );
    },
  );
}

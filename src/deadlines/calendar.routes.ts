import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarDaysAnswer,
  CalendarDueAnswer,
  CalendarStatusAnswer,
  responses,
} from '../shared/api.schema.ts';
import type { AppContext } from '../app/context.ts';
import { dueDateForCli, localDateOf } from '../calendar/index.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { intQuery, isoDate } from '../shared/schemas.ts';

export function calendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        querystring: z.object({
          from: isoDate,
          days: intQuery(0, 3650),
          working: z.enum(['true', 'false']).default('false'),
        }),
        response: responses({ 200: CalendarDueAnswer }),
      },
    },
    async (req) => {
      requireStaff(req);
      const cal = await ctx.calendar.calendar();
      return {
        from: req.query.from,
        days: req.query.days,
        working: req.query.working === 'true',
        due: dueDateForCli(cal, req.query.from, req.query.days, req.query.working === 'true'),
      };
    },
  );
  const status = { tags: ['calendar'], response: responses({ 200: CalendarStatusAnswer }) };
  r.get('/api/calendar/status', { schema: status }, async (req) => {
    requireStaff(req);
    const cal = await ctx.calendar.calendar();
    const year = Number(localDateOf(ctx.clock()).slice(0, 4));
    const years = [year, year + 1].map((y) => ({
      year: y,
      officialNotice: cal.hasOfficialNotice(y),
      warning_zh: cal.hasOfficialNotice(y)
        ? null
        : `${y}年国务院放假通知尚未载入，期限按法定节假日推算；请管理员在通知发布后补录调休安排。`,
      warning_en: cal.hasOfficialNotice(y)
        ? null
        : `No official holiday notice for ${y} is loaded; limits use the statutory holidays. Add the notice's make-up days when it is published.`,
    }));
    return { years };
  });
  r.get(
    '/api/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        querystring: z.object({ from: isoDate, to: isoDate }),
        response: responses({ 200: CalendarDaysAnswer }),
      },
    },
    async (req) => {
      requireStaff(req);
      const cal = await ctx.calendar.calendar();
      const out = [];
      for (let d = req.query.from, i = 0; d <= req.query.to && i < 400; d = cal.addDays(d, 1), i++)
        out.push(cal.dayInfo(d));
      return { items: out };
    },
  );
}

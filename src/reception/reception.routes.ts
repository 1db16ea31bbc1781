import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../errors/app-error.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { idempotencyFrom } from '../http/idempotency-key.ts';
import { fileResponse, responses } from '../shared/api.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import {
  AppointmentAuth,
  AppointmentPetitionerInput,
  AppointmentReceiptSchema,
  CancelSessionInput,
  ConfirmRequestInput,
  DeclineRequestInput,
  FiguresQuery,
  LeaderOptionsSchema,
  ProposeRequestInput,
  PublicAppointmentSchema,
  PublicScheduleSchema,
  ReceptionFiguresSchema,
  RecordSessionInput,
  RequestAppointmentInput,
  RequestCommentInput,
  RequestListQuery,
  ScheduleSessionInput,
  SessionCommentInput,
  SessionDetailSchema,
  SessionListQuery,
  SessionListSchema,
  SessionOptionsQuery,
  SessionOptionsSchema,
  StaffRequestListSchema,
} from '../shared/reception.schema.ts';
import { idParam } from '../shared/schemas.ts';
import { publicAppointment, publicSchedule, scheduleIcs } from './public-schedule.ts';
import { receptionFigures } from './reception-figures.ts';
import {
  getSession,
  leaderOptions,
  listRequests,
  listSessions,
  sessionOptions,
} from './reception.queries.ts';
import {
  acceptProposal,
  cancelRequest,
  commentOnRequest,
  confirmRequest,
  declineProposal,
  declineRequest,
  proposeSlot,
  requestAppointment,
} from './request.commands.ts';
import { cancelSession, commentOnSession, recordSession, scheduleSession } from './session.commands.ts';

const IdParams = z.object({ id: idParam });
const TAG = 'reception';

/** Reception days (领导接访日, 下访, 约访): the bureau's schedule, the records, the requests, the figure. */
export function receptionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/reception/sessions',
    {
      schema: {
        tags: [TAG],
        body: ScheduleSessionInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => {
      const res = await scheduleSession(ctx, { kind: 'staff', user: requireStaff(req) }, req.body);
      return { id: res.id, state: res.state, version: res.version };
    },
  );
  r.get(
    '/api/reception/sessions',
    {
      schema: { tags: [TAG], querystring: SessionListQuery, response: responses({ 200: SessionListSchema }) },
    },
    async (req) => listSessions(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/reception/sessions/:id',
    { schema: { tags: [TAG], params: IdParams, response: responses({ 200: SessionDetailSchema }) } },
    async (req) => getSession(ctx, requireStaff(req), req.params.id),
  );
  caseCommandRoutes(app, ctx, {
    base: '/api/reception/sessions',
    tag: TAG,
    commands: {
      record: { body: RecordSessionInput, run: recordSession },
      cancel: { body: CancelSessionInput, run: cancelSession },
      comment: { body: SessionCommentInput, run: commentOnSession },
    },
  });
  r.get(
    '/api/reception/leaders',
    { schema: { tags: [TAG], response: responses({ 200: LeaderOptionsSchema }) } },
    async (req) => leaderOptions(ctx, requireStaff(req)),
  );
  r.get(
    '/api/reception/session-options',
    {
      schema: {
        tags: [TAG],
        description: 'Sessions a matter of the channel may be registered at (receptionSessionId).',
        querystring: SessionOptionsQuery,
        response: responses({ 200: SessionOptionsSchema }),
      },
    },
    async (req) => sessionOptions(ctx, requireStaff(req), req.query.channel),
  );
  r.get(
    '/api/reception/figures',
    {
      schema: {
        tags: [TAG],
        description: 'Reception counts per leader per month: sessions held and people received.',
        querystring: FiguresQuery,
        response: responses({ 200: ReceptionFiguresSchema }),
      },
    },
    async (req) => receptionFigures(ctx, requireStaff(req), req.query.year),
  );
  r.get(
    '/api/reception/requests',
    {
      schema: {
        tags: [TAG],
        querystring: RequestListQuery,
        response: responses({ 200: StaffRequestListSchema }),
      },
    },
    async (req) => listRequests(ctx, requireStaff(req), req.query),
  );
  caseCommandRoutes(app, ctx, {
    base: '/api/reception/requests',
    tag: TAG,
    commands: {
      confirm: { body: ConfirmRequestInput, run: confirmRequest },
      propose: { body: ProposeRequestInput, run: proposeSlot },
      decline: { body: DeclineRequestInput, run: declineRequest },
      comment: { body: RequestCommentInput, run: commentOnRequest },
    },
  });
  publicReceptionRoutes(app, ctx);
}

/** The portal's side: the published schedule and its feed, appointment requests and their look-up. */
function publicReceptionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limited = { rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: '1 minute' } };
  // Requests naming one request number are limited from whatever address they come, as the
  // portal limits a case number: spreading query-code guesses over addresses gains nothing.
  const numberOf = new WeakMap<FastifyRequest, string>();
  const perNumber = app.createRateLimit({
    max: ctx.config.publicCaseRateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => `appointment:${numberOf.get(req) ?? ''}`,
  });
  const numberLimited = async (req: FastifyRequest) => {
    const body = req.body as { number?: unknown; caseNumber?: unknown } | undefined;
    const key = body?.number ?? body?.caseNumber;
    if (typeof key !== 'string' || key.trim() === '') return;
    numberOf.set(req, key.trim().slice(0, 40));
    const res = await perNumber(req);
    if (!res.isAllowed && res.isExceeded)
      throw new AppError(
        'rate_limited',
        '对该编号的请求过于频繁，请稍后再试',
        'Too many requests for this number; try again later',
        [],
        { retryAfterSeconds: Math.max(1, res.ttlInSeconds) },
      );
  };

  r.get(
    '/api/public/reception-schedule',
    {
      schema: {
        tags: ['portal'],
        description: 'The published schedule of leaders’ reception days (no internal data).',
        response: responses({ 200: PublicScheduleSchema }),
      },
      config: limited,
    },
    async () => publicSchedule(ctx),
  );
  r.get(
    '/api/public/reception-schedule.ics',
    {
      schema: {
        tags: ['portal'],
        response: responses({ 200: fileResponse('text/calendar', 'The published schedule (iCalendar)') }),
      },
      config: limited,
    },
    async (_req, reply) => {
      const body = await scheduleIcs(ctx);
      void reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="reception-schedule.ics"');
      return body;
    },
  );
  r.post(
    '/api/public/appointments',
    {
      schema: {
        tags: ['portal'],
        description: 'Request an appointment on a published session; idempotent with an Idempotency-Key.',
        body: RequestAppointmentInput,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        response: responses({ 201: AppointmentReceiptSchema }),
      },
      config: limited,
      preHandler: numberLimited,
    },
    async (req, reply) => {
      const result = await requestAppointment(ctx, req.body, idempotencyFrom(req, `appointment:${req.ip}`));
      void reply.status(201);
      return result;
    },
  );
  r.post(
    '/api/public/appointments/lookup',
    {
      schema: {
        tags: ['portal'],
        body: AppointmentAuth,
        response: responses({ 200: PublicAppointmentSchema }),
      },
      config: limited,
      preHandler: numberLimited,
    },
    async (req) => publicAppointment(ctx, req.body),
  );
  const petitioner = {
    accept: acceptProposal,
    decline: declineProposal,
    cancel: cancelRequest,
  } as const;
  for (const [verb, run] of Object.entries(petitioner))
    r.post(
      `/api/public/appointments/${verb}`,
      {
        schema: {
          tags: ['portal'],
          body: AppointmentPetitionerInput,
          response: responses({ 200: PublicAppointmentSchema }),
        },
        config: limited,
        preHandler: numberLimited,
      },
      async (req) => {
        await run(ctx, req.body);
        return publicAppointment(ctx, req.body);
      },
    );
}

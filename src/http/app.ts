import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import { trackHandlers } from './in-flight.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { dashboardRoutes } from '../analytics/dashboard.routes.ts';
import { statsRoutes } from '../analytics/stats.routes.ts';
import { indicatorsRoutes } from '../analytics/indicators.routes.ts';
import { scorecardRoutes } from '../analytics/scorecard.routes.ts';
import { queueExportRoutes } from '../analytics/export/queue-export.routes.ts';
import { annualReportRoutes } from '../analytics/annual-report/annual-report.routes.ts';
import { calendarRoutes } from '../deadlines/calendar.routes.ts';
import { intakeRoutes } from '../intake/intake.routes.ts';
import { lifecycleRoutes } from '../lifecycle/lifecycle.routes.ts';
import { inboxRoutes } from '../inbox/inbox.routes.ts';
import { leadershipRoutes } from '../leadership/leadership.routes.ts';
import { ownershipRoutes } from '../leadership/ownership.routes.ts';
import { supervisionRoutes } from '../supervision/supervision.routes.ts';
import { meetingRoutes } from '../meetings/meetings.routes.ts';
import { campaignRoutes } from '../campaigns/campaigns.routes.ts';
import { documentsRoutes } from '../documents/documents.routes.ts';
import { routingRoutes } from '../routing/routing.routes.ts';
import { textRoutes } from '../text/text.routes.ts';
import { orgRoutes } from '../org/org.routes.ts';
import { portalRoutes } from '../portal/portal.routes.ts';
import { receptionRoutes } from '../reception/reception.routes.ts';
import { HealthSchema, responses } from '../shared/api.schema.ts';
import { LIMITS } from '../shared/enums.ts';
import { installAuthHooks } from './auth-hooks.ts';
import { installErrorHandler } from './error-handler.ts';
import { installResponseCheck, responseSerializerCompiler } from './response-contract.ts';
import { securityHeaders } from './security-headers.ts';
import { installStrictJsonParser } from './strict-json.ts';
import { zodValidatorCompiler } from './validation.ts';
import { assessmentRoutes } from '../assessment/assessment.routes.ts';

const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void;

/** Builds the HTTP application: JSON API under /api, OpenAPI at /docs, the web app at / and /portal. */
export async function buildApp(
  ctx: AppContext,
  opts: { logger?: boolean; extraRoutes?: RouteModule[]; rateLimit?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    // Per-request log lines only when they would be written (info and below).
    logController: new LogController({
      disableRequestLogging: !['info', 'debug', 'trace'].includes(ctx.config.logLevel),
    }),
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies the operator names: with `true` any client
    // could choose its own address and so escape every per-address rate limit.
    trustProxy: ctx.config.trustProxy.length > 0 ? ctx.config.trustProxy : false,
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(ctx.config.checkResponses));
  if (ctx.config.checkResponses) installResponseCheck(app);
  installErrorHandler(app);
  installStrictJsonParser(app);
  trackHandlers(app);

  await app.register(helmet, securityHeaders(ctx.config.cookieSecure));
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: LIMITS.attachmentMaxBytes, files: 1, fields: 5 },
    throwFileSizeLimit: true,
  });
  await app.register(rateLimit, { global: false, ...(opts.rateLimit === false ? { max: 1_000_000 } : {}) });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Minsheng 民声 API',
        version: '0.1.0',
        description: 'Petition handling under the 信访工作条例 (2022)',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ms_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installAuthHooks(app, ctx);

  app.get(
    '/api/health',
    { schema: { tags: ['system'], response: responses({ 200: HealthSchema }) } },
    async () => ({ ok: true, database: ctx.dbKind }),
  );
  for (const routes of [
    authRoutes,
    lifecycleRoutes,
    intakeRoutes,
    documentsRoutes,
    routingRoutes,
    textRoutes,
    orgRoutes,
    portalRoutes,
    calendarRoutes,
    dashboardRoutes,
    statsRoutes,
    indicatorsRoutes,
    scorecardRoutes,
    queueExportRoutes,
    annualReportRoutes,
    inboxRoutes,
    leadershipRoutes,
    ownershipRoutes,
    supervisionRoutes,
    // — issue 14 · reception days —
    receptionRoutes,
    // — issue 14 · backlog and campaigns —
    campaignRoutes,
    // — issue 14 · joint meetings —
    meetingRoutes,
    // — issue 14 · responsibility letters, frozen scorecards, accountability —
    assessmentRoutes,
    ...(opts.extraRoutes ?? []),
  ])
    routes(app, ctx);

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false });
    // Client-side routes: the staff app at /, the public portal at /portal.
    app.get('/portal', { schema: { hide: true } }, (_req, reply) => reply.sendFile('portal.html'));
    app.get('/portal/*', { schema: { hide: true } }, (_req, reply) => reply.sendFile('portal.html'));
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
    // Any other page path is a client-side route of the staff app; unknown API paths stay 404 JSON.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/docs')) {
        return reply.callNotFound();
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}

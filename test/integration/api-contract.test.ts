import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../../src/app/context.ts';
import { buildApp } from '../../src/http/app.ts';
import { ErrorBodySchema, responses, RoutingRuleList } from '../../src/shared/api.schema.ts';
import { seedOrg, TEST_PASSWORD } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/** Test-only routes: one that answers what it declares, one that adds a field, one a wrong type. */
const Probe = z.object({ name: z.string(), at: z.date() });
const probes = (app: FastifyInstance, _ctx: AppContext) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const schema = { tags: ['test'], response: responses({ 200: Probe }) };
  r.get('/api/test/declared', { schema }, async () => ({ name: 'a', at: new Date('2026-03-02T01:00:00Z') }));
  r.get('/api/test/extra', { schema }, async () => ({ name: 'a', at: new Date(), secret: 'x' }));
  r.get('/api/test/wrong', { schema }, async () => ({ name: 1, at: new Date() }));
  r.get('/api/test/created', { schema }, async (_req, reply) => {
    void reply.status(201);
    return { name: 'a', at: new Date() };
  });
};

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };

describeEachDb('API contract', (env) => {
  let app: FastifyInstance;
  let unchecked: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(env().ctx, { rateLimit: false, extraRoutes: [probes] });
    const ctx = env().ctx;
    unchecked = await buildApp(
      { ...ctx, config: { ...ctx.config, checkResponses: false } },
      { rateLimit: false, extraRoutes: [probes] },
    );
  });
  afterAll(async () => {
    await app.close();
    await unchecked.close();
  });

  it('declares a success schema and the error schema for every operation in /docs/json', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const { name, op } of operations) {
      const statuses = Object.keys(op.responses ?? {});
      const ok = statuses.filter((s) => /^2/.test(s));
      if (ok.length === 0 || !ok.every((s) => op.responses![s]!.content)) missing.push(`${name}: 2xx`);
      for (const s of ['400', '401', '403', '404', '409', '413', '429']) {
        const schema = op.responses?.[s]?.content?.['application/json']?.schema as
          { properties?: { error?: { properties?: Record<string, unknown> } } } | undefined;
        const fields = Object.keys(schema?.properties?.error?.properties ?? {});
        if (!['code', 'message_zh', 'message_en', 'fields'].every((f) => fields.includes(f)))
          missing.push(`${name}: ${s}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares the body of every command, except those that read none or take a file', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    const bodiless = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method, op]) => method !== 'get' && !op.requestBody)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(bodiless.sort()).toEqual(
      [
        'POST /api/auth/logout',
        'POST /api/matters/{id}/sign-for',
        'POST /api/matters/{id}/petitioners/{petitionerId}/unmask',
        'DELETE /api/admin/calendar-overrides/{date}',
        'POST /api/inbox/{id}/read',
        'POST /api/inbox/read-all',
      ].sort(),
    );
  });

  it('describes the uploads as multipart/form-data: the file and the text fields', async () => {
    type Form = { properties: Record<string, { type?: string; format?: string }>; required: string[] };
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: Form }> } } }>;
    }>();
    const form = (path: string) => doc.paths[path]?.post.requestBody.content['multipart/form-data']?.schema;
    expect(form('/api/matters/{id}/attachments')).toMatchObject({
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    });
    const portal = form('/api/public/attachments');
    expect(portal?.properties.file).toEqual(expect.objectContaining({ format: 'binary' }));
    expect(Object.keys(portal?.properties ?? {}).sort()).toEqual(['caseNumber', 'file', 'queryCode']);
    expect(portal?.required.sort()).toEqual(['caseNumber', 'file', 'queryCode']);
  });

  it('describes every administrative answer exactly: no object schema that admits undeclared fields', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const loose: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/admin/')))
      for (const [method, op] of Object.entries(ops))
        for (const [status, res] of Object.entries(op.responses ?? {}))
          if (/^2/.test(status) && JSON.stringify(res.content ?? {}).includes('"additionalProperties":{}'))
            loose.push(`${method.toUpperCase()} ${path} ${status}`);
    expect(loose).toEqual([]);
  });

  it('passes an answer that matches its declared schema, dates as ISO strings', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/declared' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'a', at: '2026-03-02T01:00:00.000Z' });
  });

  it('fails an answer with a field its schema does not declare, naming the route and field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/extra' });
    expect(res.statusCode).toBe(500);
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('internal');
  });

  it('fails an answer of the wrong type and one whose status is not declared', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/test/wrong' })).statusCode).toBe(500);
    expect((await app.inject({ method: 'GET', url: '/api/test/created' })).statusCode).toBe(500);
  });

  it('never strips or rewrites a field in production, where the check is off', async () => {
    const res = await unchecked.inject({ method: 'GET', url: '/api/test/extra' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'a', secret: 'x' });
  });

  it('lists routing rules in their declared shape, the time of the last change included', async () => {
    const org = await seedOrg(env().ctx);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_PASSWORD },
    });
    const headers = {
      cookie: String(login.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
    const saved = await app.inject({
      method: 'POST',
      url: '/api/admin/routing-rules',
      headers,
      payload: {
        name: '物业纠纷',
        categoryCode: null,
        action: 'assign',
        unitId: org.units.housing,
        reasonZh: '物业纠纷由住建局办理',
        reasonEn: 'Property disputes go to the housing bureau',
      },
    });
    expect(saved.statusCode).toBe(201);
    const res = await app.inject({ method: 'GET', url: '/api/admin/routing-rules', headers });
    expect(res.statusCode).toBe(200);
    const rule = RoutingRuleList.parse(res.json()).items.find((r) => r.name === '物业纠纷');
    expect(rule?.updated_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('answers errors in the declared error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/matters/1' });
    expect(res.statusCode).toBe(401);
    expect(ErrorBodySchema.safeParse(res.json()).success).toBe(true);
  });
});

describe('error codes', () => {
  it('lists every code the server can answer with', async () => {
    const { HTTP_STATUS } = await import('../../src/errors/http-status.ts');
    const { ERROR_CODES } = await import('../../src/shared/api.schema.ts');
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(HTTP_STATUS).sort());
  });
});

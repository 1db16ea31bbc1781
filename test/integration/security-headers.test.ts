import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );

// Issue 10, item 7: a Content-Security-Policy and frame protection on every answer.
describeEachDb('Security headers', (env) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(env().ctx);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  for (const url of [
    '/',
    '/portal',
    '/portal/lookup',
    '/api/health',
    '/api/matters',
    '/docs',
    '/docs/json',
  ]) {
    it(`sets CSP, X-Frame-Options and nosniff on ${url}`, async () => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBeLessThan(500);
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      // Plain HTTP by default: no HSTS, no upgrade of requests.
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(csp['upgrade-insecure-requests']).toBeUndefined();
    });
  }

  it('adds HSTS and upgrade-insecure-requests behind HTTPS (MINSHENG_COOKIE_SECURE)', async () => {
    const ctx = env().ctx;
    const https = await buildApp({ ...ctx, config: { ...ctx.config, cookieSecure: true } });
    const res = await https.inject({ method: 'GET', url: '/api/health' });
    await https.close();
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(directives(String(res.headers['content-security-policy']))).toHaveProperty(
      'upgrade-insecure-requests',
    );
  });
});

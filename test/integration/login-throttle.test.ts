import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { delayAfter } from '../../src/auth/login-throttle.ts';
import { buildApp } from '../../src/http/app.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

// Issue 10, item 6: the client address is the socket's unless a proxy is configured, and failed
// logins are counted per account as well as per address.
describeEachDb('Login throttling and client addresses', (env) => {
  let org: Org;
  /** Built with the default configuration: no proxy is trusted. */
  let plain: FastifyInstance;
  /** Built as behind a reverse proxy at 127.0.0.1 (where app.inject's requests come from). */
  let proxied: FastifyInstance;
  let addr = 0;
  /** A different client address for each request, as a botnet (or a forged header) would send. */
  const nextAddress = () => {
    addr += 1;
    return `198.51.${Math.floor(addr / 250) % 250}.${(addr % 250) + 1}`;
  };
  const echoIp = (app: FastifyInstance) => {
    app.get('/api/test/ip', async (req) => ({ ip: req.ip }));
  };
  const advance = (ms: number) => {
    env().clock.now = new Date(env().clock.now.getTime() + ms);
  };
  const login = (app: FastifyInstance, username: string, password: string, from = nextAddress()) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      headers: { 'x-forwarded-for': from },
    });
  /** Sends wrong passwords until the accounts are locked, waiting out each delay on the test clock. */
  const lockOut = async (...usernames: string[]) => {
    const max = env().ctx.config.loginMaxFailures;
    for (let i = 1; i <= max; i++) {
      for (const username of usernames) {
        const r = await login(proxied, username, `wrong-${i}`);
        expect(r.statusCode, `${username} attempt ${i}`).toBe(401);
      }
      advance(delayAfter(i));
    }
  };
  const systemEvents = (kind: string) =>
    env()
      .ctx.db.selectFrom('events')
      .select(['payload', 'actor_kind'])
      .where('stream', '=', 'system')
      .where('kind', '=', kind)
      .execute();

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    plain = await buildApp(env().ctx, { extraRoutes: [echoIp] });
    const ctx = env().ctx;
    proxied = await buildApp(
      { ...ctx, config: { ...ctx.config, trustProxy: ['127.0.0.1'] } },
      { extraRoutes: [echoIp] },
    );
    await Promise.all([plain.ready(), proxied.ready()]);
  });
  afterAll(async () => {
    await Promise.all([plain.close(), proxied.close()]);
  });

  it('ignores X-Forwarded-For unless the proxy is configured', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const a = await plain.inject({ method: 'GET', url: '/api/test/ip', headers });
    expect(a.json().ip).toBe('127.0.0.1');
    const b = await proxied.inject({ method: 'GET', url: '/api/test/ip', headers });
    expect(b.json().ip).toBe('203.0.113.9');
  });

  it('keys the per-address login limit on the socket address when no proxy is trusted', async () => {
    // Distinct unknown names, so only the per-address limit (20 a minute) can answer 429.
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await login(plain, `nobody-a${i}`, 'x')).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    // Behind a configured proxy the forwarded address is the key: 22 addresses, no 429.
    const behind: number[] = [];
    for (let i = 0; i < 22; i++) behind.push((await login(proxied, `nobody-b${i}`, 'x')).statusCode);
    expect(behind.every((s) => s === 401)).toBe(true);
  });

  it('delays the next attempt after repeated failures', async () => {
    for (let i = 1; i <= 3; i++) expect((await login(proxied, 'leader', `wrong-${i}`)).statusCode).toBe(401);
    const early = await login(proxied, 'leader', TEST_PASSWORD);
    expect(early.statusCode).toBe(429);
    expect(Number(early.headers['retry-after'])).toBe(delayAfter(3) / 1000);
    expect(early.json().error.message_zh).toContain('秒后再试');
    advance(delayAfter(3));
    expect((await login(proxied, 'leader', TEST_PASSWORD)).statusCode).toBe(200);
    // A success clears the count: the next mistake is not delayed.
    expect((await login(proxied, 'leader', 'wrong')).statusCode).toBe(401);
    expect((await login(proxied, 'leader', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an account after N wrong passwords from rotating addresses, even against the right one', async () => {
    await lockOut('officer');
    const refused = await login(proxied, 'officer', TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    const lockSeconds = env().ctx.config.loginLockMinutes * 60;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(lockSeconds - 200);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(lockSeconds);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.json().error.message_en).toMatch(/locked/);
    // The administrator is told: an event in the system stream …
    const events = await systemEvents('login_locked');
    expect(events.map((e) => (e.payload as { username: string }).username)).toContain('officer');
    // … and the lock in the administrators' list.
    const admin = await login(proxied, 'admin', TEST_PASSWORD);
    expect(admin.statusCode).toBe(200);
    const cookie = String(admin.headers['set-cookie']).split(';')[0]!;
    const list = await proxied.inject({ method: 'GET', url: '/api/admin/login-locks', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { username: string }) => i.username === 'officer');
    expect(item).toMatchObject({ userId: org.users.officer.id, failures: env().ctx.config.loginMaxFailures });
    // Only administrators see it.
    const officerLike = await login(proxied, 'analyst', TEST_PASSWORD);
    const other = String(officerLike.headers['set-cookie']).split(';')[0]!;
    expect(
      (await proxied.inject({ method: 'GET', url: '/api/admin/login-locks', headers: { cookie: other } }))
        .statusCode,
    ).toBe(403);
  });

  it('lets a lock expire', async () => {
    await lockOut('cityhead');
    expect((await login(proxied, 'cityhead', TEST_PASSWORD)).statusCode).toBe(429);
    const { locked_until } = await env()
      .ctx.db.selectFrom('login_throttle')
      .select('locked_until')
      .where('username', '=', 'cityhead')
      .executeTakeFirstOrThrow();
    env().clock.now = new Date(locked_until!.getTime() - 1000);
    expect((await login(proxied, 'cityhead', TEST_PASSWORD)).statusCode).toBe(429);
    advance(1000);
    expect((await login(proxied, 'cityhead', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a locked unknown name exactly as a locked account', async () => {
    await lockOut('provhead', 'no-such-user');
    const real = await login(proxied, 'provhead', TEST_PASSWORD);
    const ghost = await login(proxied, 'no-such-user', TEST_PASSWORD);
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json()).toEqual(real.json());
    expect(ghost.headers['retry-after']).toBe(real.headers['retry-after']);
  });

  it('lets an administrator lift a lock, audited', async () => {
    await lockOut('countyhead');
    const admin = await login(proxied, 'admin', TEST_PASSWORD);
    const cookie = String(admin.headers['set-cookie']).split(';')[0]!;
    const csrf = admin.json<{ csrfToken: string }>().csrfToken;
    const unlock = (username: string) =>
      proxied.inject({
        method: 'POST',
        url: '/api/admin/login-locks/unlock',
        payload: { username },
        headers: { cookie, 'x-csrf-token': csrf },
      });
    expect((await unlock('CountyHead')).statusCode).toBe(200);
    expect((await login(proxied, 'countyhead', TEST_PASSWORD)).statusCode).toBe(200);
    const events = await systemEvents('login_unlocked');
    expect(events.map((e) => (e.payload as { username: string }).username)).toContain('countyhead');
    const again = await unlock('countyhead');
    expect(again.statusCode).toBe(404);
    expect(again.json().error.fields[0].path).toBe('username');
  });

  it('throttles look-ups of one case number from many addresses', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const limit = env().ctx.config.publicCaseRateLimitPerMinute;
    const lookup = (caseNumber: string, queryCode: string) =>
      proxied.inject({
        method: 'POST',
        url: '/api/public/lookup',
        payload: { caseNumber, queryCode },
        headers: { 'x-forwarded-for': nextAddress() },
      });
    for (let i = 0; i < limit; i++) expect((await lookup(m.caseNumber, 'WRONGCODE234')).statusCode).toBe(404);
    const over = await lookup(m.caseNumber, 'WRONGCODE234');
    expect(over.statusCode).toBe(429);
    expect(over.json().error.fields[0].path).toBe('caseNumber');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right code waits now; another case number does not.
    expect((await lookup(m.caseNumber, m.queryCode)).statusCode).toBe(429);
    const other = await registerTestMatter(env().ctx, org);
    expect((await lookup(other.caseNumber, other.queryCode)).statusCode).toBe(200);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { MATTER_STATES } from '../../src/shared/enums.ts';
import type { DashboardSummary } from '../../src/shared/api.schema.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const BADGES = ['overdue', 'warning', 'on_time'] as const;

describeEachDb('the home dashboard summary', (env) => {
  let app: FastifyInstance;
  let org: Org;
  let otherRegion: number;
  const cookies: Record<string, string> = {};
  const get = async (username: string, url: string) => {
    if (!cookies[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      cookies[username] = String(res.headers['set-cookie']).split(';')[0]!;
    }
    return app.inject({ method: 'GET', url, headers: { cookie: cookies[username] } });
  };
  const summaryOf = async (username: string) => {
    const res = await get(username, '/api/dashboard/summary');
    expect(res.statusCode).toBe(200);
    return res.json<DashboardSummary>();
  };
  const queueTotal = async (username: string, filter = '') => {
    const res = await get(username, `/api/matters?pageSize=1${filter}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; totalCapped: boolean }>().total;
  };

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    // Matters registered over three weeks, so that the acceptance deadlines carry every badge.
    clock.set('2026-03-02T01:00:00Z');
    await registerTestMatter(ctx, org);
    const accepted = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), accepted.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    const forwarded = await registerTestMatter(ctx, org, { categoryCode: 'labour_social_security' });
    await cmd.decide(ctx, org.staff(org.users.registrar), forwarded.id, {
      decision: 'forward',
      unitId: org.units.labour,
    });
    const notAccepted = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), notAccepted.id, {
      decision: 'not_accept',
      reason: 'lawful_channel',
      lawfulChannel: 'litigation',
      explanation: '该事项已进入诉讼程序',
    });
    clock.advanceDays(11);
    await registerTestMatter(ctx, org);
    clock.advanceDays(8);
    await registerTestMatter(ctx, org);
    // A matter in another street's territory (南山街道): the 南头 street office may not see it.
    otherRegion = (await registerTestMatter(ctx, org, { regionCode: '440305002' })).id;
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('equals the queue totals, overall, by state and by deadline badge, for users of different scope', async () => {
    const seen: Record<string, number> = {};
    for (const username of ['registrar', 'officer', 'labourhead', 'streethead', 'cityhead', 'analyst']) {
      const s = await summaryOf(username);
      expect(s.total, username).toBe(await queueTotal(username));
      for (const state of MATTER_STATES)
        expect(s.byState[state], `${username} ${state}`).toBe(await queueTotal(username, `&state=${state}`));
      for (const b of BADGES)
        expect(s.byBadge[b], `${username} ${b}`).toBe(await queueTotal(username, `&deadline=${b}`));
      expect(s.byBadge.overdue + s.byBadge.warning + s.byBadge.on_time + s.noDeadline).toBe(s.total);
      seen[username] = s.total;
    }
    // The district bureau sees all seven; a department only what it leads; the city all of its region.
    expect(seen.registrar).toBe(7);
    expect(seen.cityhead).toBe(7);
    expect(seen.officer).toBe(1);
    expect(seen.labourhead).toBe(1);
    const bureau = await summaryOf('registrar');
    expect(bureau.byState.registered).toBe(4);
    expect(bureau.byState.not_accepted).toBe(1);
    expect(bureau.byBadge.overdue).toBeGreaterThan(0);
    expect(bureau.byBadge.on_time).toBeGreaterThan(0);
    expect(bureau.noDeadline).toBeGreaterThan(0);
  });

  it('counts nothing of a matter outside the user’s region', async () => {
    const street = await summaryOf('streethead');
    expect(street.total).toBe(6);
    const res = await get('streethead', `/api/matters/${otherRegion}`);
    expect(res.statusCode).toBe(404);
    // The matter is counted for the district, whose territory it lies in.
    expect((await summaryOf('registrar')).total - street.total).toBe(1);
  });

  it('is for the roles that may open the queue', async () => {
    expect((await get('admin', '/api/dashboard/summary')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/summary' })).statusCode).toBe(401);
  });
});

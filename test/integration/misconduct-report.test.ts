import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/** Every user of the small organisation except the district bureau's own staff. */
const OUTSIDERS = ['officer', 'unithead', 'labourhead', 'streethead', 'countyhead', 'cityhead', 'discipline'];

describeEachDb('a report of misconduct submitted online', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const call = async (username: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    if (username && !sessions[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      sessions[username] = {
        cookie: String(res.headers['set-cookie']).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    }
    const s = username ? sessions[username]! : null;
    return app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {},
    });
  };
  const snapshot = async (id: number) => {
    const db = env().ctx.db;
    return {
      matter: await db
        .selectFrom('matters')
        .select(['state', 'version', 'reported_unit_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
      units: await db.selectFrom('matter_units').selectAll().where('matter_id', '=', id).execute(),
      events: (await db.selectFrom('events').select('id').where('matter_id', '=', id).execute()).length,
    };
  };

  let report: { id: number; petitionerId: number; caseNumber: string };
  /** Each outsider's home-page counts before the report arrived: the report must not change them. */
  const dashboardBefore: Record<string, unknown> = {};
  const dashboard = async (user: string) => {
    const res = await call(user, 'GET', '/api/dashboard/summary');
    expect(res.statusCode, user).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
    for (const user of OUTSIDERS) dashboardBefore[user] = await dashboard(user);
    const res = await call(null, 'POST', '/api/public/petitions', {
      name: '冯举报',
      phone: '13855550001',
      regionCode: '440305001001',
      purpose: 'accusation',
      isMisconductReport: true,
      target: '南山区住建局',
      subject: '举报住建局工作人员收受好处费',
      content: '南山区住建局某科长在审批中收受好处费，请纪检监察机关调查。',
    });
    expect(res.statusCode).toBe(201);
    const row = await env()
      .ctx.db.selectFrom('matters as m')
      .innerJoin('matter_petitioners as mp', 'mp.matter_id', 'm.id')
      .select(['m.id', 'mp.petitioner_id', 'm.case_number', 'm.reported_unit_id', 'm.target'])
      .where('m.case_number', '=', res.json<{ caseNumber: string }>().caseNumber)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reported_unit_id: null, target: '南山区住建局' });
    report = { id: row.id, petitionerId: row.petitioner_id, caseNumber: row.case_number };
  });
  afterAll(async () => {
    await app.close();
  });

  it('is seen by the registering bureau only, through every endpoint that shows matters', async () => {
    const { id, petitionerId } = report;
    expect((await call('registrar', 'GET', `/api/matters/${id}`)).statusCode).toBe(200);
    expect((await call('leader', 'GET', `/api/matters/${id}`)).statusCode).toBe(200);
    for (const user of OUTSIDERS) {
      expect((await call(user, 'GET', `/api/matters/${id}`)).statusCode, user).toBe(404);
      const queue = await call(
        user,
        'GET',
        `/api/matters?pageSize=100&q=${encodeURIComponent('收受好处费')}`,
      );
      expect(queue.json().items, user).toEqual([]);
      const byNumber = await call(user, 'GET', `/api/matters?q=${report.caseNumber}`);
      expect(byNumber.json().items, user).toEqual([]);
      expect(
        (await call(user, 'POST', `/api/matters/${id}/petitioners/${petitionerId}/unmask`)).statusCode,
      ).toBe(404);
      expect((await call(user, 'POST', `/api/matters/${id}/notes`, { note: '看看' })).statusCode).toBe(404);
      expect((await call(user, 'GET', `/api/matters/${id}/documents/acceptance`)).statusCode).toBe(404);
      expect((await call(user, 'GET', `/api/matters/${id}/attachments/1`)).statusCode).toBe(404);
      expect((await call(user, 'GET', `/api/petitioners/${petitionerId}/matters`)).json().items).toEqual([]);
      expect((await call(user, 'GET', '/api/petitioners/search?q=13855550001')).json().items).toEqual([]);
      expect(await dashboard(user), user).toEqual(dashboardBefore[user]);
    }
  });

  it("offers the petitioner's words matched to unit names, and routes nowhere but 纪检监察 until identified", async () => {
    const { id } = report;
    const detail = (await call('registrar', 'GET', `/api/matters/${id}`)).json();
    expect(detail.target).toBe('南山区住建局');
    expect(detail.reportedUnitId).toBeNull();
    expect(detail.reportedUnitSuggestions[0]).toMatchObject({ unitId: org.units.housing });
    expect(detail.allowedActions).toContain('identify_reported_unit');

    const suggest = await call('registrar', 'POST', '/api/routing/suggest', {
      regionCode: '440305001001',
      categoryCode: 'urban_construction',
      purpose: 'accusation',
      isMisconductReport: true,
      text: detail.content,
    });
    expect(suggest.json().suggestions.map((s: { unitId: number }) => s.unitId)).toEqual([
      org.units.discipline,
    ]);

    const before = await snapshot(id);
    const refused: [unknown, string][] = [
      [{ decision: 'accept', leadUnitId: org.units.housing }, 'leadUnitId'],
      [{ decision: 'accept', leadUnitId: org.units.labour }, 'leadUnitId'],
      [
        { decision: 'accept', leadUnitId: org.units.discipline, coUnitIds: [org.units.housing] },
        'coUnitIds.0',
      ],
      [{ decision: 'forward', unitId: org.units.countyGov }, 'unitId'],
      [{ decision: 'hand_down', unitId: org.units.street }, 'unitId'],
    ];
    for (const [body, field] of refused) {
      const res = await call('registrar', 'POST', `/api/matters/${id}/decide`, body);
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.fields[0].path).toBe(field);
      expect(err.fields[0].message_zh).toContain('纪检监察');
      expect(err.fields[0].message_en).toContain('discipline inspection');
    }
    expect(await snapshot(id)).toEqual(before);
  });

  it('identifies the reported unit as an audited step of the registrar, refusing anyone else and bad input', async () => {
    const { id } = report;
    const before = await snapshot(id);
    const url = `/api/matters/${id}/identify-reported-unit`;
    expect((await call('officer', 'POST', url, { unitId: org.units.housing })).statusCode).toBe(404);
    expect((await call('leader', 'POST', url, { unitId: org.units.housing })).statusCode).toBe(403);
    const bad = await call('registrar', 'POST', url, { unitId: 99_999_999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'unitId' });
    expect((await call('registrar', 'POST', url, {})).statusCode).toBe(400);
    expect(await snapshot(id)).toEqual(before);

    const ok = await call('registrar', 'POST', url, { unitId: org.units.housing, note: '经核实为区住建局' });
    expect(ok.statusCode).toBe(200);
    const after = await snapshot(id);
    expect(after.matter).toMatchObject({ state: 'registered', reported_unit_id: org.units.housing });
    expect(after.matter.version).toBe(before.matter.version + 1);
    const event = await env()
      .ctx.db.selectFrom('events')
      .select(['kind', 'actor_id', 'public', 'payload', 'stream'])
      .where('matter_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      kind: 'reported_unit_identified',
      stream: `matter:${id}`,
      actor_id: org.users.registrar.id,
      public: false,
      payload: { unitId: org.units.housing, previousUnitId: null, petitionerText: '南山区住建局' },
    });
    const detail = (await call('registrar', 'GET', `/api/matters/${id}`)).json();
    expect(detail.reportedUnitName).toBe('南山区住房和建设局');
    expect(detail.reportedUnitSuggestions).toEqual([]);
    expect((await call('registrar', 'POST', url, { unitId: org.units.housing })).statusCode).toBe(400);
  });

  it('goes to 纪检监察, which alone then sees it; never to the unit reported', async () => {
    const { id } = report;
    const toReported = await call('registrar', 'POST', `/api/matters/${id}/decide`, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    expect(toReported.statusCode).toBe(400);
    const ok = await call('registrar', 'POST', `/api/matters/${id}/decide`, {
      decision: 'accept',
      leadUnitId: org.units.discipline,
    });
    expect(ok.statusCode).toBe(200);
    expect((await call('discipline', 'GET', `/api/matters/${id}`)).statusCode).toBe(200);
    for (const user of OUTSIDERS.filter((u) => u !== 'discipline')) {
      expect((await call(user, 'GET', `/api/matters/${id}`)).statusCode, user).toBe(404);
      // The reported unit (identified above) counts nothing new on its home page either.
      expect(await dashboard(user), user).toEqual(dashboardBefore[user]);
    }
    // The unit handling it cannot be named as the reported unit.
    const wrong = await call('registrar', 'POST', `/api/matters/${id}/identify-reported-unit`, {
      unitId: org.units.discipline,
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('holds the same for a report registered by staff without a reported unit; not for other matters', async () => {
    const m = await registerTestMatter(env().ctx, org, {
      purpose: 'accusation',
      subject: '举报某单位工作人员吃拿卡要',
    });
    for (const user of OUTSIDERS)
      expect((await call(user, 'GET', `/api/matters/${m.id}`)).statusCode).toBe(404);
    const res = await call('registrar', 'POST', `/api/matters/${m.id}/decide`, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    expect(res.statusCode).toBe(400);
    const ordinary = await registerTestMatter(env().ctx, org);
    const detail = (await call('registrar', 'GET', `/api/matters/${ordinary.id}`)).json();
    expect(detail.allowedActions).not.toContain('identify_reported_unit');
    const identify = await call('registrar', 'POST', `/api/matters/${ordinary.id}/identify-reported-unit`, {
      unitId: org.units.housing,
    });
    expect(identify.statusCode).toBe(403);
  });
});

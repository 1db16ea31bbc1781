import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('instructions and the inbox over HTTP', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const call = async (username: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    if (!sessions[username]) {
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
    const s = sessions[username];
    return app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('issues, lists, answers and reads the inbox, with bilingual field errors at the edge', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });

    const bad = await call('leader', 'POST', `/api/matters/${m.id}/instructions`, {
      body: '请办理',
      unitIds: [],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{
      error: { fields: { path: string; message_zh: string; message_en: string }[] };
    }>().error.fields;
    expect(fields[0]).toMatchObject({ path: 'unitIds' });
    expect(fields[0]!.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(fields[0]!.message_en).toMatch(/[a-z]/);
    expect(
      (
        await call('officer', 'POST', `/api/matters/${m.id}/instructions`, {
          body: '请办理',
          unitIds: [org.units.housing],
        })
      ).statusCode,
    ).toBe(403);

    const issued = await call('leader', 'POST', `/api/matters/${m.id}/instructions`, {
      body: '请住建局抓紧处理并答复。',
      unitIds: [org.units.housing],
    });
    expect(issued.statusCode).toBe(200);
    const id = issued.json<{ id: number }>().id;

    const count = await call('unithead', 'GET', '/api/inbox/unread-count');
    expect(count.json()).toEqual({ unread: 1 });
    const inbox = await call('unithead', 'GET', '/api/inbox?unread=true');
    const notice = inbox.json<{
      items: { id: number; kind: string; caseNumber: string; caseType: string }[];
    }>().items[0]!;
    expect(notice).toMatchObject({
      kind: 'instruction_received',
      caseNumber: m.caseNumber,
      caseType: 'instruction',
    });
    // Someone else's notice does not exist for you.
    expect((await call('officer', 'POST', `/api/inbox/${notice.id}/read`)).statusCode).toBe(404);
    expect((await call('leader', 'POST', `/api/inbox/${notice.id}/read`)).statusCode).toBe(404);
    expect((await call('unithead', 'POST', `/api/inbox/${notice.id}/read`)).json()).toEqual({ unread: 0 });
    expect((await call('unithead', 'GET', '/api/inbox?page=0')).statusCode).toBe(400);

    const listed = await call('unithead', 'GET', '/api/instructions?view=toMyUnit');
    expect(listed.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toEqual([id]);
    // The form is offered only to whom the server would allow it.
    expect((await call('leader', 'GET', `/api/matters/${m.id}/instructions`)).json().canIssue).toBe(true);
    const onMatter = await call('officer', 'GET', `/api/matters/${m.id}/instructions`);
    expect(onMatter.json().canIssue).toBe(false);
    expect(onMatter.json<{ items: { allowedActions: string[] }[] }>().items[0]!.allowedActions).toContain(
      'answer',
    );

    expect((await call('officer', 'POST', `/api/instructions/${id}/answer`, { answer: '' })).statusCode).toBe(
      400,
    );
    const answered = await call('officer', 'POST', `/api/instructions/${id}/answer`, {
      answer: '已约谈物业公司。',
    });
    expect(answered.json()).toMatchObject({ id, state: 'answered' });
    expect(
      (await call('officer', 'POST', `/api/instructions/${id}/answer`, { answer: '再答' })).statusCode,
    ).toBe(409);
    expect((await call('leader', 'GET', '/api/inbox/unread-count')).json()).toEqual({ unread: 1 });
    expect((await call('leader', 'POST', '/api/inbox/read-all')).json()).toEqual({ unread: 0 });
    const mine = await call('leader', 'GET', '/api/instructions');
    expect(mine.json()).toMatchObject({ counts: { open: 0, answered: 1, overdue: 0 } });
    expect((await call('labourhead', 'GET', `/api/instructions/${id}`)).statusCode).toBe(404);
  });

  it('issues, answers and accepts a supervision card, with field errors and 409s at the edge', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    const past = await call('supervisor', 'POST', `/api/matters/${m.id}/cards`, {
      reason: '超期',
      demand: '请办理',
      answerBy: '2000-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json<{ error: { fields: { path: string }[] } }>().error.fields[0]?.path).toBe('answerBy');
    const byOfficer = await call('officer', 'POST', `/api/matters/${m.id}/cards`, {
      reason: '超期',
      demand: '请办理',
      answerBy: '2099-01-01',
    });
    expect(byOfficer.statusCode).toBe(403);
    const issued = await call('supervisor', 'POST', `/api/matters/${m.id}/cards`, {
      reason: '超期',
      demand: '请办理',
      level: 'yellow',
      answerBy: '2099-01-01',
    });
    expect(issued.statusCode).toBe(200);
    const id = issued.json<{ id: number }>().id;
    expect((await call('supervisor', 'GET', `/api/matters/${m.id}/cards`)).json().canIssue).toBe(true);
    expect((await call('officer', 'GET', `/api/matters/${m.id}/cards`)).json().canIssue).toBe(false);
    expect((await call('officer', 'GET', `/api/matters/${m.id}/cards`)).json().items[0]).toMatchObject({
      level: 'yellow',
      allowedActions: ['answer', 'comment'],
    });
    expect(
      (await call('officer', 'POST', `/api/cards/${id}/answer`, { answer: '已办理。' })).statusCode,
    ).toBe(200);
    expect((await call('unithead', 'POST', `/api/cards/${id}/answer`, { answer: '再答' })).statusCode).toBe(
      409,
    );
    expect((await call('officer', 'POST', `/api/cards/${id}/accept`, {})).statusCode).toBe(403);
    expect((await call('supervisor', 'POST', `/api/cards/${id}/accept`, {})).json()).toMatchObject({
      state: 'accepted',
    });
    const listed = await call('supervisor', 'GET', '/api/cards?view=issued&level=yellow');
    expect(listed.json<{ items: { id: number }[] }>().items.map((c) => c.id)).toContain(id);
    expect((await call('labourhead', 'GET', `/api/cards/${id}`)).statusCode).toBe(404);
  });
});

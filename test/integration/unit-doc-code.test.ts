import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { noticeDataFromMatter } from '../../src/documents/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { getMatter } from '../../src/lifecycle/matter.queries.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('a unit’s 发文机关代字 (units.doc_code) in its 文号', (env) => {
  let app: FastifyInstance;
  let org: Org;
  let headers: Record<string, string>;
  const patchUnit = (payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/admin/units/${org.units.bureau}`, headers, payload });
  const acceptedNumber = async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    return { id: m.id, number: await numberOf(m.id) };
  };
  const numberOf = async (matterId: number) =>
    noticeDataFromMatter('acceptance', await getMatter(env().ctx, org.users.admin, matterId))?.docNumber;

  beforeAll(async () => {
    env().clock.set('2026-05-04T02:00:00Z');
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_PASSWORD },
    });
    headers = {
      cookie: String(login.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it('numbers the next notice with the code once set; numbers already issued keep theirs', async () => {
    const before = await acceptedNumber();
    expect(before.number).toMatch(/^南山信访受告〔2026〕\d+号$/);
    const seq = Number(/〔2026〕(\d+)号$/.exec(before.number ?? '')?.[1]);

    const set = await patchUnit({ docCode: '南山信' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ id: org.units.bureau, docCode: '南山信' });
    const listed = await app.inject({ method: 'GET', url: '/api/admin/units?q=南山区信访局', headers });
    expect(listed.json<{ items: { id: number; docCode: string | null }[] }>().items).toContainEqual(
      expect.objectContaining({ id: org.units.bureau, docCode: '南山信' }),
    );

    const after = await acceptedNumber();
    // The code changes, the unit's sequence for the kind and year runs on.
    expect(after.number).toBe(`南山信受告〔2026〕${seq + 1}号`);
    expect(await numberOf(before.id)).toBe(before.number);

    // The change is audited like every unit edit, with the code it replaced.
    const events = await env()
      .ctx.db.selectFrom('events')
      .select('payload')
      .where('kind', '=', 'unit_changed')
      .execute();
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({
        id: org.units.bureau,
        before: expect.objectContaining({ docCode: null }),
        change: { docCode: '南山信' },
      }),
    );

    // Cleared, the code derived from the name comes back.
    expect((await patchUnit({ docCode: null })).statusCode).toBe(200);
    expect((await acceptedNumber()).number).toBe(`南山信访受告〔2026〕${seq + 2}号`);
  });

  it('refuses a code with spaces or of 13 characters: a 400 on the field, in Chinese and English', async () => {
    for (const [docCode, zh, en] of [
      ['南山 信访', '发文机关代字不能包含空格', 'docCode must not contain spaces'],
      ['一二三四五六七八九十一二三', '发文机关代字不能超过12个字', 'docCode must be at most 12 characters'],
      ['', '发文机关代字至少需要1个字', 'docCode needs at least 1 characters'],
    ]) {
      const res = await patchUnit({ docCode });
      expect(res.statusCode, docCode).toBe(400);
      expect(res.json<{ error: { fields: unknown[] } }>().error.fields).toEqual([
        { path: 'docCode', message_zh: zh, message_en: en },
      ]);
    }
    const unit = await env()
      .ctx.db.selectFrom('units')
      .select('doc_code')
      .where('id', '=', org.units.bureau)
      .executeTakeFirstOrThrow();
    expect(unit.doc_code).toBeNull();
  });

  it('is held to the same rule by the database', async () => {
    await expect(
      env()
        .ctx.db.updateTable('units')
        .set({ doc_code: '南山 信访' })
        .where('id', '=', org.units.bureau)
        .execute(),
    ).rejects.toThrow();
  });
});

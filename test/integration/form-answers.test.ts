import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/** The answers the web forms map onto their fields (issue 11, items 3–5). */
describeEachDb('field answers for the forms', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  const call = async (username: string | null, url: string, payload: unknown) => {
    let s = username ? sessions.get(username) : undefined;
    if (username && !s) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      s = {
        cookie: String(res.headers['set-cookie']).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
      sessions.set(username, s);
    }
    return app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {},
    });
  };
  const count = async (table: 'matters' | 'petitioners') =>
    Number(
      (
        await env()
          .ctx.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stateOf = async (id: number) =>
    (await env().ctx.db.selectFrom('matters').select('state').where('id', '=', id).executeTakeFirstOrThrow())
      .state;

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('names the portal field of an ID number with a wrong check digit, and stores nothing', async () => {
    const before = [await count('matters'), await count('petitioners')];
    const res = await call(null, '/api/public/petitions', {
      name: '钱七',
      phone: '13600001234',
      idNumber: '110105194912310021', // the check digit should be X
      regionCode: '440305001001',
      subject: '公交站台破损',
      content: '南头城社区公交站台顶棚破损，雨天无法候车。',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{
      error: { fields: { path: string; message_zh: string; message_en: string }[] };
    }>().error.fields;
    expect(fields.map((f) => f.path)).toEqual(['idNumber']);
    expect(fields[0]!.message_zh).toContain('校验码');
    expect(fields[0]!.message_en).toContain('checksum');
    expect([await count('matters'), await count('petitioners')]).toEqual(before);
  });

  it('unmasks a petitioner with the address, for 使用此人 on the registration form', async () => {
    const m = await registerTestMatter(env().ctx, org, {
      petitioners: [{ name: '吴地址', phone: '13900001111', address: '南山区粤海街道科技园1号' }],
    });
    const res = await call('registrar', `/api/matters/${m.id}/petitioners/${m.petitionerIds[0]}/unmask`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '吴地址',
      phone: '13900001111',
      address: '南山区粤海街道科技园1号',
    });
  });

  it('merges into a matter named by its case number as well as by its id', async () => {
    const target = await registerTestMatter(env().ctx, org);
    const first = await registerTestMatter(env().ctx, org);
    const byNumber = await call('registrar', `/api/matters/${first.id}/decide`, {
      decision: 'merge',
      intoMatterId: target.caseNumber,
    });
    expect(byNumber.statusCode).toBe(200);
    expect(await stateOf(first.id)).toBe('merged');
    const row = await env()
      .ctx.db.selectFrom('matters')
      .select('repeat_of_id')
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(row.repeat_of_id).toBe(target.id);

    const second = await registerTestMatter(env().ctx, org);
    expect(
      (
        await call('registrar', `/api/matters/${second.id}/decide`, {
          decision: 'merge',
          intoMatterId: target.id,
        })
      ).statusCode,
    ).toBe(200);
    expect(await stateOf(second.id)).toBe('merged');
  });

  it('refuses an unknown case number, its own case number or a malformed one on the field', async () => {
    const m = await registerTestMatter(env().ctx, org);
    for (const intoMatterId of ['440305-20200101-999999', m.caseNumber, '440305-2026']) {
      const res = await call('registrar', `/api/matters/${m.id}/decide`, { decision: 'merge', intoMatterId });
      expect(res.statusCode).toBe(400);
      const err = res.json<{ error: { fields: { path: string; message_zh: string }[] } }>().error;
      expect(err.fields.map((f) => f.path)).toEqual(['intoMatterId']);
    }
    expect(await stateOf(m.id)).toBe('registered');
  });

  it('refuses an extension of 31 days with 400 on the days field', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    const res = await call('unithead', `/api/matters/${m.id}/extend`, { days: 31, reason: '需要现场勘验' });
    expect(res.statusCode).toBe(400);
    const err = res.json<{ error: { fields: { path: string; message_zh: string; message_en: string }[] } }>()
      .error;
    expect(err.fields).toHaveLength(1);
    expect(err.fields[0]!.path).toBe('days');
    expect(err.fields[0]!.message_zh).toContain('30');
    expect(err.fields[0]!.message_en).toContain('30');
    const row = await ctx.db
      .selectFrom('matters')
      .select('extension_days')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.extension_days).toBeNull();
  });
});

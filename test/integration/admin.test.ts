import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

interface Session {
  cookie: string;
  csrf: string;
}

describeEachDb('administration: editing and deactivating users, units and categories', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const loginAs = async (username: string, password = TEST_PASSWORD) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const session = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await loginAs(username, password);
    expect(res.statusCode).toBe(200);
    return {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
    };
  };
  let adminSession: Session;
  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    call(adminSession, method, url, payload);
  const userRow = (id: number) =>
    env()
      .ctx.db.selectFrom('users')
      .select(['display_name', 'unit_id', 'roles', 'active', 'password_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const systemEvents = (kind: string) =>
    env().ctx.db.selectFrom('events').select('payload').where('kind', '=', kind).execute();

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
    adminSession = await session('admin');
  });
  afterAll(async () => {
    await app.close();
  });

  it('pages and searches the user list', async () => {
    const first = await asAdmin('GET', '/api/admin/users?pageSize=3&page=1');
    expect(first.statusCode).toBe(200);
    const body = first.json<{ items: { username: string }[]; total: number; pageSize: number }>();
    expect(body.items).toHaveLength(3);
    expect(body.total).toBeGreaterThan(3);
    const second = await asAdmin('GET', '/api/admin/users?pageSize=3&page=2');
    const names = new Set(
      [...body.items, ...second.json<{ items: { username: string }[] }>().items].map((u) => u.username),
    );
    expect(names.size).toBe(6);
    const found = await asAdmin('GET', '/api/admin/users?q=labour');
    expect(found.json<{ items: { username: string }[] }>().items.map((u) => u.username)).toEqual([
      'labourhead',
    ]);
    // % and _ are literal characters in the search, not wildcards.
    expect((await asAdmin('GET', '/api/admin/users?q=%25')).json<{ total: number }>().total).toBe(0);
  });

  it('changes roles and unit, which ends the user’s sessions; deactivation stops logging in', async () => {
    const officer = await session('officer');
    expect((await call(officer, 'GET', '/api/matters')).statusCode).toBe(200);
    const changed = await asAdmin('PATCH', `/api/admin/users/${org.users.officer.id}`, {
      roles: ['officer', 'registrar'],
      unitId: org.units.labour,
      displayName: '王五（调岗）',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ roles: ['officer', 'registrar'], unitId: org.units.labour });
    // The old session is gone at once.
    expect((await call(officer, 'GET', '/api/matters')).statusCode).toBe(401);
    const row = await userRow(org.users.officer.id);
    expect(row).toMatchObject({ display_name: '王五（调岗）', unit_id: org.units.labour, active: true });
    const events = await systemEvents('user_changed');
    expect(events.some((e) => JSON.stringify(e.payload).includes('王五（调岗）'))).toBe(true);

    const again = await session('officer');
    expect(
      (await asAdmin('PATCH', `/api/admin/users/${org.users.officer.id}`, { active: false })).statusCode,
    ).toBe(200);
    expect((await call(again, 'GET', '/api/matters')).statusCode).toBe(401);
    expect((await loginAs('officer')).statusCode).toBe(401);
    expect(
      (await asAdmin('PATCH', `/api/admin/users/${org.users.officer.id}`, { active: true })).statusCode,
    ).toBe(200);
    expect((await loginAs('officer')).statusCode).toBe(200);
  });

  it('resets a password: the old one stops working and sessions end; the password is not in the log', async () => {
    const head = await session('unithead');
    const res = await asAdmin('POST', `/api/admin/users/${org.users.head.id}/password`, {
      password: 'a-new-password-2026',
    });
    expect(res.statusCode).toBe(200);
    expect((await call(head, 'GET', '/api/matters')).statusCode).toBe(401);
    expect((await loginAs('unithead')).statusCode).toBe(401);
    expect((await loginAs('unithead', 'a-new-password-2026')).statusCode).toBe(200);
    const events = await systemEvents('user_password_reset');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.payload)).not.toContain('a-new-password-2026');
    expect((await userRow(org.users.head.id)).password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses bad changes with field messages and changes nothing', async () => {
    const before = await userRow(org.users.analyst.id);
    const cases: [string, string, unknown, string][] = [
      ['PATCH', `/api/admin/users/${org.users.analyst.id}`, { roles: [] }, 'roles'],
      ['PATCH', `/api/admin/users/${org.users.analyst.id}`, { roles: ['king'] }, 'roles'],
      ['PATCH', `/api/admin/users/${org.users.analyst.id}`, { unitId: 999_999 }, 'unitId'],
      ['PATCH', `/api/admin/users/${org.users.analyst.id}`, { displayName: '' }, 'displayName'],
      ['PATCH', `/api/admin/users/${org.users.analyst.id}`, { email: 'not an address' }, 'email'],
      ['PATCH', `/api/admin/users/${org.users.analyst.id}`, { password: 'sneaky-password' }, ''],
      ['POST', `/api/admin/users/${org.users.analyst.id}/password`, { password: 'short' }, 'password'],
      ['PATCH', `/api/admin/users/${org.users.admin.id}`, { active: false }, 'active'],
      ['PATCH', `/api/admin/users/${org.users.admin.id}`, { roles: ['analyst'] }, 'roles'],
      ['PATCH', `/api/admin/units/${org.units.housing}`, { regionCode: 'x' }, 'regionCode'],
      ['PATCH', `/api/admin/units/${org.units.housing}`, { parentId: org.units.housing }, 'parentId'],
      ['PATCH', `/api/admin/units/${org.units.bureau}`, { active: false }, 'active'],
      ['PATCH', `/api/admin/categories/environment`, { nameZh: '' }, 'nameZh'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await asAdmin(method as 'PATCH', url, payload);
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      const error = res.json<{
        error: { message_zh: string; message_en: string; fields: { path: string }[] };
      }>().error;
      expect(error.message_zh).toBeTruthy();
      expect(error.message_en).toBeTruthy();
      if (field) expect(error.fields.map((f) => f.path).join(' ')).toContain(field);
    }
    expect((await asAdmin('PATCH', '/api/admin/users/999999', { active: false })).statusCode).toBe(404);
    expect(await userRow(org.users.analyst.id)).toEqual(before);
    const housing = await env()
      .ctx.db.selectFrom('units')
      .selectAll()
      .where('id', '=', org.units.housing)
      .executeTakeFirstOrThrow();
    expect(housing.active).toBe(true);
    expect(housing.parent_id).not.toBe(org.units.housing);
  });

  it('sets and removes a user’s e-mail address, recorded in the log', async () => {
    const id = org.users.officer.id;
    let res = await asAdmin('PATCH', `/api/admin/users/${id}`, { email: 'officer@housing.test' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ email: string | null }>().email).toBe('officer@housing.test');
    const listed = await asAdmin('GET', '/api/admin/users?q=officer');
    expect(
      listed.json<{ items: { id: number; email: string | null }[] }>().items.find((u) => u.id === id)?.email,
    ).toBe('officer@housing.test');
    res = await asAdmin('PATCH', `/api/admin/users/${id}`, { email: null });
    expect(res.json<{ email: string | null }>().email).toBeNull();
    const changes = (await systemEvents('user_changed')).map(
      (e) => (e.payload as { after: { email?: string | null } }).after.email,
    );
    expect(changes.slice(-2)).toEqual(['officer@housing.test', null]);
  });

  it('allows administration to administrators only', async () => {
    const registrar = await session('registrar');
    for (const [method, url, payload] of [
      ['GET', '/api/admin/users', undefined],
      ['PATCH', `/api/admin/users/${org.users.registrar.id}`, { roles: ['admin'] }],
      ['POST', `/api/admin/users/${org.users.admin.id}/password`, { password: 'take-over-2026' }],
      ['GET', '/api/admin/units', undefined],
      ['PATCH', `/api/admin/units/${org.units.housing}`, { active: false }],
      ['PATCH', '/api/admin/categories/environment', { active: false }],
    ] as const) {
      expect((await call(registrar, method, url, payload)).statusCode, url).toBe(403);
    }
    expect((await userRow(org.users.registrar.id)).roles).toEqual(['registrar']);
  });

  it('deactivates a unit: no longer suggested for routing nor listed, its remit kept; reactivates it', async () => {
    const { ctx } = env();
    const created = await asAdmin('POST', '/api/admin/units', {
      name: '南山区交通运输局',
      kind: 'functional_department',
      level: 'county',
      regionCode: '440305',
      remits: [{ regionCode: '440305', categoryCode: 'transport' }],
    });
    expect(created.statusCode).toBe(201);
    const unitId = created.json<{ id: number }>().id;
    const suggest = () =>
      ctx.routing.suggest({
        regionCode: '440305001',
        categoryCode: 'transport',
        purpose: 'request',
        isMisconductReport: false,
        reportedUnitId: null,
        text: '公交线路取消',
      });
    expect((await suggest()).some((s) => s.unitId === unitId)).toBe(true);

    const off = await asAdmin('PATCH', `/api/admin/units/${unitId}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect((await suggest()).some((s) => s.unitId === unitId)).toBe(false);
    const listed = await asAdmin('GET', '/api/units?regionCode=440305');
    expect(listed.json<{ items: { id: number }[] }>().items.some((u) => u.id === unitId)).toBe(false);
    const adminList = await asAdmin('GET', '/api/admin/units?q=交通&active=false');
    expect(adminList.json<{ items: { id: number; remits: unknown[] }[] }>().items).toEqual([
      expect.objectContaining({ id: unitId, remits: [{ regionCode: '440305', categoryCode: 'transport' }] }),
    ]);
    // A user cannot be moved into a deactivated unit.
    const move = await asAdmin('PATCH', `/api/admin/users/${org.users.analyst.id}`, { unitId });
    expect(move.statusCode).toBe(400);

    const renamed = await asAdmin('PATCH', `/api/admin/units/${unitId}`, {
      active: true,
      name: '南山区交通局',
    });
    expect(renamed.json()).toEqual({
      id: unitId,
      name: '南山区交通局',
      kind: 'functional_department',
      level: 'county',
      regionCode: '440305',
      parentId: null,
      active: true,
      docCode: null,
    });
    expect((await suggest()).some((s) => s.unitId === unitId)).toBe(true);
    // The same name as another unit is refused.
    const clash = await asAdmin('PATCH', `/api/admin/units/${unitId}`, { name: '南山区住房和建设局' });
    expect(clash.statusCode).toBeGreaterThanOrEqual(400);
    expect(clash.statusCode).toBeLessThan(500);
  });

  it('renames and deactivates a category; matters filed under it keep it', async () => {
    const res = await asAdmin('PATCH', '/api/admin/categories/environment.noise', {
      nameZh: '噪声扰民',
      active: false,
    });
    expect(res.statusCode).toBe(200);
    const active = await asAdmin('GET', '/api/categories');
    expect(
      active.json<{ items: { code: string }[] }>().items.some((c) => c.code === 'environment.noise'),
    ).toBe(false);
    const all = await asAdmin('GET', '/api/admin/categories');
    expect(all.json<{ items: { code: string; nameZh: string; active: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ code: 'environment.noise', nameZh: '噪声扰民', active: false }),
    );
    expect((await asAdmin('PATCH', '/api/admin/categories/nothing-here', { active: false })).statusCode).toBe(
      404,
    );
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { idNumber, registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

interface Session {
  cookie: string;
  csrf: string;
}

describeEachDb('HTTP API', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const sessions: Record<string, Session> = {};

  const login = async (username: string): Promise<Session> => {
    if (sessions[username]) return sessions[username];
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const s = { cookie, csrf: res.json<{ csrfToken: string }>().csrfToken };
    sessions[username] = s;
    return s;
  };
  const call = async (
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const s = username ? await login(username) : null;
    return app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
    });
  };
  const validMatter = (extra: Record<string, unknown> = {}) => ({
    channel: 'letter',
    purpose: 'request',
    categoryCode: 'urban_construction',
    subject: '小区噪声扰民',
    content: '夜间施工噪声严重影响休息，请求查处。',
    regionCode: '440305001001',
    petitioners: [{ name: '赵六', idNumber: idNumber(700), phone: '13912345678' }],
    ...extra,
  });

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: true });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the OpenAPI document generated from the Zod schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/matters', '/api/matters/{id}/decide', '/api/public/lookup']),
    );
    expect(JSON.stringify(doc.paths['/api/matters'].post)).toContain('petitioners');
  });

  it('refuses wrong passwords and unknown users alike', async () => {
    const a = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'registrar', password: 'wrong-password' },
    });
    const b = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'wrong-password' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message_zh).toBe(b.json().error.message_zh);
  });

  it('requires a session and the CSRF token for changes', async () => {
    expect((await call(null, 'GET', '/api/matters')).statusCode).toBe(401);
    const s = await login('registrar');
    const res = await app.inject({
      method: 'POST',
      url: '/api/matters',
      payload: validMatter(),
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('registers over HTTP and replays a retried Idempotency-Key', async () => {
    const first = await call('registrar', 'POST', '/api/matters', validMatter(), {
      'idempotency-key': 'http-key-1',
    });
    expect(first.statusCode).toBe(201);
    const again = await call('registrar', 'POST', '/api/matters', validMatter(), {
      'idempotency-key': 'http-key-1',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(first.json().routingSuggestions.length).toBeGreaterThan(0);
  });

  // Every malformed input is a 400 with a field-level message in both languages, and stores nothing.
  const badBodies: [string, unknown, string][] = [
    ['missing subject', validMatter({ subject: undefined }), 'subject'],
    ['empty content', validMatter({ content: '   ' }), 'content'],
    ['oversized content', validMatter({ content: '字'.repeat(20_001) }), 'content'],
    ['unknown channel', validMatter({ channel: 'fax' }), 'channel'],
    ['bad region code', validMatter({ regionCode: 'abc' }), 'regionCode'],
    ['unknown region', validMatter({ regionCode: '999999' }), 'regionCode'],
    ['unknown category', validMatter({ categoryCode: 'nope' }), 'categoryCode'],
    ['no petitioners', validMatter({ petitioners: [] }), 'petitioners'],
    [
      'bad ID checksum',
      validMatter({ petitioners: [{ name: '甲', idNumber: '110105194912310021' }] }),
      'petitioners.0.idNumber',
    ],
    ['bad phone', validMatter({ petitioners: [{ name: '甲', phone: '12345' }] }), 'petitioners.0.phone'],
    ['negative head count', validMatter({ headCount: -1 }), 'headCount'],
    ['head count too large', validMatter({ headCount: 10_001 }), 'headCount'],
    ['control characters', validMatter({ subject: 'a\u0000b' }), 'subject'],
    ['receivedAt in the future', validMatter({ receivedAt: '2099-01-01T00:00:00Z' }), 'receivedAt'],
    ['wrong type', validMatter({ isMisconductReport: 'yes' }), 'isMisconductReport'],
    ['not an object', [1, 2, 3], '(body)'],
  ];
  for (const [name, body, path] of badBodies) {
    it(`answers 400 for ${name}`, async () => {
      const before = await env()
        .ctx.db.selectFrom('matters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const res = await call('registrar', 'POST', '/api/matters', body);
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('validation_failed');
      expect(err.fields.map((f: { path: string }) => f.path)).toContain(path);
      expect(err.fields[0].message_zh).toBeTruthy();
      expect(err.fields[0].message_en).toBeTruthy();
      const after = await env()
        .ctx.db.selectFrom('matters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  }

  it('answers malformed JSON, bad ids, bad query strings and unknown routes in the error shape', async () => {
    const s = await login('registrar');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/matters',
      payload: '{"a":',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message_en).toMatch(/JSON/);
    expect((await call('registrar', 'GET', '/api/matters/abc')).statusCode).toBe(400);
    expect((await call('registrar', 'GET', '/api/matters/99999999')).statusCode).toBe(404);
    const q = await call('registrar', 'GET', '/api/matters?pageSize=1000');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.fields[0].path).toBe('querystring.pageSize');
    expect((await call('registrar', 'GET', '/api/nothing-here')).json().error.code).toBe('not_found');
  });

  // Table-driven bad input for every other endpoint that takes a body: 400, fields named, nothing changed.
  const badCalls: [string, 'POST' | 'PUT', string, unknown, string][] = [
    ['registrar', 'POST', 'decide', { decision: 'approve' }, 'decision'],
    ['registrar', 'POST', 'decide', { decision: 'accept', leadUnitId: 'x' }, 'leadUnitId'],
    ['registrar', 'POST', 'decide', { decision: 'hand_down', unitId: 1, dueDate: '2026/12/01' }, 'dueDate'],
    [
      'registrar',
      'POST',
      'decide',
      { decision: 'not_accept', reason: 'lawful_channel', explanation: '' },
      'explanation',
    ],
    ['registrar', 'POST', 'object', { reason: 42 }, 'reason'],
    ['unithead', 'POST', 'extend', { days: 0, reason: '需要时间' }, 'days'],
    ['unithead', 'POST', 'extend', { days: 10 }, 'reason'],
    ['unithead', 'POST', 'reply', { outcome: 'maybe', facts: 'f', legalBasis: 'l' }, 'outcome'],
    [
      'unithead',
      'POST',
      'reply',
      { outcome: 'supported', facts: 'x'.repeat(10_001), legalBasis: 'l' },
      'facts',
    ],
    ['registrar', 'POST', 'notes', {}, 'note'],
    ['registrar', 'POST', 'rate', { rating: 'great' }, 'rating'],
    ['registrar', 'POST', 'request-review', { reason: '' }, 'reason'],
    ['cityhead', 'POST', 'decide-review', { outcome: 'supported', facts: 'f', legalBasis: 'l' }, 'outcome'],
    ['registrar', 'POST', 'request-recheck', {}, 'reason'],
    ['provhead', 'POST', 'decide-recheck', { outcome: 'upheld' }, 'facts'],
    ['registrar', 'POST', 'close', { note: 5 }, 'note'],
    ['registrar', 'POST', 'conclude', { note: 'x'.repeat(2001) }, 'note'],
  ];
  for (const [user, method, verb, body, field] of badCalls) {
    it(`answers 400 for a bad ${verb} body (${field}) and leaves the matter unchanged`, async () => {
      const m = await registerTestMatter(env().ctx, org);
      const before = await env()
        .ctx.db.selectFrom('matters')
        .select(['state', 'version'])
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow();
      const res = await call(user, method, `/api/matters/${m.id}/${verb}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
      const after = await env()
        .ctx.db.selectFrom('matters')
        .select(['state', 'version'])
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);
    });
  }

  const badAdmin: [string, 'POST' | 'PUT', string, unknown, string][] = [
    [
      'admin',
      'POST',
      '/api/admin/users',
      { username: 'A!', displayName: 'x', password: 'short', unitId: 1, roles: [] },
      'username',
    ],
    [
      'admin',
      'POST',
      '/api/admin/users',
      { username: 'newuser', displayName: 'x', password: 'long-enough-1', unitId: 1, roles: ['king'] },
      'roles.0',
    ],
    [
      'admin',
      'PUT',
      '/api/admin/time-limits/handling',
      { amount: 0, unit: 'days', warnAmount: 3, warnUnit: 'working_days' },
      'amount',
    ],
    [
      'admin',
      'PUT',
      '/api/admin/time-limits/handling',
      { amount: 2, unit: 'hours', warnAmount: 3, warnUnit: 'working_days' },
      'warnUnit',
    ],
    ['admin', 'POST', '/api/admin/calendar-overrides', { date: '2026-02-30x', kind: 'holiday' }, 'date'],
    ['admin', 'POST', '/api/admin/calendar-overrides', { date: '2026-10-10', kind: 'party' }, 'kind'],
    [
      'admin',
      'POST',
      '/api/admin/routing-rules',
      { name: 'r', action: 'assign', reasonZh: '理由', reasonEn: 'why' },
      'unitId',
    ],
    [
      'admin',
      'POST',
      '/api/admin/units',
      { name: '某局', kind: 'ministry', level: 'county', regionCode: '440305' },
      'kind',
    ],
    [
      'admin',
      'POST',
      '/api/admin/units',
      { name: '某局', kind: 'other', level: 'county', regionCode: '999999' },
      'regionCode',
    ],
    [
      'admin',
      'POST',
      '/api/admin/regions',
      { code: '4403059', name: '某地', level: 'township', parentCode: '440306' },
      'code',
    ],
    [
      'admin',
      'POST',
      '/api/admin/categories',
      { code: 'x', nameZh: '某类', nameEn: 'X', parentCode: 'nope' },
      'parentCode',
    ],
    ['registrar', 'POST', '/api/routing/suggest', { regionCode: '440305', purpose: 'complain' }, 'purpose'],
    ['registrar', 'POST', '/api/auth/login', { username: '', password: '' }, 'username'],
  ];
  for (const [user, method, url, body, field] of badAdmin) {
    it(`answers 400 for ${method} ${url} with a bad ${field}`, async () => {
      const res = await call(user, method, url, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    });
  }

  it('keeps administration to administrators', async () => {
    expect((await call('registrar', 'GET', '/api/admin/users')).statusCode).toBe(403);
    expect(
      (
        await call('registrar', 'PUT', '/api/admin/time-limits/handling', {
          amount: 1,
          unit: 'days',
          warnAmount: 0,
          warnUnit: 'days',
        })
      ).statusCode,
    ).toBe(403);
    const limits = await env()
      .ctx.db.selectFrom('time_limits')
      .select('amount')
      .where('kind', '=', 'handling')
      .executeTakeFirstOrThrow();
    expect(limits.amount).toBe(60);
  });

  it('answers an illegal command with 409 and the allowed actions', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const res = await call('leader', 'POST', `/api/matters/${m.id}/reply`, {
      outcome: 'supported',
      facts: 'f',
      legalBasis: 'l',
    });
    expect(res.statusCode).toBe(409);
    const res2 = await call('registrar', 'POST', `/api/matters/${m.id}/sign-for`, {});
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.message_zh).toContain('当前允许的操作');
  });

  const multipart = (fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) => {
    const boundary = '----minsheng-test-boundary';
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return {
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  };
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 1),
  ]);

  it('stores attachments with their SHA-256, refuses wrong types and disguised files', async () => {
    const m = await registerTestMatter(env().ctx, org);
    const s = await login('registrar');
    const auth = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const ok = multipart({}, { name: '现场照片.png', type: 'image/png', bytes: PNG });
    const res = await app.inject({
      method: 'POST',
      url: `/api/matters/${m.id}/attachments`,
      payload: ok.payload,
      headers: { ...ok.headers, ...auth },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = await app.inject({
      method: 'GET',
      url: `/api/matters/${m.id}/attachments/${res.json().id}`,
      headers: auth,
    });
    expect(back.rawPayload.equals(PNG)).toBe(true);
    const exe = multipart({}, { name: 'a.exe', type: 'application/x-msdownload', bytes: Buffer.from('MZ') });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/matters/${m.id}/attachments`,
          payload: exe.payload,
          headers: { ...exe.headers, ...auth },
        })
      ).statusCode,
    ).toBe(415);
    const fake = multipart(
      {},
      { name: 'fake.png', type: 'image/png', bytes: Buffer.from('not a png at all') },
    );
    const fr = await app.inject({
      method: 'POST',
      url: `/api/matters/${m.id}/attachments`,
      payload: fake.payload,
      headers: { ...fake.headers, ...auth },
    });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().error.fields[0].path).toBe('file');
    const count = await env()
      .ctx.db.selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('matter_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('generates the acceptance notice as a DOCX carrying the case number and query code', async () => {
    const m = await registerTestMatter(env().ctx, org);
    expect((await call('registrar', 'GET', `/api/matters/${m.id}/documents/acceptance`)).statusCode).toBe(
      404,
    );
    await call('registrar', 'POST', `/api/matters/${m.id}/decide`, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    const res = await call('registrar', 'GET', `/api/matters/${m.id}/documents/acceptance`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
    expect(xml).toContain(m.caseNumber);
    expect(xml).toContain(m.queryCode);
    expect((await call('registrar', 'GET', `/api/matters/${m.id}/documents/nonsense`)).statusCode).toBe(400);
  });

  it('prints the 文号 issued with the acceptance, the same on every download', async () => {
    const m = await registerTestMatter(env().ctx, org);
    await call('registrar', 'POST', `/api/matters/${m.id}/decide`, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    const { unzipSync, strFromU8 } = await import('fflate');
    const numberIn = async () => {
      const res = await call('registrar', 'GET', `/api/matters/${m.id}/documents/acceptance`);
      const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
      return /南山信访受告〔\d{4}〕\d+号/.exec(xml)?.[0] ?? null;
    };
    const first = await numberIn();
    expect(first).not.toBeNull();
    expect(await numberIn()).toBe(first);
    // No review decided, no 复查意见书.
    expect((await call('registrar', 'GET', `/api/matters/${m.id}/documents/review`)).statusCode).toBe(404);
  });

  describe('data scope and the misconduct-report rule', () => {
    it('never shows a report of misconduct to the reported unit, through any endpoint', async () => {
      const m = await registerTestMatter(env().ctx, org, {
        purpose: 'accusation',
        isMisconductReport: true,
        reportedUnitId: org.units.housing,
        subject: '举报住建局工作人员收受好处费',
        petitioners: [{ name: '举报人甲', idNumber: idNumber(901), phone: '13700001111' }],
      });
      for (const user of ['officer', 'unithead']) {
        expect((await call(user, 'GET', `/api/matters/${m.id}`)).statusCode).toBe(404);
        const list = await call(user, 'GET', `/api/matters?q=${encodeURIComponent('收受好处费')}`);
        expect(list.json().items).toEqual([]);
        expect(
          (await call(user, 'POST', `/api/matters/${m.id}/petitioners/${m.petitionerIds[0]}/unmask`))
            .statusCode,
        ).toBe(404);
        expect((await call(user, 'POST', `/api/matters/${m.id}/notes`, { note: 'x' })).statusCode).toBe(404);
      }
      // Routing it to the reported unit is refused.
      const r = await call('registrar', 'POST', `/api/matters/${m.id}/decide`, {
        decision: 'accept',
        leadUnitId: org.units.housing,
      });
      expect(r.statusCode).toBe(400);
      const ok = await call('registrar', 'POST', `/api/matters/${m.id}/decide`, {
        decision: 'accept',
        leadUnitId: org.units.discipline,
      });
      expect(ok.statusCode).toBe(200);
      expect((await call('discipline', 'GET', `/api/matters/${m.id}`)).statusCode).toBe(200);
    });

    it("lists a person's matters within the user's scope, never a report to the unit it reports", async () => {
      const person = { name: '钱七', idNumber: idNumber(907), phone: '13700007777' };
      const ordinary = await registerTestMatter(env().ctx, org, {
        subject: '小区绿化被占用',
        regionCode: '440305001001',
        petitioners: [person],
      });
      const elsewhere = await registerTestMatter(env().ctx, org, {
        subject: '另一街道的道路破损',
        regionCode: '440305002',
        petitioners: [person],
      });
      const report = await registerTestMatter(env().ctx, org, {
        purpose: 'accusation',
        isMisconductReport: true,
        reportedUnitId: org.units.housing,
        subject: '举报住建局违规审批',
        petitioners: [person],
      });
      const pid = ordinary.petitionerIds[0]!;
      expect(report.petitionerIds[0]).toBe(pid);
      const routed = await call('registrar', 'POST', `/api/matters/${ordinary.id}/decide`, {
        decision: 'accept',
        leadUnitId: org.units.housing,
      });
      expect(routed.statusCode).toBe(200);
      const idsFor = async (user: string) => {
        const res = await call(user, 'GET', `/api/petitioners/${pid}/matters`);
        expect(res.statusCode).toBe(200);
        return res.json<{ items: { id: number }[] }>().items.map((i) => i.id);
      };
      expect(await idsFor('registrar')).toEqual([report.id, elsewhere.id, ordinary.id]);
      // A department sees only what it handles; a street office its streets, never a misconduct report.
      expect(await idsFor('officer')).toEqual([ordinary.id]);
      expect(await idsFor('labourhead')).toEqual([]);
      expect(await idsFor('streethead')).toEqual([ordinary.id]);
      expect((await call(null, 'GET', `/api/petitioners/${pid}/matters`)).statusCode).toBe(401);
      expect((await call('registrar', 'GET', '/api/petitioners/abc/matters')).statusCode).toBe(400);
      expect((await call('registrar', 'GET', '/api/petitioners/99999999/matters')).json().items).toEqual([]);
    });

    it('limits a street office to its region and its own matters', async () => {
      const inside = await registerTestMatter(env().ctx, org, { regionCode: '440305001001' });
      const outside = await registerTestMatter(env().ctx, org, { regionCode: '440305002' });
      expect((await call('streethead', 'GET', `/api/matters/${inside.id}`)).statusCode).toBe(200);
      expect((await call('streethead', 'GET', `/api/matters/${outside.id}`)).statusCode).toBe(404);
      const list = await call('streethead', 'GET', '/api/matters?pageSize=100');
      const ids = list.json().items.map((i: { id: number }) => i.id);
      expect(ids).toContain(inside.id);
      expect(ids).not.toContain(outside.id);
    });

    it('masks ID and phone numbers and logs every unmasked view', async () => {
      const m = await registerTestMatter(env().ctx, org);
      const detail = (await call('registrar', 'GET', `/api/matters/${m.id}`)).json();
      expect(detail.petitioners[0].idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      expect(detail.petitioners[0].phone).toMatch(/\*{4}/);
      expect(
        (await call('analyst', 'POST', `/api/matters/${m.id}/petitioners/${m.petitionerIds[0]}/unmask`))
          .statusCode,
      ).toBe(403);
      const full = await call(
        'registrar',
        'POST',
        `/api/matters/${m.id}/petitioners/${m.petitionerIds[0]}/unmask`,
      );
      expect(full.json().idNumber).toMatch(/^\d{17}[\dX]$/);
      const log = await env()
        .ctx.db.selectFrom('unmask_log')
        .selectAll()
        .where('matter_id', '=', m.id)
        .execute();
      expect(log).toHaveLength(1);
    });
  });

  describe('public portal', () => {
    it('submits online, looks up by case number + query code, and never shows internal notes', async () => {
      const res = await call(null, 'POST', '/api/public/petitions', {
        name: '钱七',
        phone: '13600001234',
        regionCode: '440305001001',
        subject: '公交站台破损',
        content: '南头城社区公交站台顶棚破损，雨天无法候车。',
      });
      expect(res.statusCode).toBe(201);
      const { caseNumber, queryCode } = res.json();
      const matter = await env()
        .ctx.db.selectFrom('matters')
        .select('id')
        .where('case_number', '=', caseNumber)
        .executeTakeFirstOrThrow();
      await call('registrar', 'POST', `/api/matters/${matter.id}/notes`, { note: '内部：该人多次来访' });
      const look = await call(null, 'POST', '/api/public/lookup', { caseNumber, queryCode });
      expect(look.statusCode).toBe(200);
      const body = JSON.stringify(look.json());
      expect(body).not.toContain('内部');
      expect(look.json().timeline[0].text_zh).toContain(caseNumber);
      const wrong = await call(null, 'POST', '/api/public/lookup', { caseNumber, queryCode: 'AAAAAAAAAAAA' });
      expect(wrong.statusCode).toBe(404);
      const missing = await call(null, 'POST', '/api/public/petitions', { name: '钱七' });
      expect(missing.statusCode).toBe(400);
    });

    it('lets the petitioner add material with the case number and query code', async () => {
      const res = await call(null, 'POST', '/api/public/petitions', {
        name: '孙八',
        phone: '13600005678',
        regionCode: '440305001001',
        subject: '路灯不亮',
        content: '社区路灯损坏一个月。',
      });
      const { caseNumber, queryCode } = res.json();
      const good = multipart({ caseNumber, queryCode }, { name: 'photo.png', type: 'image/png', bytes: PNG });
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/public/attachments',
            payload: good.payload,
            headers: good.headers,
          })
        ).statusCode,
      ).toBe(201);
      const wrong = multipart(
        { caseNumber, queryCode: 'WRONGCODE234' },
        { name: 'photo.png', type: 'image/png', bytes: PNG },
      );
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/public/attachments',
            payload: wrong.payload,
            headers: wrong.headers,
          })
        ).statusCode,
      ).toBe(404);
    });

    it('rate-limits the public endpoints', async () => {
      let limited = 0;
      for (let i = 0; i < 70; i++) {
        const r = await call(null, 'POST', '/api/public/lookup', { caseNumber: 'x', queryCode: 'y' });
        if (r.statusCode === 429) limited += 1;
      }
      expect(limited).toBeGreaterThan(0);
    });
  });
});

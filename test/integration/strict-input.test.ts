import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { ErrorBody } from '../../src/http/error-handler.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import { idNumber, registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

interface Session {
  cookie: string;
  csrf: string;
}

/**
 * Strict input (issue 10, items 9 and 10): no JSON type is coerced, dates are real and in range,
 * required text shows something, no control character reaches the database, deep JSON is refused
 * before anything reads it. Each refusal is a 400 naming the field in both languages and changes nothing.
 */
describeEachDb('Strict input', (env) => {
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
    const s = {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
    };
    sessions[username] = s;
    return s;
  };
  const call = async (
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const s = username ? await login(username) : null;
    return app.inject({
      method,
      url,
      ...(payload !== undefined
        ? typeof payload === 'string'
          ? { payload, headers: { 'content-type': 'application/json' } }
          : { payload: payload as object }
        : {}),
      headers: {
        ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
        ...headers,
      },
    });
  };
  const validMatter = (extra: Record<string, unknown> = {}) => ({
    channel: 'letter',
    purpose: 'request',
    categoryCode: 'urban_construction',
    subject: '小区噪声扰民',
    content: '夜间施工噪声严重影响休息，请求查处。',
    regionCode: '440305001001',
    petitioners: [{ name: '赵六', idNumber: idNumber(800), phone: '13912345678' }],
    ...extra,
  });
  const publicPetition = (extra: Record<string, unknown> = {}) => ({
    name: '钱七',
    phone: '13600001234',
    regionCode: '440305001001',
    subject: '公交站台破损',
    content: '南头城社区公交站台顶棚破损，雨天无法候车。',
    ...extra,
  });

  /** Sends the request, expects a 400 naming `path` in Chinese and English, and no table changed. */
  const refused = async (path: string, send: () => ReturnType<typeof call>) => {
    const before = await dbFingerprint(env().ctx.db);
    const res = await send();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
    const err = res.json<{ error: ErrorBody['error'] }>().error;
    expect(err.code).toBe('validation_failed');
    const field = err.fields.find((f) => f.path === path);
    expect(field, JSON.stringify(err.fields)).toBeDefined();
    expect(field?.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(field?.message_en).toMatch(/[a-z]/);
    expect(changedTables(before, await dbFingerprint(env().ctx.db))).toEqual([]);
    return err;
  };

  let matterId = 0;
  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
    matterId = (await registerTestMatter(env().ctx, org)).id;
    // Logged in first: a login writes a session and its audit event, which are not the request's doing.
    await login('registrar');
    await login('admin');
  });
  afterAll(async () => {
    await app.close();
  });

  describe('no coercion of JSON types', () => {
    for (const receivedAt of [
      null,
      0,
      true,
      [1],
      '0',
      '2026-03-01',
      '1989-12-31T23:59:59Z',
      '2026-02-30T08:00:00Z',
    ])
      it(`refuses receivedAt ${JSON.stringify(receivedAt)} (was read as a date, 1970 for most)`, async () => {
        await refused('receivedAt', () =>
          call('registrar', 'POST', '/api/matters', validMatter({ receivedAt })),
        );
      });

    it('accepts an ISO date-time with an offset, and a few minutes of clock skew', async () => {
      const ok = await call(
        'registrar',
        'POST',
        '/api/matters',
        validMatter({
          receivedAt: '2026-03-01T09:30:00+08:00',
          petitioners: [{ name: '李四', phone: '13912340001' }],
        }),
      );
      expect(ok.statusCode).toBe(201);
      expect(ok.json().receivedAt).toBe('2026-03-01T01:30:00.000Z');
      const skew = new Date(env().clock.read().getTime() + 2 * 60_000).toISOString();
      const ahead = await call(
        'registrar',
        'POST',
        '/api/matters',
        validMatter({ receivedAt: skew, petitioners: [{ name: '李五', phone: '13912340002' }] }),
      );
      expect(ahead.statusCode).toBe(201);
    });

    for (const bad of [true, [1], '1', 1.5, 0, -1, 2 ** 31, null])
      it(`refuses the unit id ${JSON.stringify(bad)} (true and [1] were read as unit 1)`, async () => {
        await refused('unitId', () =>
          call('registrar', 'POST', `/api/matters/${matterId}/decide`, { decision: 'forward', unitId: bad }),
        );
        await refused('intoMatterId', () =>
          call('registrar', 'POST', `/api/matters/${matterId}/decide`, {
            decision: 'merge',
            intoMatterId: bad,
          }),
        );
        await refused('leadUnitId', () =>
          call('registrar', 'POST', `/api/matters/${matterId}/decide`, {
            decision: 'accept',
            leadUnitId: bad,
          }),
        );
      });

    for (const bad of ['1abc', 'true', '1e3', '0x1', '%201', '-1', '0', '99999999999'])
      it(`refuses the path id ${bad}`, async () => {
        await refused('params.id', () => call('registrar', 'GET', `/api/matters/${bad}`));
        await refused('params.id', () =>
          call('registrar', 'POST', `/api/matters/${bad}/notes`, { note: '说明' }),
        );
      });

    it('refuses query numbers that are not plain digits', async () => {
      for (const bad of ['1abc', 'true', '1e1', '2.5', ''])
        await refused('querystring.page', () => call('registrar', 'GET', `/api/matters?page=${bad}`));
      await refused('querystring.unitId', () => call('admin', 'GET', '/api/admin/users?unitId=1abc'));
      await refused('querystring.days', () =>
        call('registrar', 'GET', '/api/calendar/due?from=2026-03-02&days=true'),
      );
      const ok = await call('registrar', 'GET', '/api/matters?page=1&pageSize=5');
      expect(ok.statusCode).toBe(200);
    });

    it('refuses days of a calendar that do not exist or lie before 1990', async () => {
      await refused('querystring.from', () =>
        call('registrar', 'GET', '/api/calendar/due?from=2026-02-30&days=3'),
      );
      await refused('querystring.from', () =>
        call('registrar', 'GET', '/api/calendar/due?from=1989-12-31&days=3'),
      );
      await refused('dueDate', () =>
        call('registrar', 'POST', `/api/matters/${matterId}/decide`, {
          decision: 'hand_down',
          unitId: org.units.street,
          dueDate: '2026-13-01',
        }),
      );
    });
  });

  describe('required text shows something', () => {
    for (const [name, subject] of [
      ['zero-width spaces', '\u200B\u200B\u200B'],
      ['a byte-order mark and joiners', '\uFEFF\u200D\u2060'],
      ['ideographic spaces', '\u3000\u3000'],
      ['bidi controls', '\u202E\u202D'],
      ['Hangul fillers', '\u3164\u3164'],
    ])
      it(`refuses a subject of ${name}`, async () => {
        await refused('subject', () => call('registrar', 'POST', '/api/matters', validMatter({ subject })));
        await refused('subject', () =>
          call(null, 'POST', '/api/public/petitions', publicPetition({ subject })),
        );
      });

    it('refuses a display name of zero-width characters', async () => {
      await refused('displayName', () =>
        call('admin', 'PATCH', `/api/admin/users/${org.users.officer.id}`, { displayName: '\u200B\u3000' }),
      );
      await refused('displayName', () =>
        call('admin', 'POST', '/api/admin/users', {
          username: 'blank',
          displayName: '\u200B',
          password: 'password-123',
          unitId: org.units.bureau,
          roles: ['officer'],
        }),
      );
    });

    it('refuses a note, a reason and a petitioner name of zero-width characters', async () => {
      await refused('note', () =>
        call('registrar', 'POST', `/api/matters/${matterId}/notes`, { note: '\u200B' }),
      );
      await refused('petitioners.0.name', () =>
        call('registrar', 'POST', '/api/matters', validMatter({ petitioners: [{ name: '\u200B\u200C' }] })),
      );
    });
  });

  describe('control characters and deep JSON are a 400, never a 500', () => {
    const NUL = 'a\u0000b';
    const cases: [string, string, () => ReturnType<typeof call>][] = [
      [
        'ID number',
        'petitioners.0.idNumber',
        () =>
          call(
            'registrar',
            'POST',
            '/api/matters',
            validMatter({ petitioners: [{ name: '甲', idNumber: NUL }] }),
          ),
      ],
      [
        'phone',
        'petitioners.0.phone',
        () =>
          call(
            'registrar',
            'POST',
            '/api/matters',
            validMatter({ petitioners: [{ name: '甲', phone: NUL }] }),
          ),
      ],
      [
        'category',
        'categoryCode',
        () => call('registrar', 'POST', '/api/matters', validMatter({ categoryCode: NUL })),
      ],
      [
        'an unknown key',
        'extra',
        () => call('registrar', 'POST', '/api/matters', validMatter({ extra: NUL })),
      ],
      ['a key itself', '(body)', () => call('registrar', 'POST', '/api/matters', validMatter({ [NUL]: 1 }))],
      [
        'login user name',
        'username',
        () => call(null, 'POST', '/api/auth/login', { username: NUL, password: 'x' }),
      ],
      [
        'login password',
        'password',
        () => call(null, 'POST', '/api/auth/login', { username: 'u', password: NUL }),
      ],
      ['queue search', 'querystring.q', () => call('registrar', 'GET', '/api/matters?q=a%00b')],
      [
        'queue category',
        'querystring.categoryCode',
        () => call('registrar', 'GET', '/api/matters?categoryCode=%00'),
      ],
      ['petitioner search', 'querystring.q', () => call('registrar', 'GET', '/api/petitioners/search?q=%00')],
      ['admin user search', 'querystring.q', () => call('admin', 'GET', '/api/admin/users?q=%00')],
      ['unit kind', 'querystring.kind', () => call('registrar', 'GET', '/api/units?kind=%00')],
      [
        'time-limit kind',
        'params.kind',
        () => call('admin', 'PUT', '/api/admin/time-limits/a%00b', { amount: 1 }),
      ],
      [
        'calendar override name',
        'name',
        () =>
          call('admin', 'POST', '/api/admin/calendar-overrides', {
            date: '2026-10-09',
            kind: 'holiday',
            name: NUL,
          }),
      ],
      [
        'category change',
        'nameZh',
        () => call('admin', 'PATCH', '/api/admin/categories/other', { nameZh: NUL }),
      ],
      [
        'portal case number',
        'caseNumber',
        () => call(null, 'POST', '/api/public/lookup', { caseNumber: NUL, queryCode: 'x' }),
      ],
      [
        'portal rating comment',
        'comment',
        () => call(null, 'POST', '/api/public/rate', { caseNumber: 'x', queryCode: 'y', comment: NUL }),
      ],
      [
        'portal phone',
        'phone',
        () => call(null, 'POST', '/api/public/petitions', publicPetition({ phone: NUL })),
      ],
      [
        'routing text',
        'text',
        () =>
          call('registrar', 'POST', '/api/routing/suggest', {
            regionCode: '440305',
            purpose: 'request',
            text: NUL,
          }),
      ],
    ];
    for (const [name, path, send] of cases)
      it(`refuses NUL in the ${name}`, async () => {
        await refused(path, send);
      });

    it('refuses NUL in the text fields of a portal upload', async () => {
      const boundary = '----strict-input';
      const part = (name: string, value: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const payload = Buffer.concat([
        Buffer.from(part('caseNumber', 'a\u0000b') + part('queryCode', 'x\u0000')),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
        ),
      ]);
      await refused('caseNumber', () =>
        app.inject({
          method: 'POST',
          url: '/api/public/attachments',
          payload,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        }),
      );
    });

    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    it('refuses JSON nested 10,000 deep, with and without an Idempotency-Key', async () => {
      const staff = `{"subject":"x","extra":${deep(10_000)}}`;
      const portal = `{"name":"钱七","extra":${deep(10_000)}}`;
      await refused('extra', () =>
        call('registrar', 'POST', '/api/matters', staff, { 'idempotency-key': 'deep-1' }),
      );
      await refused('extra', () =>
        call(null, 'POST', '/api/public/petitions', portal, { 'idempotency-key': 'deep-2' }),
      );
      await refused('extra', () => call(null, 'POST', '/api/public/petitions', portal));
      await refused('extra', () => call('admin', 'POST', '/api/admin/units', `{"extra":${deep(40)}}`));
    });

    it('still takes ordinary nesting, tabs and newlines', async () => {
      const res = await call(
        'registrar',
        'POST',
        '/api/matters',
        validMatter({
          content: '第一段\n\t第二段\r\n第三段',
          petitioners: [{ name: '王五', phone: '13912340003' }],
        }),
      );
      expect(res.statusCode).toBe(201);
    });
  });

  describe('a replayed idempotent answer is the complete first answer', () => {
    it('for staff registration, with the routing suggestions', async () => {
      const body = validMatter({ petitioners: [{ name: '赵九', phone: '13912340004' }] });
      const first = await call('registrar', 'POST', '/api/matters', body, {
        'idempotency-key': 'replay-full-1',
      });
      expect(first.statusCode).toBe(201);
      expect(first.json().routingSuggestions.length).toBeGreaterThan(0);
      const again = await call('registrar', 'POST', '/api/matters', body, {
        'idempotency-key': 'replay-full-1',
      });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
    });

    it('for an online petition', async () => {
      const body = publicPetition({ phone: '13600009999' });
      const first = await call(null, 'POST', '/api/public/petitions', body, {
        'idempotency-key': 'replay-full-2',
      });
      expect(first.statusCode).toBe(201);
      const again = await call(null, 'POST', '/api/public/petitions', body, {
        'idempotency-key': 'replay-full-2',
      });
      expect(again.json()).toEqual(first.json());
    });
  });
});

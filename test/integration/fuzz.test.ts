import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.ts';
import { buildApp } from '../../src/http/app.ts';
import { changedTables, dbFingerprint, type Fingerprint } from '../helpers/db-fingerprint.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * Issue 10, item 11: every operation the OpenAPI document lists when the test runs is sent bad
 * bodies, path parameters and query strings (wrong JSON types, NUL and other control characters,
 * huge and deep values, impossible dates, unknown ids, missing fields, random text). No answer may
 * be a 5xx, and a refused request (4xx) must leave every table as it was.
 *
 * The requests run as a staff user with the admin and registrar roles, so they pass authorisation
 * and reach validation, and anonymously for the public portal. The number of runs is bounded so a
 * database takes well under two minutes on a slow machine; FUZZ_RUNS raises it for a long local
 * run, FUZZ_SEED replays a failure (the seed is printed when a property fails).
 */

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body: JsonSchema | null;
  multipart: boolean;
  public: boolean;
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Requests per operation and identity: some 70 operations make about 1,000 requests per database. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

/**
 * Refusals that leave a trace by design: a failed login is counted against the account and the
 * address (brute-force throttling, issue 10 item 6), and the lock is an audited event.
 */
const RECORDED_REFUSALS: Record<string, string[]> = {
  'POST /api/auth/login': ['login_throttle', 'events', 'audit_heads'],
};
/** Ends the fuzzer's own session and takes no input: nothing to fuzz, and it would log us out. */
const SKIPPED = new Set(['POST /api/auth/logout']);

/** Percent-encodes; a lone surrogate (which encodeURIComponent refuses) is sent as its raw bytes. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

const badStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007bell',
  '\u001b[31m',
  '\u007f',
  '\u200B\u200B',
  '\uFEFF',
  '\u202Eevil',
  '\uD800',
  'true',
  '1',
  '0',
  '-1',
  '1abc',
  '1e3',
  '2147483648',
  'NaN',
  'null',
  '2026-02-30',
  '2026-02-30T08:00:00Z',
  '1989-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z',
  '2099-01-01T00:00:00Z',
  '2026-03-02',
  '99999-01-01',
  "' OR 1=1 --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '字'.repeat(20_001),
  'x'.repeat(70_000),
];

/** Control characters: PostgreSQL refuses NUL in text and jsonb, which answered 500 in 23 places. */
const controlStrings = ['\u0000', 'a\u0000b', '440305\u0000', '\u0001x', 'x\u001f', '\u0008', 'ok\u007f'];

const badScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...badStrings) },
  { weight: 3, arbitrary: fc.constantFrom(...controlStrings) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -0, 1e308, 99999999),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: badScalar },
  { weight: 1, arbitrary: fc.array(badScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), badScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant([[[[[[1]]]]]]) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

/**
 * Plausible values for field names that recur across the API, so that a body spoiled in one field
 * passes the others' checks (a phone number, a real region, a reason long enough) and the spoiled
 * field reaches the code behind validation.
 */
const EXAMPLES: Record<string, unknown> = {
  name: '张三',
  phone: '13912345678',
  subject: '小区电梯长期故障',
  content: '我们小区的电梯已经停运三个月，请求督促维修。',
  regionCode: '440305001001',
  categoryCode: 'urban_construction',
  reason: '理由充分，需要重新指派处理单位处理',
  explanation: '属于劳动仲裁受理范围，请依法申请仲裁。',
  note: '已电话联系信访人',
  facts: '经查，电梯确已停运。',
  legalBasis: '《特种设备安全法》',
  username: 'someone',
  password: 'password-123',
  displayName: '某人',
  date: '2026-10-09',
  code: '4403059',
};

/** A plausible value for a schema, so that one mutation at a time reaches the field it spoils. */
function sample(s: JsonSchema | undefined, depth = 0, field = ''): unknown {
  if (!s || depth > 5) return null;
  if (field in EXAMPLES && (s.type === 'string' || s.type === undefined) && !s.enum) return EXAMPLES[field];
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt?.length) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return '2026-03-01T09:00:00+08:00';
      if (s.pattern?.includes('0-9') || s.pattern?.includes('\\d')) {
        return s.pattern.includes('-') ? '2026-03-05' : '440305001001';
      }
      return 'x'.repeat(Math.max(s.minLength ?? 0, 8));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, depth + 1, field));
    case 'object':
    default:
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1, k)]),
      );
  }
}

/** Field names the services read from bodies that have no schema in the document. */
const COMMON_FIELDS = [
  'decision',
  'unitId',
  'leadUnitId',
  'coUnitIds',
  'intoMatterId',
  'receivedAt',
  'note',
  'reason',
  'explanation',
  'days',
  'dueDate',
  'outcome',
  'facts',
  'legalBasis',
  'rating',
  'comment',
  'caseNumber',
  'queryCode',
  'date',
  'kind',
  'name',
  'amount',
  'unit',
  'code',
  'regionCode',
  'categoryCode',
  'subject',
  'content',
  'phone',
  'keywords',
  'priority',
  'active',
];

/** A request's body: valid but for one field, a field missing, an extra field, or plain garbage. */
const BOUNDARY = 'fuzz-boundary';
/** A real multipart body: text fields and one file, any of them spoiled. */
const multipartArb = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom('caseNumber', 'queryCode', 'note', 'kind'),
      fc.oneof(fc.constantFrom(...controlStrings, ...badStrings.slice(0, 20)), fc.string({ maxLength: 20 })),
      { maxKeys: 3 },
    ),
    fc.constantFrom(
      'a.txt',
      'a\u0000b.png',
      '\u202Efdp.exe',
      '',
      '../../etc/passwd',
      'x'.repeat(300),
      '\u200B',
    ),
    fc.constantFrom('text/plain', 'image/png', 'application/x-msdownload', '', 'a\u0001b'),
    fc.boolean(),
  )
  .map(([fields, filename, type, withFile]) => {
    const parts = Object.entries(fields).map(
      ([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    if (withFile)
      parts.push(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\nhello\r\n`,
      );
    return { multipart: `${parts.join('')}--${BOUNDARY}--\r\n` };
  });

type Body = { raw?: string; json?: unknown; multipart?: string };

function bodyArb(op: Operation): fc.Arbitrary<Body | null> {
  const base = op.body ? sample(op.body) : {};
  const baseText = JSON.stringify(base);
  // The deep value beside valid fields: it reaches whatever reads the whole body (the idempotency hash).
  const deepBesideValid = (n: number) =>
    baseText.startsWith('{') && baseText !== '{}'
      ? `{"extra":${deep(n)},${baseText.slice(1)}`
      : `{"extra":${deep(n)}}`;
  const props = Object.keys(op.body?.properties ?? {});
  const keys = props.length > 0 ? props : COMMON_FIELDS;
  const spoilOne = fc.tuple(fc.constantFrom(...keys), badValue).map(([k, v]) => ({
    json: { ...(base as object), [k]: v },
  }));
  const dropOne = fc.constantFrom(...keys).map((k) => {
    const copy = { ...(base as Record<string, unknown>) };
    delete copy[k];
    return { json: copy };
  });
  const extra = fc
    .tuple(fc.string({ maxLength: 12, unit: 'binary' }), badValue)
    .map(([k, v]) => ({ json: { ...(base as object), [k]: v } }));
  const randomFields = fc
    .dictionary(fc.constantFrom(...COMMON_FIELDS, ...props), badValue, { maxKeys: 5 })
    .map((json) => ({ json }));
  const garbage = fc.oneof(
    badValue.map((json) => ({ json })),
    fc.constantFrom(
      { raw: deep(10_000) },
      { raw: deepBesideValid(10_000) },
      { raw: deepBesideValid(33) },
      { raw: `{"a":${deep(5_000)}}` },
      { raw: '{"a":' },
      { raw: '' },
      { raw: 'null' },
      { raw: '"\\u0000"' },
      { raw: '{"__proto__":{"x":1}}' },
      { raw: '{"constructor":{"prototype":{}}}' },
      { raw: `[${'1,'.repeat(50_000)}1]` },
    ),
  );
  return fc.oneof(
    { weight: 5, arbitrary: spoilOne },
    { weight: 2, arbitrary: dropOne },
    { weight: 1, arbitrary: extra },
    { weight: 2, arbitrary: randomFields },
    { weight: 2, arbitrary: garbage },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: op.multipart ? 8 : 0, arbitrary: multipartArb },
  );
}

function operationsOf(doc: {
  paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown; tags?: string[] }>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, spec] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      if (SKIPPED.has(`${method} ${path}`)) continue;
      const params = (spec.parameters ?? []) as { in: string; name: string; schema?: JsonSchema }[];
      const content = (spec.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content;
      ops.push({
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(
          params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]),
        ),
        body: content?.['application/json']?.schema ?? null,
        multipart: Boolean(content?.['multipart/form-data']),
        public: path.startsWith('/api/public/') || path === '/api/auth/login' || path === '/api/health',
      });
    }
  }
  return ops;
}

describeEachDb('Fuzz: every operation in the OpenAPI document', (env) => {
  let app: FastifyInstance;
  let ops: Operation[] = [];
  let session = { cookie: '', csrf: '' };
  const knownIds: string[] = [];

  const login = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'fuzzer', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    session = {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
    };
  };

  beforeAll(async () => {
    const { ctx } = env();
    const org = await seedOrg(ctx);
    const fuzzer = await ctx.db
      .insertInto('users')
      .values({
        username: 'fuzzer',
        display_name: 'fuzzer',
        password_hash: await hashPassword(TEST_PASSWORD),
        unit_id: org.units.bureau,
        roles: ['admin', 'registrar'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Known ids reach the code past "not found"; the fuzzer's own id is kept out so that a request
    // that happens to be valid cannot deactivate the fuzzer or change its password mid-run.
    for (let i = 0; i < 3; i++) {
      const m = await registerTestMatter(ctx, org);
      if (m.id !== fuzzer.id) knownIds.push(String(m.id));
    }
    // The portal's own limits (per address, per case number) would answer 429 long before the
    // fuzzer's requests reach validation; they are tested in their own suite.
    const unlimited = {
      ...ctx.config,
      publicRateLimitPerMinute: 1_000_000,
      publicCaseRateLimitPerMinute: 1_000_000,
    };
    app = await buildApp({ ...ctx, config: unlimited }, { rateLimit: false });
    await app.ready();
    await login();
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    ops = operationsOf(doc.json());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the operations to fuzz from the document', () => {
    expect(ops.length).toBeGreaterThan(30);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/matters', 'POST /api/public/petitions', 'GET /api/matters/{id}']),
    );
  });

  it(
    'answers no 5xx and changes nothing when it refuses',
    { timeout: 240_000 * Math.max(1, RUNS / 12) },
    async () => {
      const { ctx } = env();
      const pathValue = fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...knownIds) },
        {
          weight: 6,
          arbitrary: fc.constantFrom(
            '99999999',
            '0',
            '-1',
            '1abc',
            'true',
            '1e3',
            '%00',
            'a%00b',
            '%E2%80%8B',
            '%ZZ',
            'x'.repeat(300),
            '2147483648',
            '2026-02-30',
            '1989-01-01',
            '2026-10-01',
            'urban_construction',
            'acceptance',
            'null',
            '..%2F..%2Fetc',
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(enc) },
      );
      const queryValue = fc.oneof(
        badScalar.map((v) => enc(typeof v === 'string' ? v.slice(0, 2000) : JSON.stringify(v))),
        fc.constantFrom(
          '%00',
          'a%00b',
          '%01',
          '1abc',
          'true',
          '',
          '2026-02-30',
          '1989-12-31',
          '99999999',
          '%ZZ',
        ),
      );
      let before: Fingerprint = await dbFingerprint(ctx.db);
      const failures: string[] = [];
      let requests = 0;
      const statuses: Record<number, number> = {};
      const started = Date.now();

      for (const op of ops) {
        const identities = op.public ? [false, true] : [true];
        for (const asStaff of identities) {
          const arb = fc.record({
            params: fc.array(pathValue, { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
            // One declared parameter spoiled (sometimes repeated, which makes it an array), perhaps
            // beside an unknown one.
            query: fc
              .tuple(
                Object.keys(op.query).length > 0
                  ? fc.constantFrom(...Object.keys(op.query))
                  : fc.string({ maxLength: 6 }).map(enc),
                fc.oneof(
                  { weight: 4, arbitrary: queryValue },
                  { weight: 1, arbitrary: fc.tuple(queryValue, queryValue) },
                ),
                fc.option(fc.tuple(fc.string({ maxLength: 6 }).map(enc), queryValue)),
              )
              .map(([k, v, other]) => ({ [k]: v, ...(other ? { [other[0] || 'x']: other[1] } : {}) })),
            body: op.method === 'GET' || op.method === 'DELETE' ? fc.constant(null) : bodyArb(op),
            idempotencyKey: fc.option(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { freq: 3 }),
            asMultipart: fc.boolean(),
          });
          await fc
            .assert(
              fc.asyncProperty(arb, async ({ params, query, body, idempotencyKey, asMultipart }) => {
                let i = 0;
                const path = op.path.replace(/\{[^}]+\}/g, () => params[i++] ?? '1');
                const qs = Object.entries(query)
                  .flatMap(([k, v]) => (Array.isArray(v) ? (v as string[]) : [v]).map((x) => `${k}=${x}`))
                  .join('&');
                const url = qs ? `${path}?${qs}` : path;
                const headers: Record<string, string> = {
                  ...(asStaff ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
                  ...(idempotencyKey ? { 'idempotency-key': `fuzz-${idempotencyKey}` } : {}),
                };
                let payload: string | undefined;
                if (body) {
                  payload = body.multipart ?? body.raw ?? JSON.stringify(body.json);
                  // A multipart route also gets a JSON body claiming to be multipart.
                  headers['content-type'] =
                    body.multipart !== undefined || (op.multipart && asMultipart)
                      ? `multipart/form-data; boundary=${BOUNDARY}`
                      : 'application/json';
                }
                requests++;
                const res = await app.inject({
                  method: op.method,
                  url,
                  headers,
                  ...(payload !== undefined ? { payload } : {}),
                });
                statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
                const what = `${op.method} ${url.slice(0, 200)} ${asStaff ? 'staff' : 'anonymous'} body=${(payload ?? '').slice(0, 300)}`;
                if (res.statusCode >= 500) {
                  failures.push(`${res.statusCode} for ${what}: ${res.body.slice(0, 300)}`);
                  return false;
                }
                const after = await dbFingerprint(ctx.db);
                let ok = true;
                if (res.statusCode >= 400) {
                  const allowed = RECORDED_REFUSALS[`${op.method} ${op.path}`] ?? [];
                  const changed = changedTables(before, after).filter((t) => !allowed.includes(t));
                  if (changed.length > 0) {
                    failures.push(`${res.statusCode} changed ${changed.join(', ')} for ${what}`);
                    ok = false;
                  }
                }
                before = after;
                if (res.statusCode === 401 && asStaff && op.path !== '/api/auth/login') {
                  // The fuzzer's session was lost (a valid request changed the fuzzer?): say so, go on.
                  failures.push(`session lost after ${what}`);
                  await login();
                  before = await dbFingerprint(ctx.db);
                  ok = false;
                }
                return ok;
              }),
              { numRuns: RUNS, seed: SEED, endOnFailure: true },
            )
            .catch((err: unknown) => {
              // One failing operation does not hide the others: collect and go on.
              if (failures.length === 0) failures.push(String(err).slice(0, 500));
            });
        }
      }
      console.info(
        `fuzz [${env().kind}]: ${requests} requests over ${ops.length} operations in ${Date.now() - started} ms, seed ${SEED}, answers ${JSON.stringify(statuses)}`,
      );
      expect(failures, `seed ${SEED}`).toEqual([]);
    },
  );
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import type { TextServices } from '../../src/intake/text-hooks.ts';
import { createTextServices, type AppTextServices } from '../../src/text-services.ts';
import { ensureDemoModel } from '../../src/text/app/demo-model.ts';
import { hotIssuesFor } from '../../src/text/app/hot-issues.ts';
import { confirmedRecords, retrainFromDatabase } from '../../src/text/app/retrain.ts';
import { fingerprintText } from '../../src/text/app/similar-matters.ts';
import { loadModel, saveModel, trainClassifier, type TrainingRecord } from '../../src/text/index.ts';
import { runRetrainFromDb } from '../../src/text/text.cli.ts';
import { idNumber, registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

// Small hand-written petitions: the suite needs no shared data.
const ELEVATOR =
  '我们小区3栋的电梯已经停运三个月，物业公司一直推诿不修，老人上下楼非常困难，请求有关部门督促物业尽快维修电梯。';
const NOISE = '夜间工地施工噪声严重扰民，凌晨两点仍在打桩作业，附近居民无法入睡，请求环保部门依法查处。';
const PLANT =
  '丽景花园小区旁边新建了一个混凝土搅拌站，每天粉尘飞扬、噪音不断，大货车进出压坏道路，严重影响周边居民生活，请求环保部门查处并责令搬迁。';
const PLANT_VARIANTS = [
  PLANT,
  `${PLANT}这个问题已经反映多次。`,
  PLANT.replace('每天', '白天黑夜'),
  PLANT.replace('大货车进出压坏道路，', ''),
  `尊敬的领导：${PLANT.replace('请求', '恳请')}`,
];

const TRAINING: TrainingRecord[] = [
  ...[
    '电梯停运物业不修',
    '小区违章搭建影响采光',
    '拆迁安置房迟迟不交付',
    '物业公司乱收费',
    '小区道路破损无人修',
    '房屋质量问题开发商推诿',
    '老旧小区改造噪音',
    '住房公积金小区物业',
  ].map((t, i) => ({ label: '城乡建设', subject: t, body: `${t}，${ELEVATOR.slice(0, 20 + i)}` })),
  ...[
    '工地夜间施工噪声扰民',
    '工厂排放废气污染空气',
    '河道污水直排发臭',
    '搅拌站粉尘污染',
    '餐馆油烟扰民',
    '养殖场臭味熏人',
    '垃圾焚烧污染',
    '噪声污染严重影响休息',
  ].map((t, i) => ({ label: '环境保护', subject: t, body: `${t}，${NOISE.slice(0, 20 + i)}` })),
];

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

// The suites' text services are created once a model is trained (before the suites start).
let services: AppTextServices | null = null;
const text: TextServices = {
  suggestCategory: (i) => services!.suggestCategory(i),
  fingerprint: (i) => services!.fingerprint(i),
  findSimilar: (db, i) => services!.findSimilar(db, i),
};
let modelDir = '';

beforeAll(async () => {
  modelDir = join(tempDir('minsheng-text-model-'), 'model');
  await saveModel(modelDir, trainClassifier(TRAINING, { trainedAt: '2026-03-01T00:00:00.000Z' }));
  services = await createTextServices(loadConfig({ MINSHENG_MODEL_DIR: modelDir }), () => undefined);
});
afterAll(async () => {
  await services?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Session {
  cookie: string;
  csrf: string;
}

/** The whole application, as served (the text routes among all others). */
async function textApp(ctx: Parameters<typeof buildApp>[0]): Promise<FastifyInstance> {
  const app = await buildApp(ctx, { rateLimit: false });
  await app.ready();
  return app;
}

describeEachDb(
  'text: similar matters, repeats, hot issues',
  (env) => {
    let org: Org;
    let app: FastifyInstance;
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
    const call = async (username: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const s = username ? await login(username) : null;
      return app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
        headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {},
      });
    };

    // Registered in beforeAll: the elevator matters of one person and a neighbour, the plant
    // matters in two streets, and a misconduct report against the housing bureau.
    const m: Record<
      string,
      {
        id: number;
        caseNumber: string;
        similarMatters: {
          matterId: number;
          samePetitioner: boolean;
          similarity: number;
          sharedWords: string[];
        }[];
      }
    > = {};
    const person = [{ name: '周九', idNumber: idNumber(901), phone: '13500009001' }];

    beforeAll(async () => {
      const { ctx } = env();
      org = await seedOrg(ctx);
      app = await textApp(ctx);
      m.first = await registerTestMatter(ctx, org, {
        subject: '电梯停运无人维修',
        content: ELEVATOR,
        petitioners: person,
      });
      m.noise = await registerTestMatter(ctx, org, {
        subject: '工地夜间施工噪声',
        content: NOISE,
        petitioners: [{ name: '吴十', phone: '13500009002' }],
      });
      m.neighbour = await registerTestMatter(ctx, org, {
        subject: '电梯停运三个月',
        content: `${ELEVATOR.replace('3栋', '5栋')}我们已经多次打电话给物业。`,
        petitioners: [{ name: '郑一', phone: '13500009003' }],
      });
      // The same person again, closer to the neighbour's text than to their own first letter.
      m.again = await registerTestMatter(ctx, org, {
        subject: '电梯停运三个月',
        content: `${ELEVATOR.replace('3栋', '5栋')}我们已经多次打电话给物业了。`,
        petitioners: person,
      });
      for (const [i, content] of PLANT_VARIANTS.entries()) {
        const region = i < 3 ? '440305001001' : '440305002';
        m[`plant${i}`] = await registerTestMatter(ctx, org, {
          subject: '丽景花园旁搅拌站污染',
          content,
          categoryCode: 'environment',
          regionCode: region,
          petitioners: [{ name: `钱${i}`, phone: `1350000910${i}` }],
        });
      }
      m.report = await registerTestMatter(ctx, org, {
        purpose: 'accusation',
        subject: '丽景花园搅拌站违规审批',
        content: `${PLANT}住建局工作人员收受好处违规审批。`,
        reportedUnitId: org.units.housing,
        petitioners: [{ name: '孙二', phone: '13500009200' }],
      });
    });
    afterAll(async () => {
      await app.close();
    });

    it('returns a near-duplicate first with similarity, shared words and samePetitioner false for another person', () => {
      const top = m.neighbour!.similarMatters[0]!;
      expect(top).toMatchObject({ matterId: m.first!.id, samePetitioner: false });
      expect(top.similarity).toBeGreaterThan(0.5);
      expect(top.sharedWords).toContain('电梯');
      expect(m.neighbour!.similarMatters.some((s) => s.matterId === m.noise!.id)).toBe(false);
    });

    it("puts the same person's earlier matter first (a repeat), ahead of a closer match from someone else", async () => {
      const list = m.again!.similarMatters;
      expect(list[0]).toMatchObject({ matterId: m.first!.id, samePetitioner: true });
      const neighbour = list.find((s) => s.matterId === m.neighbour!.id)!;
      expect(neighbour.samePetitioner).toBe(false);
      expect(neighbour.similarity).toBeGreaterThan(list[0]!.similarity);
      expect(list.some((s) => s.matterId === m.again!.id)).toBe(false);
      const row = await env()
        .ctx.db.selectFrom('matters')
        .select('repeat_of_id')
        .where('id', '=', m.again!.id)
        .executeTakeFirstOrThrow();
      expect(row.repeat_of_id).toBe(m.first!.id);
    });

    it('suggests a category as a code from a model labelled with Chinese names', async () => {
      const r = await registerTestMatter(env().ctx, org, {
        subject: '噪声扰民',
        content: NOISE.replace('两点', '三点'),
      });
      expect(r.categorySuggestion?.category).toBe('environment');
      expect(
        r.categorySuggestion?.top.every((t) => ['environment', 'urban_construction'].includes(t.category)),
      ).toBe(true);
    });

    it('gives no fingerprint for empty or binary text, and still registers it', async () => {
      expect(fingerprintText({ subject: '', content: '' })).toBeNull();
      expect(fingerprintText({ subject: '！！！', content: '？？？ …… ——' })).toBeNull();
      expect(fingerprintText({ subject: '', content: '\u0000\u0001\u0002binary\u0003' })).toBeNull();
      expect(fingerprintText({ subject: '', content: '\uFFFD'.repeat(50) })).toBeNull();
      expect(fingerprintText({ subject: '电梯', content: ELEVATOR })?.bandKeys).toHaveLength(32);
      const r = await registerTestMatter(env().ctx, org, { subject: '！！！', content: '？？？' });
      expect(r.similarMatters).toEqual([]);
      const stored = await env()
        .ctx.db.selectFrom('matter_text_signatures')
        .select('matter_id')
        .where('matter_id', '=', r.id)
        .execute();
      expect(stored).toEqual([]);
    });

    it('answers /api/text/similar within the data scope, never showing a report to the unit it reports', async () => {
      const draft = { subject: '丽景花园搅拌站', content: PLANT.replace('每天', '天天') };
      const all = await call('registrar', 'POST', '/api/text/similar', draft);
      expect(all.statusCode).toBe(200);
      const allIds = all
        .json<{ items: { matterId: number; caseNumber: string; sharedWords: string[] }[] }>()
        .items.map((i) => i.matterId);
      expect(allIds).toEqual(expect.arrayContaining([m.plant0!.id, m.plant3!.id, m.report!.id]));
      expect(all.json().items[0].sharedWords).toContain('搅拌站');

      // The street office (南头街道) sees its own street only.
      const street = (await call('streethead', 'POST', '/api/text/similar', draft))
        .json<{ items: { matterId: number }[] }>()
        .items.map((i) => i.matterId);
      expect(street).toEqual(expect.arrayContaining([m.plant0!.id, m.plant1!.id, m.plant2!.id]));
      expect(street).not.toContain(m.plant3!.id);
      expect(street).not.toContain(m.plant4!.id);

      // The housing bureau is the reported unit, and a department sees only the matters it registered
      // or handles: none of these.
      const housing = (await call('unithead', 'POST', '/api/text/similar', draft))
        .json<{ items: { matterId: number }[] }>()
        .items.map((i) => i.matterId);
      expect(housing).not.toContain(m.report!.id);
      expect(housing).toEqual([]);

      const withPerson = await call('registrar', 'POST', '/api/text/similar', {
        subject: '电梯',
        content: ELEVATOR,
        petitionerIds: [],
      });
      expect(withPerson.json().items[0].matterId).toBe(m.first!.id);
      expect(
        (await call('registrar', 'POST', '/api/text/suggest-category', { content: NOISE })).json().suggestion
          .category,
      ).toBe('environment');
    });

    it('lists hot issues of a period and region within the data scope', async () => {
      const q = '/api/analytics/hot-issues?from=2026-03-01&to=2026-03-02';
      const res = await call('registrar', 'GET', q);
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        items: { matterIds: number[]; caseNumbers: string[]; size: number; people: number; label: string }[];
        truncated: boolean;
        matters: number;
      }>();
      expect(body.truncated).toBe(false);
      const plantIds = PLANT_VARIANTS.map((_, i) => m[`plant${i}`]!.id);
      const issue = body.items.find((i) => i.matterIds.includes(plantIds[0]!))!;
      expect(issue.matterIds).toEqual(expect.arrayContaining([...plantIds, m.report!.id]));
      expect(issue.caseNumbers).toContain(m.plant0!.caseNumber);
      expect(issue.people).toBe(issue.size);
      expect(issue.label).toContain('丽景花园');

      const region = (await call('registrar', 'GET', `${q}&regionCode=440305002`)).json<{
        items: { matterIds: number[] }[];
      }>();
      expect(region.items.flatMap((i) => i.matterIds).sort()).toEqual([m.plant3!.id, m.plant4!.id].sort());

      const street = (await call('streethead', 'GET', q)).json<{ items: { matterIds: number[] }[] }>();
      const seen = street.items.flatMap((i) => i.matterIds);
      expect(seen).toEqual(expect.arrayContaining([m.plant0!.id, m.plant1!.id, m.plant2!.id]));
      for (const hidden of [m.plant3!.id, m.plant4!.id]) expect(seen).not.toContain(hidden);

      const housing = (await call('unithead', 'GET', q)).json<{ items: { matterIds: number[] }[] }>();
      expect(housing.items.flatMap((i) => i.matterIds)).not.toContain(m.report!.id);

      const empty = (
        await call('registrar', 'GET', '/api/analytics/hot-issues?from=2025-01-01&to=2025-01-31')
      ).json();
      expect(empty).toMatchObject({ items: [], matters: 0 });
    });

    it('groups on a worker thread for large inputs with the same result', async () => {
      if (env().kind !== 'pglite') return; // the worker does not depend on the database: once is enough
      const { ctx } = env();
      const q = { from: '2026-03-01', to: '2026-03-02', top: 10 };
      const here = await hotIssuesFor(ctx.db, org.users.registrar, q, { now: ctx.clock() });
      const there = await hotIssuesFor(ctx.db, org.users.registrar, q, {
        now: ctx.clock(),
        offThreadFrom: 0,
      });
      expect(there).toEqual(here);
      const capped = await hotIssuesFor(ctx.db, org.users.registrar, q, { now: ctx.clock(), cap: 3 });
      expect(capped).toMatchObject({ truncated: true, matters: 3, cap: 3 });
    });

    it("links a repeat outside the registering user's scope but lists only what they may see, retried or not", async () => {
      // 钱3 wrote about the plant from the other street (440305002); now registered at the street office.
      const s = await login('streethead');
      const register = (key: string) =>
        app.inject({
          method: 'POST',
          url: '/api/matters',
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': key },
          payload: {
            channel: 'visit',
            purpose: 'request',
            subject: '丽景花园旁搅拌站污染',
            content: `${PLANT_VARIANTS[3]!}请尽快处理。`,
            regionCode: '440305001',
            petitioners: [{ name: '钱3', phone: '13500009103' }],
          },
        });
      const first = await register('repeat-outside-scope');
      expect(first.statusCode).toBe(201);
      const body = first.json<{ id: number; similarMatters: { matterId: number }[] }>();
      const shown = body.similarMatters.map((x) => x.matterId);
      expect(shown).toEqual(expect.arrayContaining([m.plant0!.id, m.plant1!.id]));
      expect(shown).not.toContain(m.plant3!.id);
      expect(shown).not.toContain(m.plant4!.id);
      const row = await env()
        .ctx.db.selectFrom('matters')
        .select('repeat_of_id')
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row.repeat_of_id).toBe(m.plant3!.id);
      const retried = await register('repeat-outside-scope');
      expect(retried.statusCode).toBe(200);
      expect(retried.json<{ id: number }>().id).toBe(body.id);
    });

    it('refuses bad input on the text routes with the bilingual 400, never a 500', async () => {
      const bad = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
        const res = await call('registrar', method, url, payload);
        expect(res.statusCode, `${url} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(400);
        const e = res.json<{
          error: { code: string; message_zh: string; message_en: string; fields: { path: string }[] };
        }>().error;
        expect(e.code).toBe('validation_failed');
        expect(e.message_zh).toBeTruthy();
        expect(e.message_en).toBeTruthy();
        return e;
      };
      for (const url of ['/api/text/similar', '/api/text/suggest-category']) {
        const big = await bad('POST', url, { subject: '长', content: '长'.repeat(20_001) });
        expect(big.fields[0]!.path).toBe('content');
        expect(big.message_en).toContain('20000');
        await bad('POST', url, { subject: '空', content: '' });
        await bad('POST', url, { subject: '空', content: '   \n ' });
        await bad('POST', url, { subject: 'x', content: 'abc\u0000\u0001def' });
        expect((await bad('POST', url, { subject: '', content: '\uFFFD'.repeat(40) })).message_en).toContain(
          'binary',
        );
        expect((await bad('POST', url, { subject: '', content: '？？？。。。' })).message_en).toContain(
          'no letters',
        );
        await bad('POST', url, { content: 12 });
        await bad('POST', url, { subject: 'x'.repeat(201), content: '电梯' });
        const huge = await call('registrar', 'POST', url, { content: '长'.repeat(600_000) });
        expect(huge.statusCode).toBe(413);
        expect(huge.json().error.code).toBe('payload_too_large');
      }
      await bad('POST', '/api/text/similar', { content: ELEVATOR, petitionerIds: ['x'] });
      await bad('POST', '/api/text/similar', { content: ELEVATOR, limit: 500 });
      await bad('GET', '/api/analytics/hot-issues?from=2026-02-30&to=2026-03-02');
      await bad('GET', '/api/analytics/hot-issues?from=2026-03-05&to=2026-03-02');
      await bad('GET', '/api/analytics/hot-issues?from=2024-01-01&to=2026-03-02');
      await bad('GET', '/api/analytics/hot-issues?from=March&to=2026-03-02');
      await bad('GET', '/api/analytics/hot-issues?top=0');
      await bad('GET', '/api/analytics/hot-issues?regionCode=abc');
      expect((await call(null, 'POST', '/api/text/similar', { content: ELEVATOR })).statusCode).toBe(401);
      expect((await call(null, 'GET', '/api/analytics/hot-issues')).statusCode).toBe(401);
    });

    it('retrains from the categories staff confirmed, and skips when there are too few', async () => {
      const { ctx } = env();
      // Confirm the categories: decided matters keep theirs.
      await ctx.db
        .updateTable('matters')
        .set({ state: 'accepted' })
        .where('category_code', 'is not', null)
        .execute();
      const confirmed = await confirmedRecords(ctx.db);
      expect(confirmed.length).toBeGreaterThanOrEqual(8);
      expect(new Set(confirmed.map((r) => r.label))).toEqual(new Set(['urban_construction', 'environment']));

      const dir = join(tempDir('minsheng-retrain-'), 'model');
      const skipped = await retrainFromDatabase(ctx.db, {
        modelDir: dir,
        trainedAt: '2026-03-02T00:00:00.000Z',
      });
      expect(skipped.status).toBe('skipped');
      expect(skipped.message).toMatch(/needs 200/);

      const out: string[] = [];
      const io = {
        out: (l: string) => void out.push(l),
        err: (l: string) => void out.push(l),
        now: () => new Date('2026-03-02T00:00:00Z'),
      };
      await runRetrainFromDb({ model: dir, minConfirmed: '5' }, io, async () => ({
        db: ctx.db,
        modelDir: dir,
        close: async () => undefined,
      }));
      expect(out.join('\n')).toMatch(/retrained the category model on \d+ records/);
      const model = await loadModel(dir);
      expect(model.labels).toEqual(['environment', 'urban_construction']);

      if (env().kind === 'pglite') {
        // The server's schedule trains on a worker thread.
        const again = await retrainFromDatabase(ctx.db, {
          modelDir: dir,
          trainedAt: '2026-03-03T00:00:00.000Z',
          minConfirmed: 5,
          offThread: true,
          force: true,
        });
        expect(again.status).toBe('retrained');
        expect((await loadModel(dir)).trainedAt).toBe('2026-03-03T00:00:00.000Z');
      }
    });
  },
  { text },
);

describe('text services without a usable model', () => {
  it('reports a corrupt model with the command that rebuilds it, and answers without suggestions', async () => {
    const dir = tempDir('minsheng-corrupt-');
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'model', 'manifest.json'), '{ not json');
    const warnings: string[] = [];
    const s = await createTextServices(loadConfig({ MINSHENG_DATA_DIR: dir }), (msg) => warnings.push(msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/minsheng classify train/);
    expect(await s.suggestCategory({ subject: '电梯', content: ELEVATOR })).toBeNull();
    expect(s.fingerprint({ subject: '电梯', content: ELEVATOR })).not.toBeNull();
    expect(s.modelStatus()).toMatchObject({ loaded: false });
    await s.close();
  });

  it('says once that there is no model, and keeps a loaded model when a reload fails', async () => {
    const dir = tempDir('minsheng-nomodel-');
    const warnings: string[] = [];
    const s = await createTextServices(loadConfig({ MINSHENG_DATA_DIR: dir }), (msg) => warnings.push(msg));
    expect(await s.suggestCategory({ subject: '噪声', content: NOISE })).toBeNull();
    expect(await s.suggestCategory({ subject: '噪声', content: NOISE })).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no category model/);

    await saveModel(join(dir, 'model'), trainClassifier(TRAINING, { trainedAt: '2026-03-01T00:00:00.000Z' }));
    expect(await s.reloadModel()).toBe(true);
    expect((await s.suggestCategory({ subject: '噪声', content: NOISE }))?.category).toBe('environment');
    writeFileSync(join(dir, 'model', 'weights.f32'), 'damaged');
    expect(await s.reloadModel()).toBe(true);
    expect((await s.suggestCategory({ subject: '噪声', content: NOISE }))?.category).toBe('environment');
    expect(s.modelStatus().problem).toMatch(/minsheng classify train/);
    await s.close();
  });

  it('trains the demo model from the shared data layout once, and only when there is none', async () => {
    const data = tempDir('minsheng-textdata-');
    const config = loadConfig({ MINSHENG_DATA_DIR: tempDir('minsheng-demo-') });
    const missing = await ensureDemoModel(config, join(data, 'absent'));
    expect(missing).toMatchObject({ trained: false });
    expect(missing.reason).toMatch(/MINSHENG_TEXT_DATA/);
    // The shared file's format: pre-segmented text and a Chinese label.
    writeFileSync(
      join(data, 'labelled_segmented.jsonl'),
      TRAINING.map((r) => JSON.stringify({ text: `${r.subject} ${r.body}`, label: r.label })).join('\n'),
    );
    const first = await ensureDemoModel(config, data, new Date('2026-03-01T00:00:00Z'));
    expect(first.trained).toBe(true);
    expect((await loadModel(config.modelDir)).labels).toEqual(['environment', 'urban_construction']);
    // The labelled raw messages (subject and body as written) are read too, when they are there.
    writeFileSync(
      join(data, 'labelled_sample.jsonl'),
      ['公交线路', '地铁站', '出租车']
        .map((w, i) =>
          JSON.stringify({
            id: i,
            subject: `${w}问题`,
            body: `${w}班次太少，乘客等车时间很长，请求交通部门增加班次。`,
            label: '交通运输',
          }),
        )
        .join('\n'),
    );
    rmSync(config.modelDir, { recursive: true, force: true });
    const withSample = await ensureDemoModel(config, data);
    expect(withSample.reason).toContain(`on ${TRAINING.length + 3} labelled messages`);
    expect((await loadModel(config.modelDir)).labels).toEqual([
      'environment',
      'transport',
      'urban_construction',
    ]);
    expect((await ensureDemoModel(config, data)).trained).toBe(false);
    // A model saved by an older version cannot be read: the demo trains a new one in its place.
    const manifestFile = join(config.modelDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { formatVersion: number };
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, formatVersion: manifest.formatVersion - 1 }));
    await expect(loadModel(config.modelDir)).rejects.toThrow(/format/);
    const again = await ensureDemoModel(config, data);
    expect(again.trained).toBe(true);
    expect(again.reason).toMatch(/replacing a model of format/);
    expect((await loadModel(config.modelDir)).labels).toEqual([
      'environment',
      'transport',
      'urban_construction',
    ]);
  });
});

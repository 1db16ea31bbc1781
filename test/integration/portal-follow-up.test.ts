import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import type { ErrorBody } from '../../src/http/error-handler.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import type { PublicLookup, WireOf } from '../../src/shared/api.schema.ts';
import type { FollowUpSchema } from '../../src/shared/follow-up.schema.ts';
import { recordFollowUp, takeUpFollowUp } from '../../src/supervision/follow-up.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import { handledMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * 网上回访: the petitioner answers the follow-up questionnaire on the portal with the case number
 * and query code, once, after the reply; "not solved" reaches the supervisors as a staff follow-up does.
 */
describeEachDb('online follow-up questionnaire (网上回访) on the portal', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    // The portal's limits are tested on their own below; here every request must reach the service.
    const config = { ...ctx.config, publicRateLimitPerMinute: 10_000, publicCaseRateLimitPerMinute: 10_000 };
    app = await buildApp({ ...ctx, config }, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const matter = (replied: boolean) => handledMatter(env().ctx, org, { replied });
  type Matter = Awaited<ReturnType<typeof matter>>;

  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
  const answer = (m: Matter, body: Record<string, unknown>) =>
    post('/api/public/follow-up', { caseNumber: m.caseNumber, queryCode: m.queryCode, ...body });
  const lookup = async (m: Matter) => {
    const res = await post('/api/public/lookup', { caseNumber: m.caseNumber, queryCode: m.queryCode });
    expect(res.statusCode).toBe(200);
    return res.json<PublicLookup>();
  };
  const staffList = async (username: string, matterId: number) => {
    const login = await post('/api/auth/login', { username, password: TEST_PASSWORD });
    const res = await app.inject({
      method: 'GET',
      url: `/api/matters/${matterId}/follow-ups`,
      headers: { cookie: String(login.headers['set-cookie']).split(';')[0]! },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: WireOf<typeof FollowUpSchema>[] }>().items;
  };
  const petitionerCases = (matterId: number) =>
    env()
      .ctx.db.selectFrom('cases as c')
      .innerJoin('follow_ups as f', 'f.case_id', 'c.id')
      .select([
        'c.id',
        'c.state',
        'c.unit_id',
        'c.opened_by',
        'f.method',
        'f.reached',
        'f.solved',
        'f.opinion',
      ])
      .where('c.matter_id', '=', matterId)
      .where('c.type', '=', 'follow_up')
      .execute();

  it('is refused before the reply, with a field error, and nothing is stored', async () => {
    const m = await matter(false);
    expect(await lookup(m)).toMatchObject({ canFollowUp: false, followUp: null });
    const before = await dbFingerprint(env().ctx.db);
    const res = await answer(m, { solved: 'solved' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<ErrorBody>();
    expect(error.code).toBe('validation_failed');
    expect(error.fields.map((f) => f.path)).toEqual(['caseNumber']);
    expect(error.message_zh).toContain('答复之后');
    expect(error.message_en).toContain('after the reply');
    expect(changedTables(before, await dbFingerprint(env().ctx.db))).toEqual([]);
  });

  it('answers a wrong query code exactly as the look-up does, and stores nothing', async () => {
    const m = await matter(true);
    const before = await dbFingerprint(env().ctx.db);
    const wrong = { caseNumber: m.caseNumber, queryCode: 'AAAAAAAAAAAA' };
    const res = await post('/api/public/follow-up', { ...wrong, solved: 'solved' });
    const look = await post('/api/public/lookup', wrong);
    expect(res.statusCode).toBe(404);
    expect(res.statusCode).toBe(look.statusCode);
    expect(res.json<ErrorBody>().error).toEqual(look.json<ErrorBody>().error);
    expect(changedTables(before, await dbFingerprint(env().ctx.db))).toEqual([]);
    expect(await petitionerCases(m.id)).toEqual([]);
  });

  it('refuses a body that is not exactly the questionnaire, and stores nothing', async () => {
    const m = await matter(true);
    const before = await dbFingerprint(env().ctx.db);
    for (const body of [
      { solved: 'solved', method: 'phone' },
      { solved: 'fixed' },
      {},
      { solved: 'solved', opinion: 'x'.repeat(2001) },
    ]) {
      const res = await answer(m, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(changedTables(before, await dbFingerprint(env().ctx.db))).toEqual([]);
  });

  it('records the answer once, online and reached, for the lead unit; a second answer is 409 and changes nothing', async () => {
    const m = await matter(true);
    expect(await lookup(m)).toMatchObject({ canFollowUp: true, followUp: null });
    const res = await answer(m, { solved: 'partly', opinion: '电梯修好了，但噪音仍然很大。' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ solved: 'partly', opinion: '电梯修好了，但噪音仍然很大。' });
    const rows = await petitionerCases(m.id);
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        state: 'recorded',
        unit_id: org.units.housing,
        opened_by: null,
        method: 'online',
        reached: true,
        solved: 'partly',
        opinion: '电梯修好了，但噪音仍然很大。',
      },
    ]);
    const events = await env()
      .ctx.db.selectFrom('events')
      .select(['kind', 'actor_kind', 'actor_id', 'unit_id', 'matter_id'])
      .where('stream', '=', `case:${rows[0]!.id}`)
      .execute();
    expect(events).toEqual([
      {
        kind: 'follow_up_recorded',
        actor_kind: 'petitioner',
        actor_id: null,
        unit_id: null,
        matter_id: null,
      },
    ]);

    const before = await dbFingerprint(env().ctx.db);
    const again = await answer(m, { solved: 'solved' });
    expect(again.statusCode).toBe(409);
    const { error } = again.json<ErrorBody>();
    expect(error.code).toBe('conflict');
    expect(error.message_zh).toContain('只能提交一次');
    expect(error.message_en).toContain('once');
    expect(changedTables(before, await dbFingerprint(env().ctx.db))).toEqual([]);

    // The look-up shows the answer instead of the questionnaire.
    const after = await lookup(m);
    expect(after.canFollowUp).toBe(false);
    expect(after.followUp).toMatchObject({ solved: 'partly', opinion: '电梯修好了，但噪音仍然很大。' });
    expect(after.followUp?.answeredAt).toBe(res.json<{ answeredAt: string }>().answeredAt);
  });

  it('records one of two answers sent at the same moment and refuses the other with 409', async () => {
    const m = await matter(true);
    const both = await Promise.all([answer(m, { solved: 'solved' }), answer(m, { solved: 'not_solved' })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json<ErrorBody>().error.message_zh).toContain(
      '只能提交一次',
    );
    expect(await petitionerCases(m.id)).toHaveLength(1);
  });

  it('flags "not solved" for the scope’s supervisors, who take it up; staff see it recorded by the petitioner', async () => {
    const { ctx } = env();
    const m = await matter(true);
    const res = await answer(m, { solved: 'not_solved', opinion: '修好三天又坏了，物业不再理会。' });
    expect(res.statusCode).toBe(200);
    const [row] = await petitionerCases(m.id);
    expect(row?.state).toBe('flagged');

    const notices = (await listInbox(ctx, org.users.supervisor, { page: 1, pageSize: 100 })).items;
    expect(notices.filter((n) => n.caseId === row!.id).map((n) => n.kind)).toEqual(['follow_up_unsolved']);
    // Only the supervisors: the handling unit is not told of its own follow-up this way.
    const officerNotices = (await listInbox(ctx, org.users.officer, { page: 1, pageSize: 100 })).items;
    expect(officerNotices.some((n) => n.caseId === row!.id)).toBe(false);

    const items = await staffList('officer', m.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: row!.id,
      state: 'flagged',
      method: 'online',
      reached: true,
      solved: 'not_solved',
      opinion: '修好三天又坏了，物业不再理会。',
      recordedByName: null,
      unitName: '南山区住房和建设局',
      // The lead unit answers for it, so its officer may add to it; taking it up is the supervisors'.
      allowedActions: ['comment'],
    });
    await takeUpFollowUp(ctx, staff(org.users.supervisor), row!.id, { note: '发督办单，要求一周内复修。' });
    expect((await petitionerCases(m.id))[0]?.state).toBe('taken_up');
  });

  it('shows on the portal only the petitioner’s own answer, never what staff recorded', async () => {
    const { ctx } = env();
    const m = await matter(true);
    await recordFollowUp(ctx, staff(org.users.officer), m.id, {
      method: 'phone',
      reached: true,
      solved: 'solved',
      opinion: '内部记录：电话回访时信访人情绪激动',
    });
    const view = await lookup(m);
    expect(view).toMatchObject({ canFollowUp: true, followUp: null });
    expect(JSON.stringify(view)).not.toContain('内部记录');
    const res = await answer(m, { solved: 'solved' });
    expect(res.statusCode).toBe(200);
    const after = await lookup(m);
    expect(after.followUp).toMatchObject({ solved: 'solved', opinion: null });
    expect(JSON.stringify(after)).not.toContain('内部记录');
    expect(JSON.stringify(after)).not.toContain('officer');
    const recorders = (await staffList('unithead', m.id)).map((f) => f.recordedByName);
    expect(recorders).toEqual([null, 'officer']);
  });

  it('keeps the rule in the schema: only a follow-up lacks an opener, the petitioner’s once per matter', async () => {
    const { ctx } = env();
    const m = await matter(true);
    expect((await answer(m, { solved: 'solved' })).statusCode).toBe(200);
    const insert = (type: string) =>
      sql`INSERT INTO cases (type, state, matter_id, unit_id, region_code, opened_by, opened_at)
          VALUES (${type}, 'recorded', ${m.id}, ${org.units.housing}, '440305', NULL, now())`.execute(ctx.db);
    await expect(insert('instruction')).rejects.toThrow(/cases_opener_check/);
    await expect(insert('follow_up')).rejects.toThrow(/cases_petitioner_follow_up_once/);
  });

  it('counts the questionnaire against the per-case limit like the other portal requests', async () => {
    const { ctx } = env();
    const m = await matter(true);
    const limited = await buildApp(
      {
        ...ctx,
        config: { ...ctx.config, publicRateLimitPerMinute: 10_000, publicCaseRateLimitPerMinute: 2 },
      },
      { rateLimit: true },
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/public/follow-up',
          payload: { caseNumber: m.caseNumber, queryCode: 'WRONGCODE', solved: 'solved' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });

  it('leaves an audit log that verifies', async () => {
    const report = await verifyAuditLog(env().ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(0);
  });
});

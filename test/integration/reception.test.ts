import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import type { ErrorBody } from '../../src/http/error-handler.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import { openOwnership } from '../../src/leadership/ownership.commands.ts';
import { matterCommands } from '../../src/lifecycle/matter-commands.ts';
import { registerMatter } from '../../src/intake/register-matter.ts';
import { RegisterMatterInput } from '../../src/shared/schemas.ts';
import { receptionCountsByLeaderMonth, receptionFigures } from '../../src/reception/reception-figures.ts';
import { getSession, listSessions, sessionOptions } from '../../src/reception/reception.queries.ts';
import {
  cancelSession,
  commentOnSession,
  recordSession,
  scheduleSession,
} from '../../src/reception/session.commands.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import {
  registerTestMatter,
  reportAgainstHousing,
  seedOrg,
  TEST_PASSWORD,
  type Org,
} from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * Reception days (领导接访日, 下访, 约访): the bureau schedules its leaders' sessions, one leader's
 * never overlap, each is recorded once held with the matters registered at it, and reception
 * counts per leader per month are a figure.
 */
describeEachDb('reception sessions (领导接访日)', (env) => {
  let org: Org;
  let app: FastifyInstance;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  // Each test schedules on its own day, so no two tests' sessions of the one leader overlap.
  let day = 0;
  const slot = (hours = 2, at = '09:00') => {
    day += 1;
    const date = new Date(Date.UTC(2026, 3, 1 + day));
    const d = date.toISOString().slice(0, 10);
    const startsAt = `${d}T${at}:00+08:00`;
    const endsAt = new Date(new Date(startsAt).getTime() + hours * 3_600_000).toISOString();
    return { startsAt, endsAt };
  };
  const session = (over: Record<string, unknown> = {}) => ({
    kind: 'reception',
    leaderId: org.users.leader.id,
    ...slot(),
    place: '南山区信访局一楼接待大厅',
    topics: '住房建设、物业管理',
    capacity: 10,
    published: true,
    ...over,
  });

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('schedules a session for a leader of the region, tells the leader, and lists it', async () => {
    const { ctx } = env();
    const input = session();
    const res = await scheduleSession(ctx, staff(org.users.supervisor), input);
    expect(res.state).toBe('scheduled');
    const row = await ctx.db
      .selectFrom('reception_sessions')
      .selectAll()
      .where('case_id', '=', res.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'reception',
      leader_id: org.users.leader.id,
      capacity: 10,
      published: true,
    });
    const inbox = await listInbox(ctx, org.users.leader, { page: 1, pageSize: 50 });
    expect(inbox.items.filter((n) => n.caseId === res.id).map((n) => n.kind)).toEqual([
      'reception_scheduled',
    ]);
    const list = await listSessions(ctx, org.users.registrar, {
      from: input.startsAt.slice(0, 10),
      to: input.startsAt.slice(0, 10),
    });
    expect(list.canSchedule).toBe(true);
    expect(list.items.map((s) => s.id)).toEqual([res.id]);
    expect(list.items[0]).toMatchObject({ leaderName: 'leader', state: 'scheduled', booked: 0 });
    expect(list.items[0]!.allowedActions).toEqual(['record', 'cancel', 'comment']);
    // The leader may record and comment on their own session, not cancel it.
    const asLeader = await listSessions(ctx, org.users.leader, {
      from: input.startsAt.slice(0, 10),
      to: input.startsAt.slice(0, 10),
    });
    expect(asLeader.items[0]!.allowedActions).toEqual(['record', 'comment']);
    const events = await ctx.db
      .selectFrom('events')
      .select('kind')
      .where('stream', '=', `case:${res.id}`)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['reception_scheduled']);
  });

  it('refuses each bad schedule with a field error, and stores nothing', async () => {
    const { ctx } = env();
    const before = await dbFingerprint(ctx.db);
    const s = slot();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...s, endsAt: s.startsAt }, 'endsAt'],
      [{ startsAt: s.endsAt, endsAt: s.startsAt }, 'endsAt'],
      [{ startsAt: '2026-03-01T09:00:00+08:00', endsAt: '2026-03-01T11:00:00+08:00' }, 'startsAt'],
      [{ capacity: 0 }, 'capacity'],
      [{ leaderId: org.users.officer.id }, 'leaderId'],
      // A city leader is not the district bureau's to schedule.
      [{ leaderId: org.users.cityHead.id }, 'leaderId'],
      [{ leaderId: 999_999 }, 'leaderId'],
      [{ kind: 'appointment', published: false }, 'matterId'],
      [{ kind: 'appointment', published: true, matterId: 1 }, 'published'],
      [{ kind: 'reception', matterId: 1 }, 'matterId'],
      [{ kind: 'reception', placeRegionCode: '440305001001' }, 'placeRegionCode'],
      [{ kind: 'outreach', placeRegionCode: '110101' }, 'placeRegionCode'],
      [{ kind: 'appointment', published: false, matterId: 999_999 }, 'matterId'],
      [{ place: '   ' }, 'place'],
      [{ extra: 1 }, ''],
    ];
    for (const [over, path] of cases) {
      const err = await rejects(
        scheduleSession(ctx, staff(org.users.supervisor), session(over)),
        'validation_failed',
      );
      if (path)
        expect(
          err.fields.map((f) => f.path),
          JSON.stringify(over),
        ).toContain(path);
      expect(err.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Only the registrars and supervisors of a unit answering for a region schedule.
    for (const user of [org.users.officer, org.users.leader, org.users.analyst])
      await rejects(scheduleSession(ctx, staff(user), session()), 'forbidden');
    expect(changedTables(before, await dbFingerprint(ctx.db))).toEqual([]);
  });

  it('never lets one leader’s sessions overlap; touching ends are fine; another leader is free', async () => {
    const { ctx } = env();
    const s = slot(3);
    await scheduleSession(ctx, staff(org.users.supervisor), session(s));
    const inside = {
      startsAt: new Date(new Date(s.startsAt).getTime() + 3_600_000).toISOString(),
      endsAt: new Date(new Date(s.endsAt).getTime() + 3_600_000).toISOString(),
    };
    const before = await dbFingerprint(ctx.db);
    const err = await rejects(
      scheduleSession(ctx, staff(org.users.registrar), session(inside)),
      'validation_failed',
    );
    expect(err.fields[0]?.path).toBe('startsAt');
    expect(err.fields[0]?.message_zh).toContain('不能重叠');
    expect(err.fields[0]?.message_en).toContain('may not overlap');
    expect(changedTables(before, await dbFingerprint(ctx.db))).toEqual([]);
    const after = {
      startsAt: s.endsAt,
      endsAt: new Date(new Date(s.endsAt).getTime() + 3_600_000).toISOString(),
    };
    expect((await scheduleSession(ctx, staff(org.users.supervisor), session(after))).state).toBe('scheduled');
    expect(
      (
        await scheduleSession(
          ctx,
          staff(org.users.supervisor),
          session({ ...inside, leaderId: org.users.countyHead.id }),
        )
      ).state,
    ).toBe('scheduled');
  });

  it('stores only one of two overlapping schedules sent at the same moment', async () => {
    const { ctx } = env();
    const s = slot();
    const results = await Promise.allSettled([
      scheduleSession(ctx, staff(org.users.supervisor), session({ ...s, place: '甲' })),
      scheduleSession(ctx, staff(org.users.registrar), session({ ...s, place: '乙' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await ctx.db
      .selectFrom('reception_sessions')
      .select('place')
      .where('starts_at', '=', new Date(s.startsAt))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('is recorded only once begun: people received and outcome; then nothing but a comment', async () => {
    const { ctx, clock } = env();
    const s = { startsAt: '2026-03-03T09:00:00+08:00', endsAt: '2026-03-03T12:00:00+08:00' };
    const { id } = await scheduleSession(ctx, staff(org.users.supervisor), session(s));
    const early = await rejects(
      recordSession(ctx, staff(org.users.leader), id, { peopleReceived: 3, outcome: '接待群众3人' }),
      'validation_failed',
    );
    expect(early.fields[0]?.path).toBe('peopleReceived');
    const saved = clock.now;
    clock.set('2026-03-03T03:30:00Z');
    try {
      await rejects(
        recordSession(ctx, staff(org.users.leader), id, { peopleReceived: -1, outcome: 'x' }),
        'validation_failed',
      );
      await rejects(
        recordSession(ctx, staff(org.users.officer), id, { peopleReceived: 3, outcome: '接待' }),
        'forbidden',
      );
      const r = await recordSession(ctx, staff(org.users.leader), id, {
        peopleReceived: 7,
        outcome: '接待群众7人，现场答复4件，交办3件。',
      });
      expect(r.state).toBe('held');
      await rejects(
        recordSession(ctx, staff(org.users.leader), id, { peopleReceived: 1, outcome: '再登记' }),
        'illegal_transition',
      );
      await rejects(
        cancelSession(ctx, staff(org.users.supervisor), id, { reason: '领导临时有公务' }),
        'illegal_transition',
      );
      await commentOnSession(ctx, staff(org.users.supervisor), id, { comment: '交办事项已录入。' });
      const view = await getSession(ctx, org.users.supervisor, id);
      expect(view).toMatchObject({
        state: 'held',
        peopleReceived: 7,
        recordedByName: 'leader',
        allowedActions: ['comment'],
      });
      const events = await ctx.db
        .selectFrom('events')
        .select('kind')
        .where('stream', '=', `case:${id}`)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => e.kind)).toEqual([
        'reception_scheduled',
        'reception_recorded',
        'reception_comment',
      ]);
    } finally {
      clock.now = saved;
    }
  });

  it('is cancelled by the bureau with a reason, not by the leader', async () => {
    const { ctx } = env();
    const { id } = await scheduleSession(ctx, staff(org.users.supervisor), session());
    await rejects(cancelSession(ctx, staff(org.users.leader), id, { reason: '有事' }), 'forbidden');
    await rejects(cancelSession(ctx, staff(org.users.supervisor), id, {}), 'validation_failed');
    const r = await cancelSession(ctx, staff(org.users.supervisor), id, { reason: '领导参加全市防汛会议' });
    expect(r.state).toBe('cancelled');
    expect((await getSession(ctx, org.users.registrar, id)).cancelReason).toBe('领导参加全市防汛会议');
  });

  it('links matters registered at a session with the matching channel, and shows what the leader took on', async () => {
    const { ctx, clock } = env();
    const s = { startsAt: '2026-03-04T09:00:00+08:00', endsAt: '2026-03-04T12:00:00+08:00' };
    const reception = await scheduleSession(ctx, staff(org.users.supervisor), session(s));
    const outreach = await scheduleSession(
      ctx,
      staff(org.users.supervisor),
      session({
        kind: 'outreach',
        leaderId: org.users.countyHead.id,
        placeRegionCode: '440305001001',
        ...s,
        published: false,
      }),
    );
    const saved = clock.now;
    clock.set('2026-03-04T02:00:00Z');
    try {
      const registrar = org.users.registrar;
      const register = (over: Record<string, unknown>) =>
        registerTestMatterAs(registrar, { channel: 'visit', receptionSessionId: reception.id, ...over });
      const m = await register({});
      expect(
        (
          await ctx.db
            .selectFrom('matters')
            .select('reception_session_id')
            .where('id', '=', m.id)
            .executeTakeFirstOrThrow()
        ).reception_session_id,
      ).toBe(reception.id);
      const event = await ctx.db
        .selectFrom('events')
        .select('payload')
        .where('stream', '=', `matter:${m.id}`)
        .executeTakeFirstOrThrow();
      expect(event.payload).toMatchObject({ receptionSessionId: reception.id });
      const o = await registerTestMatterAs(registrar, {
        channel: 'outreach',
        receptionSessionId: outreach.id,
      });
      expect(o.id).toBeGreaterThan(0);

      const later = await scheduleSession(ctx, staff(org.users.supervisor), session());
      const before = await dbFingerprint(ctx.db);
      for (const [over, msg] of [
        [{ channel: 'letter' }, '渠道'],
        [{ channel: 'outreach' }, '渠道'],
        [{ receptionSessionId: 999_999 }, '不存在'],
      ] as const) {
        const err = await rejects(register(over), 'validation_failed');
        expect(err.fields[0]?.path).toBe('receptionSessionId');
        expect(err.fields[0]?.message_zh).toContain(msg);
      }
      // A session still to come cannot have matters registered at it.
      await rejects(register({ receptionSessionId: later.id }), 'validation_failed');
      // Without a staff viewer (the portal) no session can be named.
      await rejects(
        registerTestMatter(ctx, org, { channel: 'visit', receptionSessionId: reception.id }),
        'validation_failed',
      );
      expect(changedTables(before, await dbFingerprint(ctx.db))).toEqual([]);

      const options = await sessionOptions(ctx, registrar, 'visit');
      expect(options.items.map((i) => i.id)).toContain(reception.id);
      expect(options.items.map((i) => i.id)).not.toContain(outreach.id);

      // 包案: the leader takes on the matter registered at their session; the session shows it.
      await matterCommands.decide(ctx, staff(registrar), m.id, {
        decision: 'accept',
        leadUnitId: org.units.housing,
      });
      await openOwnership(ctx, staff(org.users.leader), m.id, {
        problem: '电梯长期停运',
        steps: [{ title: '督促物业维修', ownerId: org.users.officer.id, dueDate: '2026-03-20' }],
      });
      const view = await getSession(ctx, org.users.supervisor, reception.id);
      expect(view.matters).toEqual([
        expect.objectContaining({
          id: m.id,
          channel: 'visit',
          ownedByLeader: true,
          ownershipId: expect.any(Number),
        }),
      ]);
    } finally {
      clock.now = saved;
    }
  });

  it('keeps a 约访 on a misconduct report away from the unit reported, and off any list it may not see', async () => {
    const { ctx } = env();
    const report = await reportAgainstHousing(ctx, org, '举报住建局工作人员索要好处费');
    const s = session({
      kind: 'appointment',
      published: false,
      matterId: report.id,
      place: '区信访局约谈室',
    });
    const { id } = await scheduleSession(ctx, staff(org.users.registrar), s);
    const date = String(s.startsAt).slice(0, 10);
    expect((await listSessions(ctx, org.users.head, { from: date, to: date })).items).toEqual([]);
    await rejects(getSession(ctx, org.users.head, id), 'not_found');
    // The discipline body leading the report sees it, as the bureau does.
    expect((await getSession(ctx, org.users.discipline, id)).id).toBe(id);
    expect((await getSession(ctx, org.users.supervisor, id)).matter?.id).toBe(report.id);
  });

  it('counts sessions held and people received per leader per month, in the user’s region', async () => {
    const { ctx, clock } = env();
    const saved = clock.now;
    const held = async (leader: StaffUser, startsAt: string, people: number) => {
      clock.set('2026-03-02T01:00:00Z');
      const endsAt = new Date(new Date(startsAt).getTime() + 7_200_000).toISOString();
      const { id } = await scheduleSession(
        ctx,
        staff(org.users.supervisor),
        session({ leaderId: leader.id, startsAt, endsAt }),
      );
      clock.set(endsAt);
      await recordSession(ctx, staff(org.users.supervisor), id, {
        peopleReceived: people,
        outcome: '已接待',
      });
    };
    try {
      await held(org.users.countyHead, '2026-05-06T09:00:00+08:00', 4);
      await held(org.users.countyHead, '2026-05-20T09:00:00+08:00', 6);
      // 1 June 00:30 in Beijing is still 31 May in UTC: it counts in June.
      await held(org.users.countyHead, '2026-06-01T00:30:00+08:00', 2);
      const counts = await receptionCountsByLeaderMonth(ctx.db, { regionCode: '440305', year: 2026 });
      const county = counts.filter((c) => c.leaderId === org.users.countyHead.id);
      expect(county.map((c) => [c.month, c.sessions, c.people])).toEqual([
        [5, 2, 10],
        [6, 1, 2],
      ]);
      expect(await receptionCountsByLeaderMonth(ctx.db, { regionCode: '440305', year: 2025 })).toEqual([]);
      const fig = await receptionFigures(ctx, org.users.analyst, 2026);
      const row = fig.leaders.find((l) => l.leaderId === org.users.countyHead.id)!;
      expect(row.months).toHaveLength(12);
      expect(row.months[4]).toEqual({ sessions: 2, people: 10 });
      expect(row).toMatchObject({ sessions: 3, people: 12 });
      // Another region's bureau sees none of the district's figures.
      const other = { ...org.users.registrar, unit: { ...org.users.registrar.unit, regionCode: '440306' } };
      expect((await receptionFigures(ctx, other, 2026)).leaders).toEqual([]);
    } finally {
      clock.now = saved;
    }
  });

  it('answers bad HTTP input with field errors in both languages, and keeps the audit chain whole', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'supervisor', password: TEST_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const res = await app.inject({
      method: 'POST',
      url: '/api/reception/sessions',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { ...session(), capacity: 0 },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<ErrorBody>();
    expect(error.fields[0]).toMatchObject({ path: 'capacity' });
    expect(error.fields[0]?.message_zh).toContain('接待人数');
    // A good schedule over HTTP: the route validates the body and the service reads it again.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/reception/sessions',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: session(),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'scheduled', version: 1 });
    const fig = await app.inject({
      method: 'GET',
      url: '/api/reception/figures?year=26',
      headers: { cookie },
    });
    expect(fig.statusCode).toBe(400);
    expect((await verifyAuditLog(env().ctx.db, { now: env().clock.read() })).problems).toEqual([]);
  });

  async function registerTestMatterAs(user: StaffUser, over: Record<string, unknown>) {
    const input = RegisterMatterInput.parse({
      purpose: 'request',
      categoryCode: 'urban_construction',
      subject: '接访中反映小区电梯长期停运',
      content: '信访人在领导接访日反映小区电梯已停运三个月，请求督促维修。',
      regionCode: '440305001001',
      petitioners: [{ name: '李四', phone: '13900001111' }],
      ...over,
    });
    const r = await registerMatter(
      env().ctx,
      {
        kind: 'staff',
        userId: user.id,
        unitId: user.unit.id,
        registeringUnitId: user.unit.id,
        registeringUnitLevel: user.unit.level,
      },
      input,
      null,
      user,
    );
    return r.matter;
  }
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import type { ErrorBody } from '../../src/http/error-handler.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import { listRequests } from '../../src/reception/reception.queries.ts';
import {
  commentOnRequest,
  confirmRequest,
  declineRequest,
  proposeSlot,
} from '../../src/reception/request.commands.ts';
import { cancelSession, scheduleSession } from '../../src/reception/session.commands.ts';
import type { WireOf } from '../../src/shared/api.schema.ts';
import type { PublicAppointmentSchema, PublicScheduleSchema } from '../../src/shared/reception.schema.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

type Schedule = WireOf<typeof PublicScheduleSchema>;
type Appointment = WireOf<typeof PublicAppointmentSchema>;

/**
 * The portal's side of reception days: the published schedule (no internal data), its iCalendar
 * feed, and appointment requests — rate-limited, idempotent, answered by the bureau and followed by
 * the petitioner with the request's number and query code.
 */
describeEachDb('reception schedule and appointment requests on the portal', (env) => {
  let org: Org;
  let app: FastifyInstance;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  let day = 0;
  const schedule = async (over: Record<string, unknown> = {}) => {
    day += 1;
    const d = new Date(Date.UTC(2026, 2, 5 + day)).toISOString().slice(0, 10);
    return scheduleSession(env().ctx, staff(org.users.supervisor), {
      kind: 'reception',
      leaderId: org.users.leader.id,
      startsAt: `${d}T09:00:00+08:00`,
      endsAt: `${d}T12:00:00+08:00`,
      place: `南山区信访局接待大厅（第${day}场）`,
      topics: '住房建设、劳动保障',
      capacity: 5,
      published: true,
      ...over,
    });
  };
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers });
  const request = (
    sessionId: number,
    over: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) =>
    post(
      '/api/public/appointments',
      {
        sessionId,
        name: '王秀英',
        phone: '13812345678',
        reason: '小区拆迁补偿标准不明，希望当面反映。',
        ...over,
      },
      headers,
    );
  const requested = async (sessionId: number, over: Record<string, unknown> = {}) => {
    const res = await request(sessionId, over);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ number: string; queryCode: string; state: string }>();
  };
  const lookup = async (r: { number: string; queryCode: string }) => {
    const res = await post('/api/public/appointments/lookup', { number: r.number, queryCode: r.queryCode });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Appointment>();
  };
  const caseIdOf = async (number: string) =>
    (
      await env()
        .ctx.db.selectFrom('appointment_requests')
        .select('case_id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).case_id;
  const publicSchedule = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/reception-schedule' });
    expect(res.statusCode).toBe(200);
    return res.json<Schedule>().items;
  };

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    const config = { ...ctx.config, publicRateLimitPerMinute: 10_000, publicCaseRateLimitPerMinute: 10_000 };
    app = await buildApp({ ...ctx, config }, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('publishes exactly who, when, where, which topics and places left — never internal data or a 约访', async () => {
    const { ctx } = env();
    const published = await schedule();
    const hidden = await schedule({ published: false, place: '内部安排' });
    const matter = await registerTestMatter(ctx, org, { subject: '约访事项：征地补偿' });
    const appointment = await schedule({
      kind: 'appointment',
      published: false,
      matterId: matter.id,
      place: '约访室',
    });
    const cancelled = await schedule({ place: '已取消的场次' });
    await cancelSession(ctx, staff(org.users.supervisor), cancelled.id, { reason: '领导临时公务' });
    const items = await publicSchedule();
    expect(items.map((i) => i.id)).toContain(published.id);
    for (const id of [hidden.id, appointment.id, cancelled.id])
      expect(items.map((i) => i.id)).not.toContain(id);
    const item = items.find((i) => i.id === published.id)!;
    expect(Object.keys(item).sort()).toEqual(
      [
        'capacityLeft',
        'endsAt',
        'id',
        'kind',
        'leaderName',
        'leaderTitle',
        'place',
        'startsAt',
        'topics',
      ].sort(),
    );
    expect(item).toMatchObject({
      kind: 'reception',
      leaderName: 'leader',
      leaderTitle: '南山区信访局',
      topics: '住房建设、劳动保障',
      capacityLeft: 5,
    });
    const text = JSON.stringify(items);
    for (const secret of [
      '约访',
      '征地补偿',
      matter.caseNumber,
      '内部安排',
      String(org.users.leader.id) + ',',
    ])
      expect(text).not.toContain(secret);
  });

  it('serves the same schedule as an iCalendar feed', async () => {
    const s = await schedule({ place: '桃源街道综治中心' });
    const res = await app.inject({ method: 'GET', url: '/api/public/reception-schedule.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('BEGIN:VCALENDAR');
    expect(res.body).toContain(`UID:reception-${s.id}@minsheng`);
    expect(res.body).toContain('LOCATION:桃源街道综治中心');
    expect(res.body).not.toContain('约访室');
    const count = (res.body.match(/BEGIN:VEVENT/g) ?? []).length;
    expect(count).toBe((await publicSchedule()).length);
  });

  it('refuses appointments outside published sessions with a field error on sessionId, and stores nothing', async () => {
    const { ctx, clock } = env();
    const hidden = await schedule({ published: false });
    const matter = await registerTestMatter(ctx, org);
    const appointment = await schedule({ kind: 'appointment', published: false, matterId: matter.id });
    const cancelled = await schedule();
    await cancelSession(ctx, staff(org.users.supervisor), cancelled.id, { reason: '改期' });
    const past = await schedule({
      startsAt: '2026-03-02T10:00:00+08:00',
      endsAt: '2026-03-02T11:00:00+08:00',
    });
    const before = await dbFingerprint(ctx.db);
    for (const id of [hidden.id, appointment.id, cancelled.id, 999_999, matter.id]) {
      const res = await request(id);
      expect(res.statusCode, String(id)).toBe(400);
      const { error } = res.json<ErrorBody>();
      expect(error.fields.map((f) => f.path)).toEqual(['sessionId']);
      expect(error.fields[0]!.message_zh).toContain('已公布');
      expect(error.fields[0]!.message_en).toContain('published');
    }
    const saved = clock.now;
    clock.set('2026-03-02T02:30:00Z');
    try {
      expect((await request(past.id)).statusCode).toBe(400);
    } finally {
      clock.now = saved;
    }
    for (const body of [
      { name: '' },
      { phone: '1' },
      { reason: ' ' },
      { extra: true },
      { caseNumber: matter.caseNumber },
    ]) {
      const res = await request((await publicSchedule())[0]!.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(changedTables(before, await dbFingerprint(ctx.db))).toEqual([]);
  });

  it('checks the matter’s case number and query code like the portal: a wrong code is 404 and stores nothing', async () => {
    const { ctx } = env();
    const s = await schedule();
    const matter = await registerTestMatter(ctx, org);
    const before = await dbFingerprint(ctx.db);
    const wrong = await request(s.id, { caseNumber: matter.caseNumber, queryCode: 'AAAAAAAAAAAA' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json<ErrorBody>().error.fields.map((f) => f.path)).toEqual(['queryCode']);
    expect(changedTables(before, await dbFingerprint(ctx.db))).toEqual([]);
    const ok = await requested(s.id, {
      caseNumber: matter.caseNumber,
      queryCode: matter.queryCode.toLowerCase(),
    });
    const row = await ctx.db
      .selectFrom('appointment_requests as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .select(['a.matter_id', 'a.query_code_hash', 'c.matter_id as case_matter', 'c.opened_by', 'c.unit_id'])
      .where('a.number', '=', ok.number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      matter_id: matter.id,
      case_matter: matter.id,
      opened_by: null,
      unit_id: org.units.bureau,
    });
    // Only a digest of the request's own query code is kept.
    expect(row.query_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(ok.queryCode);
  });

  it('is idempotent: a repeat with the same Idempotency-Key returns the same request and stores one', async () => {
    const { ctx } = env();
    const s = await schedule();
    const key = { 'idempotency-key': `appointment-${s.id}` };
    const first = await request(s.id, {}, key);
    const again = await request(s.id, {}, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const rows = await ctx.db
      .selectFrom('appointment_requests')
      .select('case_id')
      .where('session_id', '=', s.id)
      .execute();
    expect(rows).toHaveLength(1);
    const other = await request(s.id, { reason: '另一个问题' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorBody>().error.code).toBe('idempotency_mismatch');
    const bad = await request(s.id, {}, { 'idempotency-key': 'ä' });
    expect(bad.statusCode).toBe(400);
  });

  it('is rate-limited per address like the portal’s other commands', async () => {
    const { ctx } = env();
    const s = await schedule();
    const limited = await buildApp(
      {
        ...ctx,
        config: { ...ctx.config, publicRateLimitPerMinute: 2, publicCaseRateLimitPerMinute: 10_000 },
      },
      { rateLimit: true },
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/public/appointments',
          payload: { sessionId: s.id, name: '张某', phone: '13800001234', reason: `第${i}次申请` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([201, 201, 429]);
      // Look-ups by one request number are limited from whatever address.
      const perNumber = await buildApp(
        {
          ...ctx,
          config: { ...ctx.config, publicRateLimitPerMinute: 10_000, publicCaseRateLimitPerMinute: 2 },
        },
        { rateLimit: true },
      );
      try {
        const codes: number[] = [];
        for (let i = 0; i < 3; i++)
          codes.push(
            (
              await perNumber.inject({
                method: 'POST',
                url: '/api/public/appointments/lookup',
                payload: { number: 'YY-20260302-000001', queryCode: 'WRONGCODE' },
                remoteAddress: `10.0.0.${i + 1}`,
              })
            ).statusCode,
          );
        expect(codes).toEqual([404, 404, 429]);
      } finally {
        await perNumber.close();
      }
    } finally {
      await limited.close();
    }
  });

  it('tells the bureau; the bureau confirms; the petitioner sees the slot; places left go down; phone masked', async () => {
    const { ctx } = env();
    const s = await schedule();
    const r = await requested(s.id);
    expect(r).toMatchObject({ state: 'requested', number: expect.stringMatching(/^YY-\d{8}-\d{6}$/) });
    expect(r.queryCode).toMatch(/^[2-9A-Z]{12}$/);
    const id = await caseIdOf(r.number);
    for (const user of [org.users.registrar, org.users.supervisor]) {
      const inbox = await listInbox(ctx, user, { page: 1, pageSize: 100 });
      expect(inbox.items.filter((n) => n.caseId === id).map((n) => n.kind)).toEqual([
        'appointment_requested',
      ]);
    }
    expect(
      (await listInbox(ctx, org.users.officer, { page: 1, pageSize: 100 })).items.some(
        (n) => n.caseId === id,
      ),
    ).toBe(false);
    expect(await lookup(r)).toMatchObject({
      state: 'requested',
      confirmed: null,
      proposed: null,
      canCancel: true,
    });
    const wrong = await post('/api/public/appointments/lookup', {
      number: r.number,
      queryCode: 'AAAAAAAAAAAA',
    });
    expect(wrong.statusCode).toBe(404);

    const list = await listRequests(ctx, org.users.registrar, { state: 'requested' });
    const mine = list.items.find((i) => i.id === id)!;
    expect(mine).toMatchObject({
      name: '王秀英',
      phone: '138****5678',
      allowedActions: ['confirm', 'propose', 'decline', 'comment'],
    });
    expect(JSON.stringify(list)).not.toContain('13812345678');
    // A functional department answers no requests.
    expect((await listRequests(ctx, org.users.officer, {})).items).toEqual([]);

    await rejects(confirmRequest(ctx, staff(org.users.officer), id, {}), 'not_found');
    await confirmRequest(ctx, staff(org.users.registrar), id, { message: '请携带身份证件提前10分钟到达。' });
    const seen = await lookup(r);
    expect(seen).toMatchObject({
      state: 'confirmed',
      message: '请携带身份证件提前10分钟到达。',
      confirmed: {
        leaderName: 'leader',
        leaderTitle: '南山区信访局',
        place: expect.stringContaining('接待大厅'),
      },
      canAccept: false,
      canCancel: true,
    });
    expect((await publicSchedule()).find((i) => i.id === s.id)?.capacityLeft).toBe(4);
    // A session with a confirmed appointment is not cancelled until it is offered another slot.
    await rejects(cancelSession(ctx, staff(org.users.supervisor), s.id, { reason: '改期' }), 'conflict');
    await commentOnRequest(ctx, staff(org.users.supervisor), id, { comment: '已电话提醒。' });
    const events = await ctx.db
      .selectFrom('events')
      .select(['kind', 'actor_kind'])
      .where('stream', '=', `case:${id}`)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { kind: 'appointment_requested', actor_kind: 'petitioner' },
      { kind: 'appointment_confirmed', actor_kind: 'staff' },
      { kind: 'appointment_comment', actor_kind: 'staff' },
    ]);
  });

  it('proposes another published session; the petitioner accepts it, or declines it, or cancels', async () => {
    const { ctx } = env();
    const s = await schedule();
    const other = await schedule({ leaderId: org.users.countyHead.id });
    const hidden = await schedule({ published: false });
    const accepts = await requested(s.id);
    const declines = await requested(s.id);
    const cancels = await requested(s.id);
    const [a, d, c] = await Promise.all([accepts, declines, cancels].map((r) => caseIdOf(r.number)));
    const reason = '您反映的拆迁问题由区政府领导分管，建议改约该场次。';
    for (const id of [a!, d!]) {
      await rejects(
        proposeSlot(ctx, staff(org.users.supervisor), id, { sessionId: hidden.id, message: reason }),
        'validation_failed',
      );
      await rejects(
        proposeSlot(ctx, staff(org.users.supervisor), id, { sessionId: s.id, message: reason }),
        'validation_failed',
      );
      await proposeSlot(ctx, staff(org.users.supervisor), id, { sessionId: other.id, message: reason });
    }
    const seen = await lookup(accepts);
    expect(seen).toMatchObject({ state: 'proposed', message: reason, canAccept: true, canDecline: true });
    expect(seen.proposed?.leaderName).toBe('countyhead');
    const auth = (r: { number: string; queryCode: string }) => ({ number: r.number, queryCode: r.queryCode });

    const acc = await post('/api/public/appointments/accept', auth(accepts));
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json<Appointment>()).toMatchObject({
      state: 'confirmed',
      confirmed: { leaderName: 'countyhead' },
    });
    const dec = await post('/api/public/appointments/decline', { ...auth(declines), note: '时间不方便' });
    expect(dec.json<Appointment>().state).toBe('declined');
    // Declining is for a proposal; a request still with the bureau is cancelled instead.
    const early = await post('/api/public/appointments/decline', auth(cancels));
    expect(early.statusCode).toBe(409);
    const can = await post('/api/public/appointments/cancel', auth(cancels));
    expect(can.json<Appointment>()).toMatchObject({ state: 'cancelled', canCancel: false });
    const twice = await post('/api/public/appointments/cancel', auth(cancels));
    expect(twice.statusCode).toBe(409);
    const badCode = await post('/api/public/appointments/cancel', {
      number: accepts.number,
      queryCode: 'AAAAAAAAAAAA',
    });
    expect(badCode.statusCode).toBe(404);
    expect((await lookup(accepts)).state).toBe('confirmed');

    const notices = (await listInbox(ctx, org.users.registrar, { page: 1, pageSize: 200 })).items;
    expect(notices.filter((n) => n.caseId === a && n.kind === 'appointment_answered')).toHaveLength(1);
    expect(notices.filter((n) => n.caseId === c && n.kind === 'appointment_answered')).toHaveLength(1);
    expect(
      (await ctx.db.selectFrom('cases').select('closed_at').where('id', '=', c!).executeTakeFirstOrThrow())
        .closed_at,
    ).not.toBeNull();
  });

  it('books no more than the capacity, and the bureau declines with a reason the petitioner reads', async () => {
    const { ctx } = env();
    const s = await schedule({ capacity: 1 });
    const first = await requested(s.id);
    const second = await requested(s.id);
    await confirmRequest(ctx, staff(org.users.registrar), await caseIdOf(first.number), {});
    expect((await publicSchedule()).find((i) => i.id === s.id)?.capacityLeft).toBe(0);
    const full = await request(s.id);
    expect(full.statusCode).toBe(400);
    expect(full.json<ErrorBody>().error.fields[0]?.message_zh).toContain('已满');
    const secondId = await caseIdOf(second.number);
    await rejects(confirmRequest(ctx, staff(org.users.registrar), secondId, {}), 'validation_failed');
    await rejects(declineRequest(ctx, staff(org.users.registrar), secondId, {}), 'validation_failed');
    await declineRequest(ctx, staff(org.users.registrar), secondId, {
      message: '本场已约满，请关注下月接访安排。',
    });
    expect(await lookup(second)).toMatchObject({
      state: 'declined',
      message: '本场已约满，请关注下月接访安排。',
      canCancel: false,
    });
    // The petitioner cancelling a confirmed slot frees the place.
    await post('/api/public/appointments/cancel', { number: first.number, queryCode: first.queryCode });
    expect((await publicSchedule()).find((i) => i.id === s.id)?.capacityLeft).toBe(1);
  });
});

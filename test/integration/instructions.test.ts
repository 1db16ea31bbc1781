import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import { loadStaffUser } from '../../src/auth/sessions.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { writeNotifications } from '../../src/inbox/notify.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import {
  answerInstruction,
  closeInstruction,
  commentOnInstruction,
  issueInstruction,
  withdrawInstruction,
} from '../../src/leadership/instruction.commands.ts';
import { getInstruction, listInstructions } from '../../src/leadership/instruction.queries.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import {
  registerTestMatter,
  reportAgainstHousing,
  seedOrg,
  TEST_PASSWORD,
  type Org,
} from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { hashPassword } from '../../src/auth/passwords.ts';

describeEachDb('leaders’ instructions (阅批) on the workflow kernel, and the inbox', (env) => {
  let org: Org;
  let outsideLeader: StaffUser;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    // A leader of another street: the matters of 南头街道 are outside their scope.
    await ctx.db
      .insertInto('regions')
      .values({ code: '440305002', name: '南山街道', level: 'township', parent_code: '440305' })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    const unit = await ctx.db
      .insertInto('units')
      .values({
        name: '南山街道办事处',
        kind: 'township_government',
        level: 'township',
        region_code: '440305002',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const u = await ctx.db
      .insertInto('users')
      .values({
        username: 'otherleader',
        display_name: '外街道领导',
        password_hash: await hashPassword(TEST_PASSWORD),
        unit_id: unit.id,
        roles: ['leader'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    outsideLeader = (await loadStaffUser(ctx, u.id))!;
  });

  /** A matter accepted for the housing bureau and signed for: it is being handled. */
  async function matterInHandling() {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, staff(org.users.officer), m.id);
    return m;
  }

  const inboxOf = async (user: StaffUser) =>
    (await listInbox(env().ctx, user, { page: 1, pageSize: 100 })).items;
  const counts = async () => {
    const db = env().ctx.db;
    const n = async (
      t: 'cases' | 'instructions' | 'instruction_addressees' | 'case_deadlines' | 'notifications',
    ) => (await db.selectFrom(t).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    return {
      cases: Number(await n('cases')),
      instructions: Number(await n('instructions')),
      addressees: Number(await n('instruction_addressees')),
      deadlines: Number(await n('case_deadlines')),
      notifications: Number(await n('notifications')),
    };
  };

  it('a leader instructs the handling unit, which is told in its inbox and answers; the leader is told', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await matterInHandling();
    const issued = await issueInstruction(ctx, staff(org.users.leader), m.id, {
      body: '请住建局一周内组织物业和业主代表协商，拿出电梯维修方案并答复信访人。',
      unitIds: [org.units.housing],
      answerBy: '2026-03-09',
    });
    expect(issued.state).toBe('open');

    const officerInbox = await inboxOf(org.users.officer);
    expect(officerInbox.map((n) => [n.kind, n.caseId, n.matterId])).toEqual([
      ['instruction_received', issued.id, m.id],
    ]);
    expect(await inboxOf(org.users.head)).toHaveLength(1);
    expect(await inboxOf(org.users.labourHead)).toEqual([]);

    const before = await getInstruction(ctx, org.users.officer, issued.id);
    expect(before.allowedActions).toEqual(['answer', 'comment']);
    expect((await getInstruction(ctx, org.users.leader, issued.id)).allowedActions).toEqual([
      'withdraw',
      'comment',
    ]);

    const r = await answerInstruction(ctx, staff(org.users.officer), issued.id, {
      answer: '已于3月5日召集物业公司和业主代表协商，确定3月底前完成电梯维修。',
    });
    expect(r.state).toBe('answered');
    const leaderInbox = await inboxOf(org.users.leader);
    expect(leaderInbox.map((n) => n.kind)).toEqual(['instruction_answered']);
    expect(leaderInbox[0]!.payload).toMatchObject({ remaining: 0 });

    const after = await getInstruction(ctx, org.users.leader, issued.id);
    expect(after.addressees[0]).toMatchObject({ unitId: org.units.housing, answeredByName: 'officer' });
    expect(after.allowedActions).toEqual(['close', 'comment']);
    // The answer date is met: nothing is left for the scanner.
    const dl = await ctx.db
      .selectFrom('case_deadlines')
      .selectAll()
      .where('case_id', '=', issued.id)
      .execute();
    expect(dl.map((d) => d.status)).toEqual(['met']);

    await closeInstruction(ctx, staff(org.users.leader), issued.id, {});
    const closed = await ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', issued.id)
      .executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ state: 'closed', version: 3 });
    expect(closed.closed_at).not.toBeNull();

    // The instruction's own stream holds what happened, hash-chained like a matter's.
    const events = await ctx.db
      .selectFrom('events')
      .select(['kind', 'seq', 'matter_id'])
      .where('stream', '=', `case:${issued.id}`)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      'instruction_issued',
      'instruction_answered',
      'instruction_closed',
    ]);
    expect(events.every((e) => e.matter_id === null)).toBe(true);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('waits for every addressed unit: the last answer completes it', async () => {
    const { ctx } = env();
    const m = await matterInHandling();
    const i = await issueInstruction(ctx, staff(org.users.countyHead), m.id, {
      body: '请住建局牵头、南头街道配合，妥善处理。',
      unitIds: [org.units.housing, org.units.street],
    });
    const first = await answerInstruction(ctx, staff(org.users.head), i.id, { answer: '住建局已牵头处理。' });
    expect(first.state).toBe('open');
    expect((await getInstruction(ctx, org.users.streetHead, i.id)).allowedActions).toContain('answer');
    const second = await answerInstruction(ctx, staff(org.users.streetHead), i.id, {
      answer: '街道已配合入户走访。',
    });
    expect(second.state).toBe('answered');
  });

  it('refuses bad input with field messages and stores nothing', async () => {
    const { ctx } = env();
    const m = await matterInHandling();
    const before = await counts();
    const leader = staff(org.users.leader);
    const ok = { body: '请抓紧办理。', unitIds: [org.units.housing] };

    expect(
      (
        await rejects(
          issueInstruction(ctx, leader, m.id, { ...ok, answerBy: '2020-01-01' }),
          'validation_failed',
        )
      ).fields[0]?.path,
    ).toBe('answerBy');
    const notSeeing = await rejects(
      issueInstruction(ctx, leader, m.id, { ...ok, unitIds: [org.units.labour] }),
      'validation_failed',
    );
    expect(notSeeing.fields[0]).toMatchObject({ path: 'unitIds.0' });
    expect(notSeeing.fields[0]!.message_zh).toContain('无权查看');
    await rejects(issueInstruction(ctx, leader, m.id, { ...ok, unitIds: [999_999] }), 'validation_failed');
    await rejects(
      issueInstruction(ctx, leader, m.id, { ...ok, unitIds: [org.units.housing, org.units.housing] }),
      'validation_failed',
    );
    await rejects(issueInstruction(ctx, leader, m.id, { ...ok, body: '' }), 'validation_failed');
    await rejects(issueInstruction(ctx, leader, m.id, { ...ok, extra: 1 }), 'validation_failed');
    // Out of the leader's scope: the matter does not exist for them. Not a leader: forbidden.
    await rejects(issueInstruction(ctx, staff(outsideLeader), m.id, ok), 'not_found');
    await rejects(issueInstruction(ctx, staff(org.users.registrar), m.id, ok), 'forbidden');
    await rejects(issueInstruction(ctx, leader, 999_999, ok), 'not_found');
    expect(await counts()).toEqual(before);

    const i = await issueInstruction(ctx, leader, m.id, ok);
    const mid = await counts();
    // Answers by the wrong unit (one that cannot see the matter, one not addressed), twice, empty.
    await rejects(answerInstruction(ctx, staff(org.users.labourHead), i.id, { answer: '好的' }), 'not_found');
    await rejects(answerInstruction(ctx, staff(org.users.streetHead), i.id, { answer: '好的' }), 'forbidden');
    await rejects(
      answerInstruction(ctx, staff(org.users.officer), i.id, { answer: ' ' }),
      'validation_failed',
    );
    await answerInstruction(ctx, staff(org.users.officer), i.id, { answer: '已办理。' });
    const twice = await answerInstruction(ctx, staff(org.users.head), i.id, { answer: '再答一次' }).catch(
      (e: unknown) => e,
    );
    expect(twice).toBeInstanceOf(AppError);
    // The instruction is answered now: a second answer is not lawful in that state at all.
    expect((twice as AppError).code).toBe('illegal_transition');
    await rejects(withdrawInstruction(ctx, leader, i.id, {}), 'illegal_transition');
    await rejects(closeInstruction(ctx, staff(org.users.officer), i.id, {}), 'forbidden');
    const answered = await ctx.db
      .selectFrom('instruction_addressees')
      .selectAll()
      .where('case_id', '=', i.id)
      .execute();
    expect(answered.map((a) => a.answer)).toEqual(['已办理。']);
    expect((await counts()).cases).toBe(mid.cases);
  });

  it('refuses a second answer from a unit while others still owe theirs', async () => {
    const { ctx } = env();
    const m = await matterInHandling();
    const i = await issueInstruction(ctx, staff(org.users.leader), m.id, {
      body: '两个单位分别答复。',
      unitIds: [org.units.housing, org.units.street],
    });
    await answerInstruction(ctx, staff(org.users.officer), i.id, { answer: '住建局答复。' });
    const e = await rejects(
      answerInstruction(ctx, staff(org.users.head), i.id, { answer: '又一次' }),
      'conflict',
    );
    expect(e.messageZh).toContain('已答复');
    expect((await getInstruction(ctx, org.users.head, i.id)).allowedActions).toEqual(['comment']);
  });

  it('withdraws an open instruction and ends its time limits; comments in any state', async () => {
    const { ctx, clock } = env();
    clock.set('2026-04-01T01:00:00Z');
    const m = await matterInHandling();
    const i = await issueInstruction(ctx, staff(org.users.leader), m.id, {
      body: '请核实。',
      unitIds: [org.units.housing],
      answerBy: '2026-04-10',
    });
    await commentOnInstruction(ctx, staff(org.users.officer), i.id, { comment: '正在核实，需要住建档案。' });
    const w = await withdrawInstruction(ctx, staff(org.users.leader), i.id, { note: '已另行处理' });
    expect(w.state).toBe('withdrawn');
    const dl = await ctx.db
      .selectFrom('case_deadlines')
      .select('status')
      .where('case_id', '=', i.id)
      .execute();
    expect(dl.map((d) => d.status)).toEqual(['cancelled']);
    await commentOnInstruction(ctx, staff(org.users.leader), i.id, { comment: '存档。' });
    await rejects(
      answerInstruction(ctx, staff(org.users.officer), i.id, { answer: '晚了' }),
      'illegal_transition',
    );
  });

  it('warns and marks overdue on the working-day calendar exactly once, with two scanners at once', async () => {
    const { ctx, clock } = env();
    // Friday 2026-04-24; answer by Thursday 2026-04-30, the eve of the Labour Day holiday. The
    // warning is one working day ahead: Wednesday 04-29 (its end), so Thursday morning is warned.
    clock.set('2026-04-24T01:00:00Z');
    const m = await matterInHandling();
    const i = await issueInstruction(ctx, staff(org.users.leader), m.id, {
      body: '节前答复。',
      unitIds: [org.units.housing],
      answerBy: '2026-04-30',
    });
    const [dl] = await ctx.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', i.id).execute();
    expect(dl!.due_date).toBe('2026-04-30');
    const scanBoth = () => Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    const marks = async () =>
      (await ctx.db.selectFrom('events').select('kind').where('stream', '=', `case:${i.id}`).execute())
        .map((e) => e.kind)
        .filter((k) => k.startsWith('instruction_deadline'));

    clock.set('2026-04-28T02:00:00Z'); // Tuesday: before the warning point
    await scanBoth();
    expect(await marks()).toEqual([]);
    clock.set('2026-04-30T01:00:00Z');
    await scanBoth();
    await scanBoth();
    expect(await marks()).toEqual(['instruction_deadline_warning']);
    clock.set('2026-05-01T01:00:00Z'); // past the end of 04-30 in Beijing
    await scanBoth();
    await scanBoth();
    expect(await marks()).toEqual(['instruction_deadline_warning', 'instruction_deadline_overdue']);

    const officer = (await inboxOf(org.users.officer)).filter((n) => n.caseId === i.id).map((n) => n.kind);
    expect(officer.sort()).toEqual(['instruction_overdue', 'instruction_received', 'instruction_warning']);
    const leader = (await inboxOf(org.users.leader)).filter((n) => n.caseId === i.id).map((n) => n.kind);
    expect(leader.sort()).toEqual(['instruction_overdue', 'instruction_warning']);
    const view = await getInstruction(ctx, org.users.leader, i.id);
    expect(view.overdue).toBe(true);
    const mine = await listInstructions(ctx, org.users.leader, { view: 'mine' });
    expect(mine.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(mine.items.find((x) => x.id === i.id)?.overdue).toBe(true);
    const toUnit = await listInstructions(ctx, org.users.officer, { view: 'toMyUnit', state: 'open' });
    expect(toUnit.items.map((x) => x.id)).toContain(i.id);
    // The leader's overdue view: only the overdue ones, this one among them.
    const overdue = await listInstructions(ctx, org.users.leader, { view: 'mine', overdue: 'true' });
    expect(overdue.items.map((x) => x.id)).toContain(i.id);
    expect(overdue.items.every((x) => x.overdue)).toBe(true);
    expect(overdue.items.length).toBeLessThan(mine.items.length);
  });

  it("tells a matter's warning and overdue mark to the unit that must act and the scope's supervisors, once", async () => {
    const { ctx, clock } = env();
    clock.set('2026-06-01T01:00:00Z');
    const m = await matterInHandling();
    const limit = await ctx.db
      .selectFrom('deadlines')
      .selectAll()
      .where('matter_id', '=', m.id)
      .where('main', '=', true)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    clock.now = new Date(limit.warn_at.getTime() + 60_000);
    await Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    clock.now = new Date(limit.due_at.getTime() + 60_000);
    await Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    for (const user of [org.users.officer, org.users.head, org.users.supervisor]) {
      const kinds = (await inboxOf(user)).filter((n) => n.matterId === m.id && n.kind.startsWith('deadline'));
      expect(kinds.map((n) => n.kind).sort(), user.username).toEqual([
        'deadline_overdue',
        'deadline_warning',
      ]);
    }
    expect((await inboxOf(org.users.labourHead)).filter((n) => n.matterId === m.id)).toEqual([]);
  });

  it('never tells the unit a misconduct report is about, and never lets it be addressed', async () => {
    const { ctx } = env();
    const m = await reportAgainstHousing(ctx, org, '举报住建局工作人员收受好处费');
    const e = await rejects(
      issueInstruction(ctx, staff(org.users.leader), m.id, {
        body: '请核查。',
        unitIds: [org.units.housing],
      }),
      'validation_failed',
    );
    expect(e.fields[0]?.path).toBe('unitIds.0');
    const i = await issueInstruction(ctx, staff(org.users.leader), m.id, {
      body: '请纪委监委依规核查。',
      unitIds: [org.units.discipline],
    });
    expect((await inboxOf(org.users.discipline)).some((n) => n.caseId === i.id)).toBe(true);
    await rejects(getInstruction(ctx, org.users.head, i.id), 'not_found');
    // Even a notice drafted to the reported unit's staff is dropped by the one access rule.
    await ctx.db.transaction().execute((trx) =>
      writeNotifications(trx, { stream: `case:${i.id}`, seq: 1, at: ctx.clock() }, [
        {
          kind: 'instruction_received',
          userIds: [org.users.officer.id, org.users.head.id, org.users.discipline.id],
          matterId: m.id,
          caseId: i.id,
          payload: {},
        },
      ]),
    );
    for (const u of [org.users.officer, org.users.head])
      expect((await inboxOf(u)).filter((n) => n.matterId === m.id)).toEqual([]);
  });
});

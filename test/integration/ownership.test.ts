import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { loadStaffUser } from '../../src/auth/sessions.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import {
  addMember,
  addStep,
  bindCard,
  commentOnOwnership,
  openOwnership,
  releaseOwnership,
  replyToOwnership,
  reportProgress,
} from '../../src/leadership/ownership.commands.ts';
import {
  getOwnership,
  listOwnerships,
  ownershipCandidates,
  ownershipsOfMatter,
} from '../../src/leadership/ownership.queries.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { issueCard, withdrawCard } from '../../src/supervision/card.commands.ts';
import { registerTestMatter, reportAgainstHousing, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('case ownership (领导包案) on the workflow kernel', (env) => {
  let org: Org;
  /** An officer of a housing bureau in another district (福田区, 440304): outside the leader's region. */
  let otherDistrict: StaffUser;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    const unit = await ctx.db
      .insertInto('units')
      .values({
        name: '福田区住房和建设局',
        kind: 'functional_department',
        level: 'county',
        region_code: '440304',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const u = await ctx.db
      .insertInto('users')
      .values({
        username: 'futian',
        display_name: 'futian',
        password_hash: 'x',
        unit_id: unit.id,
        roles: ['officer'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    otherDistrict = (await loadStaffUser(ctx, u.id))!;
  });

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
  const inboxKinds = async (user: StaffUser, caseId: number) =>
    (await listInbox(env().ctx, user, { page: 1, pageSize: 100 })).items
      .filter((n) => n.caseId === caseId)
      .map((n) => n.kind)
      .sort();
  const countRows = async (table: 'cases' | 'ownership_steps' | 'ownership_members') =>
    Number(
      (
        await env()
          .ctx.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a leader owns a case: team, plan, bound card, progress rolling up, the written reply, resolved from the matter', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await matterInHandling();
    const card = await issueCard(ctx, staff(org.users.supervisor), m.id, {
      reason: '群体性欠薪问题久拖未决',
      demand: '请于3月20日前报送化解方案',
      answerBy: '2026-03-20',
    });
    const o = await openOwnership(ctx, staff(org.users.leader), m.id, {
      problem: '小区电梯停运两个月，业主多次集体信访',
      goal: '4月底前恢复电梯运行，明确维修资金来源',
      members: [
        { role: 'lead_unit', unitId: org.units.housing },
        { role: 'cooperating_unit', unitId: org.units.street },
        { role: 'liaison', userId: org.users.officer.id },
      ],
      steps: [
        { title: '约谈物业公司，明确维修方案', ownerId: org.users.officer.id, dueDate: '2026-03-10' },
        { title: '街道组织业主协商维修资金', ownerId: org.users.streetHead.id, dueDate: '2026-03-20' },
      ],
      cardId: card.id,
    });
    expect(o.state).toBe('owned');
    // The team and the step owners are told; the leader who took it is not told of their own act.
    expect(await inboxKinds(org.users.officer, o.id)).toEqual([
      'ownership_assigned',
      'ownership_step_assigned',
    ]);
    expect(await inboxKinds(org.users.head, o.id)).toEqual(['ownership_assigned']);
    expect(await inboxKinds(org.users.streetHead, o.id)).toEqual([
      'ownership_assigned',
      'ownership_step_assigned',
    ]);
    expect(await inboxKinds(org.users.leader, o.id)).toEqual([]);

    let v = await getOwnership(ctx, org.users.leader, o.id);
    expect(v).toMatchObject({ progress: 0, outcome: 'in_progress', card: { id: card.id, state: 'issued' } });
    expect(v.members.map((x) => x.role)).toEqual(['lead_unit', 'cooperating_unit', 'liaison']);
    // The card is bound and the plan not done: binding another and the written reply are not offered.
    expect(v.allowedActions).toEqual(['add_step', 'report', 'add_member', 'release', 'comment']);
    const [s1, s2] = v.steps;
    // The officer may report on their own step only, and comment as a member.
    const officerView = await getOwnership(ctx, org.users.officer, o.id);
    expect(officerView.allowedActions).toEqual(['report', 'comment']);
    expect(officerView.steps.map((s) => s.canReport)).toEqual([true, false]);
    await rejects(
      reportProgress(ctx, staff(org.users.officer), o.id, {
        stepId: s2!.id,
        progress: 10,
        status: 'in_progress',
        note: '越权报告',
      }),
      'forbidden',
    );

    await reportProgress(ctx, staff(org.users.officer), o.id, {
      stepId: s1!.id,
      progress: 50,
      status: 'in_progress',
      note: '已约谈物业公司，维修方案待报价',
    });
    expect((await getOwnership(ctx, org.users.leader, o.id)).progress).toBe(25);
    await reportProgress(ctx, staff(org.users.officer), o.id, {
      stepId: s1!.id,
      progress: 80,
      status: 'done',
      note: '维修方案已确定',
    });
    v = await getOwnership(ctx, org.users.leader, o.id);
    // Done counts fully (100), whatever figure came with it: (100 + 0) / 2.
    expect(v.steps[0]).toMatchObject({ status: 'done', progress: 100, lastReport: '维修方案已确定' });
    expect(v.progress).toBe(50);
    // One notice per report: the leader learns of each.
    expect(await inboxKinds(org.users.leader, o.id)).toEqual(['ownership_progress', 'ownership_progress']);
    // A step done is done; the written reply waits for the whole plan.
    await rejects(
      reportProgress(ctx, staff(org.users.officer), o.id, {
        stepId: s1!.id,
        progress: 100,
        status: 'done',
        note: '再报',
      }),
      'conflict',
    );
    const early = await rejects(
      replyToOwnership(ctx, staff(org.users.leader), o.id, { reply: '已化解' }),
      'conflict',
    );
    expect(early.messageZh).toContain('街道组织业主协商维修资金');
    await reportProgress(ctx, staff(org.users.streetHead), o.id, {
      stepId: s2!.id,
      progress: 100,
      status: 'done',
      note: '业主大会表决通过使用维修基金',
    });
    expect((await getOwnership(ctx, org.users.leader, o.id)).progress).toBe(100);
    expect((await getOwnership(ctx, org.users.leader, o.id)).allowedActions).toContain('reply');

    // The matter is replied to: the owning leader is told.
    await cmd.reply(ctx, staff(org.users.head), m.id, {
      outcome: 'supported',
      facts: '电梯已恢复运行',
      legalBasis: '《物业管理条例》',
    });
    expect(await inboxKinds(org.users.leader, o.id)).toEqual([
      'ownership_matter_replied',
      ...Array(3).fill('ownership_progress'),
    ]);
    const replied = await replyToOwnership(ctx, staff(org.users.leader), o.id, {
      reply: '经包案化解，电梯已于3月18日恢复运行，维修资金由专项维修基金列支。',
    });
    expect(replied.state).toBe('replied');
    await commentOnOwnership(ctx, staff(org.users.officer), o.id, { comment: '已向业主代表反馈。' });
    // Replied is not resolved: the matter is not final yet.
    let mine = await listOwnerships(ctx, org.users.leader, { view: 'mine' });
    expect(mine.items.find((x) => x.id === o.id)?.outcome).toBe('in_progress');
    clock.advanceDays(40);
    await cmd.close(ctx, staff(org.users.registrar), m.id, {});
    mine = await listOwnerships(ctx, org.users.leader, { view: 'mine' });
    expect(mine.items.find((x) => x.id === o.id)?.outcome).toBe('resolved');
    // An ended matter is not owned again.
    const ended = await rejects(
      openOwnership(ctx, staff(org.users.leader), m.id, { problem: '再包' }),
      'conflict',
    );
    expect(ended.messageZh).toContain('已终结');
    expect((await ownershipsOfMatter(ctx, org.users.leader, m.id)).canOwn).toBe(false);
    expect(mine.summary.resolved).toBeGreaterThanOrEqual(1);
    expect(mine.summary.resolutionRate).toBe(mine.summary.resolved / mine.summary.owned);
    const team = await listOwnerships(ctx, org.users.streetHead, { view: 'team' });
    expect(team.items.map((x) => x.id)).toContain(o.id);
    const deadlines = await ctx.db
      .selectFrom('case_deadlines')
      .select('status')
      .where('case_id', '=', o.id)
      .orderBy('id')
      .execute();
    expect(deadlines.map((d) => d.status)).toEqual(['met', 'met']);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('the bureau opens it for a named leader; one leader per problem; released, it can be owned anew', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await matterInHandling();
    const unnamed = await rejects(
      openOwnership(ctx, staff(org.users.supervisor), m.id, { problem: '久拖未决' }),
      'validation_failed',
    );
    expect(unnamed.fields[0]?.path).toBe('leaderId');
    const notLeader = await rejects(
      openOwnership(ctx, staff(org.users.supervisor), m.id, {
        problem: '久拖未决',
        leaderId: org.users.head.id,
      }),
      'validation_failed',
    );
    expect(notLeader.fields[0]?.path).toBe('leaderId');
    const o = await openOwnership(ctx, staff(org.users.supervisor), m.id, {
      problem: '久拖未决',
      leaderId: org.users.countyHead.id,
    });
    expect(await inboxKinds(org.users.countyHead, o.id)).toEqual(['ownership_assigned']);
    const v = await getOwnership(ctx, org.users.countyHead, o.id);
    expect(v).toMatchObject({ leaderName: 'countyhead', openedByName: 'supervisor', steps: [], progress: 0 });
    // The bureau's supervisor manages the plan on the leader's behalf.
    await addStep(ctx, staff(org.users.supervisor), o.id, {
      title: '召开专题协调会',
      ownerId: org.users.head.id,
      dueDate: '2026-03-06',
    });
    expect(await inboxKinds(org.users.head, o.id)).toEqual(['ownership_step_assigned']);
    const twice = await rejects(
      openOwnership(ctx, staff(org.users.leader), m.id, { problem: '同一问题' }),
      'conflict',
    );
    expect(twice.messageZh).toContain('countyhead');
    expect((await ownershipsOfMatter(ctx, org.users.leader, m.id)).canOwn).toBe(false);
    await releaseOwnership(ctx, staff(org.users.countyHead), o.id, { reason: '改由区信访局局长包案' });
    expect((await ownershipsOfMatter(ctx, org.users.leader, m.id)).canOwn).toBe(true);
    const again = await openOwnership(ctx, staff(org.users.leader), m.id, { problem: '同一问题' });
    const listed = await ownershipsOfMatter(ctx, org.users.leader, m.id);
    expect(listed.items.map((x) => [x.id, x.state, x.outcome])).toEqual([
      [o.id, 'released', 'released'],
      [again.id, 'owned', 'in_progress'],
    ]);
    // A released case's step time limit ends with it.
    const dl = await ctx.db
      .selectFrom('case_deadlines')
      .select('status')
      .where('case_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(dl.status).toBe('cancelled');
  });

  it('refuses bad plans, wrong actors and wrong cards with clear errors, storing nothing', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await matterInHandling();
    const other = await matterInHandling();
    const before = {
      cases: await countRows('cases'),
      steps: await countRows('ownership_steps'),
      members: await countRows('ownership_members'),
    };
    const step = { title: '协调', ownerId: org.users.officer.id, dueDate: '2026-03-10' };
    const bad = async (body: Record<string, unknown>, path: string, code = 'validation_failed') => {
      const e = await rejects(
        openOwnership(ctx, staff(org.users.leader), m.id, { problem: '问题', ...body }),
        code,
      );
      expect(e.fields[0]?.path).toBe(path);
      expect(e.fields[0]?.message_zh).toBeTruthy();
      expect(e.fields[0]?.message_en).toBeTruthy();
    };
    await bad({ steps: [step, { ...step, ownerId: otherDistrict.id }] }, 'steps.1.ownerId');
    await bad({ steps: [{ ...step, ownerId: org.users.cityHead.id }] }, 'steps.0.ownerId');
    await bad({ steps: [{ ...step, ownerId: org.users.labourHead.id }] }, 'steps.0.ownerId');
    await bad({ steps: [{ ...step, dueDate: '2026-03-01' }] }, 'steps.0.dueDate');
    await bad({ steps: [{ ...step, ownerId: 999_999 }] }, 'steps.0.ownerId');
    await bad({ members: [{ role: 'lead_unit', userId: org.users.officer.id }] }, 'members.0.unitId');
    await bad({ members: [{ role: 'liaison', unitId: org.units.housing }] }, 'members.0.userId');
    await bad({ members: [{ role: 'cooperating_unit', unitId: org.units.labour }] }, 'members.0.unitId');
    const otherCard = await issueCard(ctx, staff(org.users.supervisor), other.id, {
      reason: '超期',
      demand: '请办理',
      answerBy: '2026-03-10',
    });
    await bad({ cardId: otherCard.id }, 'cardId');
    await rejects(openOwnership(ctx, staff(org.users.officer), m.id, { problem: '问题' }), 'forbidden');
    await rejects(openOwnership(ctx, staff(org.users.labourHead), m.id, { problem: '问题' }), 'not_found');
    await rejects(openOwnership(ctx, staff(org.users.leader), m.id, { problem: '' }), 'validation_failed');
    expect({
      cases: await countRows('cases'),
      steps: await countRows('ownership_steps'),
      members: await countRows('ownership_members'),
    }).toEqual({ ...before, cases: before.cases + 1 }); // the one card on the other matter

    const o = await openOwnership(ctx, staff(org.users.leader), m.id, { problem: '问题', steps: [step] });
    const v = await getOwnership(ctx, org.users.leader, o.id);
    await rejects(addStep(ctx, staff(org.users.officer), o.id, step), 'forbidden');
    await rejects(
      reportProgress(ctx, staff(org.users.leader), o.id, {
        stepId: 999_999,
        progress: 10,
        status: 'in_progress',
        note: '无此步骤',
      }),
      'validation_failed',
    );
    await rejects(
      addMember(ctx, staff(org.users.leader), o.id, { role: 'liaison', userId: otherDistrict.id }),
      'validation_failed',
    );
    await addMember(ctx, staff(org.users.leader), o.id, { role: 'liaison', userId: org.users.officer.id });
    await rejects(
      addMember(ctx, staff(org.users.leader), o.id, { role: 'liaison', userId: org.users.officer.id }),
      'conflict',
    );
    const card = await issueCard(ctx, staff(org.users.supervisor), m.id, {
      reason: '超期',
      demand: '请办理',
      answerBy: '2026-03-10',
    });
    await rejects(
      bindCard(ctx, staff(org.users.leader), o.id, { cardId: otherCard.id }),
      'validation_failed',
    );
    await bindCard(ctx, staff(org.users.leader), o.id, { cardId: card.id });
    await rejects(bindCard(ctx, staff(org.users.leader), o.id, { cardId: card.id }), 'conflict');
    await withdrawCard(ctx, staff(org.users.supervisor), otherCard.id, {});
    await releaseOwnership(ctx, staff(org.users.leader), o.id, { reason: '合并处理' });
    await rejects(
      reportProgress(ctx, staff(org.users.officer), o.id, {
        stepId: v.steps[0]!.id,
        progress: 10,
        status: 'in_progress',
        note: '已撤销后报告',
      }),
      'illegal_transition',
    );
    await rejects(
      replyToOwnership(ctx, staff(org.users.leader), o.id, { reply: '答复' }),
      'illegal_transition',
    );
  });

  it('warns a step owner and the leader before a step is due and marks it overdue once, with two scanners', async () => {
    const { ctx, clock } = env();
    clock.set('2026-04-20T01:00:00Z'); // Monday
    const m = await matterInHandling();
    const o = await openOwnership(ctx, staff(org.users.leader), m.id, {
      problem: '问题',
      steps: [{ title: '入户走访', ownerId: org.users.officer.id, dueDate: '2026-04-24' }],
    });
    const both = () => Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    clock.set('2026-04-22T01:00:00Z'); // two working days ahead: the warning point
    await both();
    await both();
    expect(await inboxKinds(org.users.officer, o.id)).toEqual([
      'ownership_step_assigned',
      'ownership_step_warning',
    ]);
    clock.set('2026-04-24T17:00:00Z'); // past 04-24 in Beijing
    await both();
    await both();
    expect(await inboxKinds(org.users.leader, o.id)).toEqual([
      'ownership_step_overdue',
      'ownership_step_warning',
    ]);
    const marks = await ctx.db
      .selectFrom('events')
      .select('kind')
      .where('stream', '=', `case:${o.id}`)
      .where('kind', 'in', ['ownership_step_warning', 'ownership_step_overdue'])
      .execute();
    expect(marks.map((e) => e.kind).sort()).toEqual(['ownership_step_overdue', 'ownership_step_warning']);
    const mine = await listOwnerships(ctx, org.users.leader, { view: 'mine' });
    expect(mine.items.find((x) => x.id === o.id)?.overdueSteps).toBe(1);
    expect(mine.summary.overdueSteps).toBeGreaterThanOrEqual(1);
    const overdue = await listOwnerships(ctx, org.users.leader, { view: 'mine', overdue: 'true' });
    expect(overdue.items.map((x) => x.id)).toContain(o.id);
    expect(overdue.items.every((x) => x.overdueSteps > 0)).toBe(true);
    expect(overdue.items.length).toBeLessThan(mine.items.length);
  });

  it('never plans a misconduct report through the unit it reports, nor shows it the case', async () => {
    const { ctx, clock } = env();
    clock.set('2026-07-01T01:00:00Z');
    const m = await reportAgainstHousing(ctx, org, '举报住建局工作人员吃拿卡要');
    const e = await rejects(
      openOwnership(ctx, staff(org.users.leader), m.id, {
        problem: '问题',
        members: [{ role: 'cooperating_unit', unitId: org.units.housing }],
      }),
      'validation_failed',
    );
    expect(e.fields[0]?.path).toBe('members.0.unitId');
    await rejects(
      openOwnership(ctx, staff(org.users.leader), m.id, {
        problem: '问题',
        steps: [{ title: '核查', ownerId: org.users.officer.id, dueDate: '2026-07-10' }],
      }),
      'validation_failed',
    );
    const o = await openOwnership(ctx, staff(org.users.leader), m.id, {
      problem: '问题',
      members: [{ role: 'lead_unit', unitId: org.units.discipline }],
      steps: [{ title: '核查', ownerId: org.users.discipline.id, dueDate: '2026-07-10' }],
    });
    const candidates = await ownershipCandidates(ctx, org.users.leader, m.id, undefined);
    expect(candidates.people.map((p) => p.id)).not.toContain(org.users.officer.id);
    expect(candidates.people.map((p) => p.id)).toContain(org.users.discipline.id);
    expect(candidates.units.map((u) => u.id)).not.toContain(org.units.housing);
    await rejects(getOwnership(ctx, org.users.head, o.id), 'not_found');
    expect(
      (await listInbox(ctx, org.users.head, { page: 1, pageSize: 100 })).items.some((n) => n.caseId === o.id),
    ).toBe(false);
  });
});

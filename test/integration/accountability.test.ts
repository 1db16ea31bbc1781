import { beforeAll, expect, it } from 'vitest';
import {
  commentOnAccountability,
  concludeAccountability,
  openAccountability,
  respondToAccountability,
  returnAccountability,
  withdrawAccountability,
} from '../../src/assessment/accountability.commands.ts';
import { getAccountability, listAccountability } from '../../src/assessment/accountability.queries.ts';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import { handledMatter, reportAgainstHousing, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('accountability records (责任追究: 通报, 约谈, 书面检查)', (env) => {
  let org: Org;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const notices = async (user: StaffUser, caseId: number) =>
    (await listInbox(env().ctx, user, { page: 1, pageSize: 100 })).items
      .filter((n) => n.caseId === caseId)
      .map((n) => n.kind);
  const records = async () =>
    Number(
      (
        await env()
          .ctx.db.selectFrom('accountability_records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  it('opens a record citing matters and figures as they stand, answered, returned, answered again and concluded', async () => {
    const { ctx, clock } = env();
    clock.set('2026-01-05T02:00:00Z');
    const m = await handledMatter(ctx, org, { replied: true });
    clock.set('2026-04-01T02:00:00Z');
    const a = await openAccountability(ctx, staff(org.users.supervisor), {
      unitId: org.units.housing,
      kind: 'talk',
      failure: '一季度参评率为零，群众评价工作未开展',
      demand: '约谈后十个工作日内提交整改报告',
      talk: { on: '2026-04-03', place: '区信访局三楼会议室', participants: '区信访局局长、住建局局长' },
      matterIds: [m.id, m.id],
      figures: [{ indicator: 'rating_rate', from: '2026-01-01', to: '2026-03-31' }],
    });
    const rec = await getAccountability(ctx, org.users.head, a.id);
    expect(rec).toMatchObject({
      state: 'opened',
      kind: 'talk',
      unitId: org.units.housing,
      talk: { on: '2026-04-03', place: '区信访局三楼会议室' },
      overdue: false,
    });
    expect(rec.matters.map((x) => x.id)).toEqual([m.id]);
    // The figure as the statistics counted it at the time: one reply in the quarter, none rated.
    expect(rec.figures).toMatchObject([
      { indicator: 'rating_rate', numerator: 0, denominator: 1, value: 0, period: { from: '2026-01-01' } },
    ]);
    expect(rec.allowedActions).toEqual(['respond', 'comment']);
    expect(await notices(org.users.head, a.id)).toEqual(['accountability_opened']);
    // Only the bureau's side concludes; the unit responds.
    await rejects(
      concludeAccountability(ctx, staff(org.users.supervisor), a.id, { finding: 'x' }),
      'illegal_transition',
    );
    await rejects(
      respondToAccountability(ctx, staff(org.users.labourHead), a.id, { response: 'x' }),
      'not_found',
    );

    await respondToAccountability(ctx, staff(org.users.head), a.id, {
      response: '书面检查：对评价工作重视不够……',
    });
    expect(await notices(org.users.supervisor, a.id)).toEqual(['accountability_responded']);
    await rejects(
      returnAccountability(ctx, staff(org.users.head), a.id, { reason: 'x', respondBy: '2026-05-01' }),
      'forbidden',
    );
    const past = await rejects(
      returnAccountability(ctx, staff(org.users.supervisor), a.id, {
        reason: '整改措施不具体',
        respondBy: '2026-03-01',
      }),
      'validation_failed',
    );
    expect(past.fields[0]?.path).toBe('respondBy');
    await returnAccountability(ctx, staff(org.users.supervisor), a.id, {
      reason: '整改措施不具体',
      respondBy: '2026-04-20',
    });
    expect((await getAccountability(ctx, org.users.head, a.id)).response).toBeNull();
    expect(await notices(org.users.head, a.id)).toEqual(['accountability_returned', 'accountability_opened']);
    await respondToAccountability(ctx, staff(org.users.head), a.id, {
      response: '整改报告：每周电话回访并请群众评价',
    });
    await commentOnAccountability(ctx, staff(org.users.officer), a.id, { comment: '已落实' });
    await concludeAccountability(ctx, staff(org.users.supervisor), a.id, { finding: '整改到位，予以办结' });
    const done = await getAccountability(ctx, org.users.supervisor, a.id);
    expect(done).toMatchObject({
      state: 'concluded',
      finding: '整改到位，予以办结',
      allowedActions: ['comment'],
    });
    expect(done.history.map((h) => h.kind)).toEqual([
      'accountability_opened',
      'accountability_responded',
      'accountability_returned',
      'accountability_responded',
      'accountability_comment',
      'accountability_concluded',
    ]);
    expect((await listAccountability(ctx, org.users.head)).items.map((i) => i.id)).toContain(a.id);
    expect((await listAccountability(ctx, org.users.labourHead)).items.map((i) => i.id)).not.toContain(a.id);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('never cites a report of misconduct to the unit it reports, nor the cross-level rate; storing nothing', async () => {
    const { ctx, clock } = env();
    clock.set('2026-04-01T02:00:00Z');
    const report = await reportAgainstHousing(ctx, org, '住建局工作人员索要好处费');
    const m = await handledMatter(ctx, org, { replied: false });
    const before = await records();
    const base = {
      unitId: org.units.housing,
      kind: 'notice',
      failure: '办理不力',
      demand: '提交书面说明',
    };
    const hidden = await rejects(
      openAccountability(ctx, staff(org.users.supervisor), { ...base, matterIds: [m.id, report.id] }),
      'validation_failed',
    );
    expect(hidden.fields[0]?.path).toBe('matterIds.1');
    const cross = await rejects(
      openAccountability(ctx, staff(org.users.supervisor), {
        ...base,
        figures: [{ indicator: 'cross_level_rate', from: '2026-01-01', to: '2026-03-31' }],
      }),
      'validation_failed',
    );
    expect(cross.fields[0]?.path).toBe('figures.0.indicator');
    const unknown = await rejects(
      openAccountability(ctx, staff(org.users.supervisor), {
        ...base,
        figures: [{ indicator: 'visits_to_beijing', from: '2026-01-01', to: '2026-03-31' }],
      }),
      'validation_failed',
    );
    expect(unknown.fields[0]?.path).toBe('figures.0.indicator');
    const talk = await rejects(
      openAccountability(ctx, staff(org.users.supervisor), { ...base, kind: 'talk', matterIds: [m.id] }),
      'validation_failed',
    );
    expect(talk.fields[0]?.path).toBe('talk');
    await rejects(
      openAccountability(ctx, staff(org.users.supervisor), { ...base, matterIds: [] }),
      'validation_failed',
    );
    await rejects(
      openAccountability(ctx, staff(org.users.head), { ...base, matterIds: [m.id] }),
      'forbidden',
    );
    expect(await records()).toBe(before);
  });

  it('warns before the response date and marks it overdue; a record unanswered may be withdrawn', async () => {
    const { ctx, clock } = env();
    clock.set('2026-04-27T01:00:00Z');
    const m = await handledMatter(ctx, org, { replied: false });
    const a = await openAccountability(ctx, staff(org.users.leader), {
      unitId: org.units.housing,
      kind: 'self_examination',
      failure: '事项超期未办结',
      demand: '提交书面检查',
      respondBy: '2026-04-29',
      matterIds: [m.id],
    });
    clock.set('2026-04-29T20:00:00Z');
    await Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    await scanDeadlines(ctx);
    expect((await notices(org.users.head, a.id)).sort()).toEqual([
      'accountability_opened',
      'accountability_overdue',
      'accountability_warning',
    ]);
    expect(await notices(org.users.leader, a.id)).toContain('accountability_overdue');
    expect((await getAccountability(ctx, org.users.leader, a.id)).overdue).toBe(true);
    await withdrawAccountability(ctx, staff(org.users.leader), a.id, { reason: '已另案处理' });
    expect((await getAccountability(ctx, org.users.leader, a.id)).state).toBe('withdrawn');
    const open = await ctx.db
      .selectFrom('case_deadlines')
      .select('id')
      .where('case_id', '=', a.id)
      .where('status', '=', 'open')
      .execute();
    expect(open).toEqual([]);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import {
  acceptCard,
  answerCard,
  commentOnCard,
  issueCard,
  returnCard,
  withdrawCard,
} from '../../src/supervision/card.commands.ts';
import { getCard, listCards } from '../../src/supervision/card.queries.ts';
import {
  handledMatter,
  registerTestMatter,
  reportAgainstHousing,
  seedOrg,
  type Org,
} from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('supervision cards (督办单) on the workflow kernel', (env) => {
  let org: Org;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  const matterInHandling = () => handledMatter(env().ctx, org, { replied: false });
  const inboxKinds = async (user: StaffUser, caseId: number) =>
    (await listInbox(env().ctx, user, { page: 1, pageSize: 100 })).items
      .filter((n) => n.caseId === caseId)
      .map((n) => n.kind)
      .sort();
  const levelOf = async (caseId: number) =>
    await env()
      .ctx.db.selectFrom('supervision_cards')
      .select(['level', 'escalations', 'answer_by'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();

  it('issued to the lead unit, answered, returned with a new date, answered again and accepted', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await matterInHandling();
    const c = await issueCard(ctx, staff(org.users.supervisor), m.id, {
      reason: '信访人多次反映电梯停运，超过一个月未见进展',
      demand: '请于3月9日前报送维修方案和时间表',
      answerBy: '2026-03-09',
    });
    expect(c.state).toBe('issued');
    expect(await inboxKinds(org.users.head, c.id)).toEqual(['card_received']);
    expect((await getCard(ctx, org.users.officer, c.id)).allowedActions).toEqual(['answer', 'comment']);
    expect((await getCard(ctx, org.users.supervisor, c.id)).allowedActions).toEqual(['withdraw', 'comment']);

    const attach = async (matterId: number, filename: string) =>
      (
        await ctx.db
          .insertInto('attachments')
          .values({
            matter_id: matterId,
            filename,
            mime_type: 'application/pdf',
            size_bytes: 10,
            sha256: 'a'.repeat(64),
            storage_key: `test/${filename}`,
            uploaded_by: org.users.head.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const contract = await attach(m.id, '维修合同.pdf');
    const elsewhere = await attach((await registerTestMatter(ctx, org)).id, '别的事项.pdf');
    // Evidence must be a file of the card's own matter: refused, nothing changes.
    const wrong = await rejects(
      answerCard(ctx, staff(org.users.head), c.id, {
        answer: '已办理',
        attachmentIds: [contract, elsewhere],
      }),
      'validation_failed',
    );
    expect(wrong.fields[0]?.path).toBe('attachmentIds');
    expect((await getCard(ctx, org.users.officer, c.id)).state).toBe('issued');
    await answerCard(ctx, staff(org.users.head), c.id, {
      answer: '已约谈物业公司，3月15日前完成维修。',
      attachmentIds: [contract],
    });
    expect((await getCard(ctx, org.users.supervisor, c.id)).answerAttachments).toEqual([
      { id: contract, filename: '维修合同.pdf', matterId: m.id },
    ]);
    expect(await inboxKinds(org.users.supervisor, c.id)).toEqual(['card_answered']);
    const returned = await returnCard(ctx, staff(org.users.supervisor), c.id, {
      reason: '未附维修合同，请补充',
      answerBy: '2026-03-12',
    });
    expect(returned.state).toBe('issued');
    const after = await getCard(ctx, org.users.officer, c.id);
    expect(after).toMatchObject({
      answer: null,
      answerBy: '2026-03-12',
      state: 'issued',
      answerAttachments: [],
    });
    await answerCard(ctx, staff(org.users.officer), c.id, { answer: '已补充维修合同（附件）。' });
    const done = await acceptCard(ctx, staff(org.users.supervisor), c.id, {});
    expect(done.state).toBe('accepted');
    expect(await inboxKinds(org.users.officer, c.id)).toEqual([
      'card_accepted',
      'card_received',
      'card_returned',
    ]);
    const dls = await ctx.db
      .selectFrom('case_deadlines')
      .select('status')
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(dls.map((d) => d.status)).toEqual(['met', 'met']);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('escalates an unanswered card normal → yellow → red once per level, on the calendar, with two scanners', async () => {
    const { ctx, clock } = env();
    // Monday 2026-04-27; answer by Wednesday 04-29. Labour Day holiday is 05-01 to 05-05.
    clock.set('2026-04-27T01:00:00Z');
    const m = await matterInHandling();
    const c = await issueCard(ctx, staff(org.users.supervisor), m.id, {
      reason: '超期未办结',
      demand: '请立即办理并报告',
      answerBy: '2026-04-29',
    });
    const both = () => Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    clock.set('2026-04-29T20:00:00Z'); // 04-30 04:00 in Beijing: past the end of 04-29
    await both();
    await both();
    // Yellow: 5 working days counted from the day after 04-30; 05-01..05-05 are the Labour Day
    // holiday and Saturday 05-09 a make-up working day: 05-06, 07, 08, 09, 11.
    expect(await levelOf(c.id)).toEqual({ level: 'yellow', escalations: 1, answer_by: '2026-05-11' });
    const escalations = async () =>
      (
        await ctx.db
          .selectFrom('events')
          .select('kind')
          .where('stream', '=', `case:${c.id}`)
          .where('kind', '=', 'card_escalated')
          .execute()
      ).length;
    expect(await escalations()).toBe(1);
    // The scan came after both the warning point and the date: the warning is raised too, once.
    expect(await inboxKinds(org.users.officer, c.id)).toEqual([
      'card_escalated',
      'card_received',
      'card_warning',
    ]);

    clock.set('2026-05-11T17:00:00Z'); // past 05-11 in Beijing
    await both();
    await both();
    expect((await levelOf(c.id)).level).toBe('red');
    expect(await escalations()).toBe(2);
    // A red card reaches the leaders of the unit's level (the county's bureau and government).
    expect(await inboxKinds(org.users.leader, c.id)).toEqual(['card_escalated']);
    expect(await inboxKinds(org.users.countyHead, c.id)).toEqual(['card_escalated']);

    clock.set('2026-06-30T17:00:00Z');
    await both();
    await both();
    expect((await levelOf(c.id)).level).toBe('red');
    expect(await escalations()).toBe(2);
    expect(await inboxKinds(org.users.leader, c.id)).toEqual(['card_escalated', 'card_overdue']);
    const view = await getCard(ctx, org.users.supervisor, c.id);
    expect(view.overdue).toBe(true);
    const listed = await listCards(ctx, org.users.supervisor, { view: 'issued' });
    expect(listed.counts.red).toBeGreaterThanOrEqual(1);
    const escalated = await listCards(ctx, org.users.supervisor, { view: 'issued', escalated: 'true' });
    expect(escalated.items.map((x) => x.id)).toContain(c.id);
    expect(escalated.items.every((x) => x.escalations > 0)).toBe(true);
    expect(escalated.items.length).toBeLessThan(listed.items.length);
    // Answering ends it: the open deadline is met, nothing escalates any more.
    await answerCard(ctx, staff(org.users.officer), c.id, { answer: '已办结。' });
    expect((await getCard(ctx, org.users.supervisor, c.id)).overdue).toBe(false);
  });

  it('refuses bad input and wrong actors with clear errors, storing nothing', async () => {
    const { ctx, clock } = env();
    clock.set('2026-07-01T01:00:00Z');
    const m = await matterInHandling();
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('cases')
            .select(ctx.db.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const ok = { reason: '超期', demand: '请办理', answerBy: '2026-07-10' };
    const past = await rejects(
      issueCard(ctx, staff(org.users.supervisor), m.id, { ...ok, answerBy: '2026-06-30' }),
      'validation_failed',
    );
    expect(past.fields[0]?.path).toBe('answerBy');
    const blind = await rejects(
      issueCard(ctx, staff(org.users.supervisor), m.id, { ...ok, unitId: org.units.labour }),
      'validation_failed',
    );
    expect(blind.fields[0]?.path).toBe('unitId');
    await rejects(
      issueCard(ctx, staff(org.users.supervisor), m.id, { ...ok, level: 'purple' }),
      'validation_failed',
    );
    await rejects(issueCard(ctx, staff(org.users.leader), m.id, ok), 'forbidden');
    await rejects(issueCard(ctx, staff(org.users.labourHead), m.id, ok), 'not_found');
    expect(await count()).toBe(before);

    const c = await issueCard(ctx, staff(org.users.supervisor), m.id, ok);
    await rejects(answerCard(ctx, staff(org.users.streetHead), c.id, { answer: '好' }), 'forbidden');
    await rejects(answerCard(ctx, staff(org.users.labourHead), c.id, { answer: '好' }), 'not_found');
    await rejects(acceptCard(ctx, staff(org.users.supervisor), c.id, {}), 'illegal_transition');
    await rejects(acceptCard(ctx, staff(org.users.head), c.id, {}), 'illegal_transition');
    await answerCard(ctx, staff(org.users.officer), c.id, { answer: '已办理。' });
    await rejects(answerCard(ctx, staff(org.users.head), c.id, { answer: '再答' }), 'illegal_transition');
    await rejects(
      returnCard(ctx, staff(org.users.supervisor), c.id, { reason: '补充', answerBy: '2026-01-01' }),
      'validation_failed',
    );
    await rejects(acceptCard(ctx, staff(org.users.officer), c.id, {}), 'forbidden');
    expect((await getCard(ctx, org.users.supervisor, c.id)).state).toBe('answered');
    await commentOnCard(ctx, staff(org.users.officer), c.id, { comment: '附件已上传。' });
    expect((await withdrawCard(ctx, staff(org.users.supervisor), c.id, { note: '已另案处理' })).state).toBe(
      'withdrawn',
    );
  });

  it('never supervises a misconduct report through the unit it reports', async () => {
    const { ctx, clock } = env();
    clock.set('2026-07-01T01:00:00Z');
    const m = await reportAgainstHousing(ctx, org, '举报住建局工作人员吃拿卡要');
    const e = await rejects(
      issueCard(ctx, staff(org.users.supervisor), m.id, {
        reason: '超期',
        demand: '请办理',
        answerBy: '2026-07-10',
        unitId: org.units.housing,
      }),
      'validation_failed',
    );
    expect(e.fields[0]?.path).toBe('unitId');
    const c = await issueCard(ctx, staff(org.users.supervisor), m.id, {
      reason: '超期',
      demand: '请纪委监委依规办理',
      answerBy: '2026-07-10',
    });
    expect(
      (await listInbox(ctx, org.users.head, { page: 1, pageSize: 100 })).items.some((n) => n.caseId === c.id),
    ).toBe(false);
    await rejects(getCard(ctx, org.users.head, c.id), 'not_found');
    expect(
      (await listCards(ctx, org.users.head, { view: 'toMyUnit' })).items.some((x) => x.id === c.id),
    ).toBe(false);
  });
});

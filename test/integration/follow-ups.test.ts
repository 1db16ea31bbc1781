import { beforeAll, expect, it } from 'vitest';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import {
  commentOnFollowUp,
  listFollowUps,
  recordFollowUp,
  takeUpFollowUp,
} from '../../src/supervision/follow-up.ts';
import { handledMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('follow-up (回访) after the reply', (env) => {
  let org: Org;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  const matter = (replied: boolean) => handledMatter(env().ctx, org, { replied });

  it('records a solved follow-up, and flags a not-solved one for the scope’s supervisors until taken up', async () => {
    const { ctx } = env();
    const m = await matter(true);
    // The form is offered only to whom the server would allow it.
    expect((await listFollowUps(ctx, org.users.officer, { matterId: m.id })).canRecord).toBe(true);
    expect((await listFollowUps(ctx, org.users.leader, { matterId: m.id })).canRecord).toBe(false);
    const ok = await recordFollowUp(ctx, staff(org.users.officer), m.id, {
      method: 'phone',
      reached: true,
      solved: 'solved',
      opinion: '电梯已修好，满意。',
    });
    expect(ok.state).toBe('recorded');
    const bad = await recordFollowUp(ctx, staff(org.users.registrar), m.id, {
      method: 'visit',
      reached: true,
      solved: 'not_solved',
      opinion: '修好三天又坏了。',
    });
    expect(bad.state).toBe('flagged');
    const notices = (await listInbox(ctx, org.users.supervisor, { page: 1, pageSize: 50 })).items;
    expect(notices.filter((n) => n.caseId === bad.id).map((n) => n.kind)).toEqual(['follow_up_unsolved']);
    expect(notices.some((n) => n.caseId === ok.id)).toBe(false);

    const flagged = await listFollowUps(ctx, org.users.supervisor, { flagged: true });
    expect(flagged.items.map((f) => f.id)).toContain(bad.id);
    expect(flagged.items.find((f) => f.id === bad.id)?.allowedActions).toEqual(['take_up', 'comment']);
    await rejects(takeUpFollowUp(ctx, staff(org.users.officer), bad.id, { note: '我来' }), 'forbidden');
    await takeUpFollowUp(ctx, staff(org.users.supervisor), bad.id, {
      note: '发督办单，要求住建局一周内复修。',
    });
    expect(
      (await listFollowUps(ctx, org.users.supervisor, { flagged: true })).items.map((f) => f.id),
    ).not.toContain(bad.id);
    await rejects(
      takeUpFollowUp(ctx, staff(org.users.supervisor), bad.id, { note: '再来' }),
      'illegal_transition',
    );
    await commentOnFollowUp(ctx, staff(org.users.officer), ok.id, { comment: '一个月后再回访。' });
    const onMatter = await listFollowUps(ctx, org.users.head, { matterId: m.id });
    expect(onMatter.items.map((f) => f.state)).toEqual(['taken_up', 'recorded']);
  });

  it('refuses a follow-up before the reply, by the wrong unit, or with contradicting answers, and stores nothing', async () => {
    const { ctx } = env();
    const open = await matter(false);
    expect((await listFollowUps(ctx, org.users.officer, { matterId: open.id })).canRecord).toBe(false);
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
    const early = await rejects(
      recordFollowUp(ctx, staff(org.users.officer), open.id, { method: 'phone', reached: false }),
      'validation_failed',
    );
    expect(early.messageZh).toContain('答复之后');
    const m = await matter(true);
    const mid = await count();
    expect(mid).toBe(before);
    await rejects(
      recordFollowUp(ctx, staff(org.users.officer), m.id, { method: 'phone', reached: true }),
      'validation_failed',
    );
    await rejects(
      recordFollowUp(ctx, staff(org.users.officer), m.id, {
        method: 'phone',
        reached: false,
        solved: 'solved',
      }),
      'validation_failed',
    );
    await rejects(
      recordFollowUp(ctx, staff(org.users.officer), m.id, { method: 'fax', reached: false }),
      'validation_failed',
    );
    await rejects(
      recordFollowUp(ctx, staff(org.users.labourHead), m.id, { method: 'phone', reached: false }),
      'not_found',
    );
    await rejects(
      recordFollowUp(ctx, staff(org.users.leader), m.id, { method: 'phone', reached: false }),
      'forbidden',
    );
    expect(await count()).toBe(mid);
    const unreached = await recordFollowUp(ctx, staff(org.users.head), m.id, {
      method: 'sms',
      reached: false,
    });
    expect(unreached.state).toBe('recorded');
  });
});

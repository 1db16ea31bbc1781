import { beforeAll, expect, it } from 'vitest';
import { readBacklogRule, saveBacklogRule } from '../../src/campaigns/backlog-rule.ts';
import { listBacklog } from '../../src/campaigns/backlog.queries.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { openOwnership } from '../../src/leadership/ownership.commands.ts';
import { matterCommands } from '../../src/lifecycle/matter-commands.ts';
import { linkRepeat } from '../../src/lifecycle/link-repeat.ts';
import { BacklogQuery } from '../../src/shared/campaign.schema.ts';
import {
  acceptedMatter,
  registerTestMatter,
  reportAgainstHousing,
  seedOrg,
  type Org,
} from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('the backlog (积案): computed from the record under a configurable rule', (env) => {
  let org: Org;
  type Key = 'old' | 'oldLabour' | 'oldForwarded' | 'report' | 'repeated' | 'twice';
  const m = {} as Record<Key, { id: number; caseNumber: string }>;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const list = async (user: StaffUser, q: Record<string, string> = {}) => {
    const { ctx } = env();
    return listBacklog(ctx.db, user, await readBacklogRule(ctx.db), BacklogQuery.parse(q), ctx.clock());
  };
  const ids = (page: Awaited<ReturnType<typeof list>>) => page.items.map((i) => i.matterId);

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    clock.set('2026-01-05T01:00:00Z');
    m.old = await acceptedMatter(ctx, org, org.units.housing, { subject: '老旧小区加装电梯久拖未决' });
    m.oldLabour = await acceptedMatter(ctx, org, org.units.labour, { subject: '工程款拖欠两年' });
    m.oldForwarded = await registerTestMatter(ctx, org, { subject: '已转送的老件' });
    await matterCommands.decide(ctx, staff(org.users.registrar), m.oldForwarded.id, {
      decision: 'forward',
      unitId: org.units.cityBureau,
    });
    m.report = await reportAgainstHousing(ctx, org, '举报住建局工作人员收受好处');
    clock.set('2026-04-01T01:00:00Z');
    m.repeated = await acceptedMatter(ctx, org, org.units.housing, { subject: '噪音扰民反复投诉' });
    m.twice = await acceptedMatter(ctx, org, org.units.housing, { subject: '占道经营两次投诉' });
    for (let i = 0; i < 3; i++) {
      const r = await registerTestMatter(ctx, org, { subject: `噪音扰民再次投诉 ${i}` });
      await linkRepeat(ctx, r.id, {
        matterId: m.repeated.id,
        caseNumber: m.repeated.caseNumber,
        similarity: 0.9,
      });
    }
    for (let i = 0; i < 2; i++) {
      const r = await registerTestMatter(ctx, org, { subject: `占道经营再次投诉 ${i}` });
      await linkRepeat(ctx, r.id, { matterId: m.twice.id, caseNumber: m.twice.caseNumber, similarity: 0.9 });
    }
    await openOwnership(ctx, staff(org.users.leader), m.old.id, { problem: '加装电梯协调难' });
  });

  it('lists open matters past 90 days or with 3+ repeats, with age, repeats, owner, state and lead unit', async () => {
    const { clock } = env();
    // 1 April: the January matters are 86 days old, not yet backlog; three repeats already are.
    expect(ids(await list(org.users.supervisor))).toEqual([m.repeated.id]);
    clock.set('2026-04-10T01:00:00Z');
    const page = await list(org.users.supervisor);
    expect(ids(page).sort()).toEqual([m.old.id, m.oldLabour.id, m.report.id, m.repeated.id].sort());
    expect(page.rule).toEqual({ ageDays: 90, minRepeats: 3 });
    expect(page.items.find((i) => i.matterId === m.old.id)).toMatchObject({
      caseNumber: m.old.caseNumber,
      ageDays: 95,
      repeats: 0,
      ownerName: 'leader',
      leadUnitName: '南山区住房和建设局',
      state: 'accepted',
      overAge: true,
      overRepeats: false,
      campaignId: null,
    });
    expect(page.items.find((i) => i.matterId === m.repeated.id)).toMatchObject({
      repeats: 3,
      overRepeats: true,
      overAge: false,
      ageDays: 9,
    });
    // Two repeats are not enough; a forwarded matter has left the bureau's hands.
    expect(ids(page)).not.toContain(m.twice.id);
    expect(ids(page)).not.toContain(m.oldForwarded.id);
  });

  it('never shows a misconduct report to the unit it reports', async () => {
    const housing = await list(org.users.officer);
    expect(ids(housing)).toContain(m.old.id);
    expect(ids(housing)).not.toContain(m.report.id);
    expect(ids(await list(org.users.discipline))).toEqual([m.report.id]);
  });

  it('filters by unit, repeats, age and campaign, sorts and pages', async () => {
    const sup = org.users.supervisor;
    expect(ids(await list(sup, { unitId: String(org.units.labour) }))).toEqual([m.oldLabour.id]);
    expect(ids(await list(sup, { minRepeats: '1' }))).toEqual([m.repeated.id]);
    expect(ids(await list(sup, { minAgeDays: '95' })).sort()).toEqual(
      [m.old.id, m.oldLabour.id, m.report.id].sort(),
    );
    expect((await list(sup, { campaign: 'in' })).total).toBe(0);
    const byRepeats = await list(sup, { sort: 'repeats', order: 'desc', pageSize: '1' });
    expect(byRepeats).toMatchObject({ total: 4, page: 1, pageSize: 1 });
    expect(ids(byRepeats)).toEqual([m.repeated.id]);
    // By age descending the oldest comes first; the second page follows on.
    const first = await list(sup, { sort: 'age', pageSize: '2' });
    const second = await list(sup, { sort: 'age', pageSize: '2', page: '2' });
    expect(first.items[0]!.ageDays).toBeGreaterThanOrEqual(first.items[1]!.ageDays);
    expect(second.items.at(-1)!.matterId).toBe(m.repeated.id);
  });

  it('follows the rule as configured by an administrator, audited; a bad rule changes nothing', async () => {
    const { ctx } = env();
    const admin = { kind: 'staff' as const, userId: org.users.admin.id, unitId: org.units.bureau };
    const bad = await rejects(
      saveBacklogRule(ctx, admin, { ageDays: 0, minRepeats: 3 }),
      'validation_failed',
    );
    expect(bad.fields[0]?.path).toBe('ageDays');
    expect(await readBacklogRule(ctx.db)).toEqual({ ageDays: 90, minRepeats: 3 });
    await saveBacklogRule(ctx, admin, { ageDays: 180, minRepeats: 2 });
    expect(ids(await list(org.users.supervisor)).sort()).toEqual([m.repeated.id, m.twice.id].sort());
    const event = await ctx.db
      .selectFrom('events')
      .select(['kind', 'payload'])
      .where('stream', '=', 'system')
      .where('kind', '=', 'backlog_rule_changed')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ before: null, after: { ageDays: 180, minRepeats: 2 } });
    await saveBacklogRule(ctx, admin, { ageDays: 90, minRepeats: 3 });
  });
});

import { beforeAll, expect, it } from 'vitest';
import { loadStaffUser } from '../../src/auth/sessions.ts';
import { getCampaign, listCampaigns } from '../../src/campaigns/campaign.queries.ts';
import { loadDemo, type DemoSummary } from '../../src/demo/index.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('the demo’s backlog campaign', (env) => {
  let summary: DemoSummary;
  beforeAll(async () => {
    summary = await loadDemo(env().ctx, { size: 'small' });
  });

  it('runs this year’s campaign over the backlog, every matter owned, with a mix of outcomes below target', async () => {
    const { ctx } = env();
    expect(summary.problems).toEqual([]);
    const row = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    const supervisor = (await loadStaffUser(ctx, row.id))!;
    const { items } = await listCampaigns(ctx, supervisor, {});
    expect(items.map((c) => [c.name, c.state])).toEqual([['2026年信访积案化解专项行动', 'active']]);
    const c = await getCampaign(ctx, supervisor, items[0]!.id);
    expect(c.matters.length).toBeGreaterThanOrEqual(3);
    expect(c.matters.every((m) => m.ownerId !== null)).toBe(true);
    expect(c.progress.resolved).toBeGreaterThan(0);
    expect(c.progress.reached).toBe(false);
    expect(c.progress.byOutcome.filter((o) => o.count > 0).length).toBeGreaterThanOrEqual(2);
  });
});

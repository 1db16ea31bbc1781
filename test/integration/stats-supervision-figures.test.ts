import { beforeAll, expect, it } from 'vitest';
import { computeIndicators } from '../../src/analytics/indicators.ts';
import { scorecard } from '../../src/analytics/scorecard.ts';
import { saveScorecardWeights } from '../../src/analytics/scorecard-settings.ts';
import { DEFAULT_SCORECARD_WEIGHTS } from '../../src/shared/stats.schema.ts';
import { resolveStatsScope } from '../../src/analytics/stats-scope.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { filteredMatters } from '../../src/lifecycle/matter.queries.ts';
import type { Indicator } from '../../src/shared/stats.schema.ts';
import { issueCard, issueUnitCard, withdrawCard } from '../../src/supervision/card.commands.ts';
import { recordFollowUp } from '../../src/supervision/follow-up.ts';
import { acceptedMatter, handledMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * Issue 13, items 5 and 6: supervision cards counted per unit, and follow-up coverage and results,
 * as figures of the statistics and the scorecards — made here through the commands themselves.
 */
describeEachDb('cards and follow-ups as figures', (env) => {
  let org: Org;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const period = { from: '2026-03-01', to: '2026-03-31' };

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  const inHand = (unitId: number) => acceptedMatter(env().ctx, org, unitId);
  const replied = () => handledMatter(env().ctx, org, { replied: true });
  async function figures(unitId: number | null) {
    const { ctx } = env();
    const scope = await resolveStatsScope(ctx.db, org.users.leader, null);
    const set = await computeIndicators(ctx.db, scope, { period, unitId, category: null }, ctx.clock());
    const of = (k: Indicator) => set.figures.find((f) => f.indicator === k)!;
    return {
      coverage: [of('follow_up_coverage').numerator, of('follow_up_coverage').denominator],
      solved: [of('follow_up_solved').numerator, of('follow_up_solved').denominator],
      cards: of('cards_received').numerator,
    };
  }

  it('counts each supervised matter for the unit the card is to, and the follow-ups after each reply', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const [a, b, c] = [await replied(), await replied(), await replied()];
    await replied(); // no follow-up
    const phone = { method: 'phone' as const, reached: true };
    await recordFollowUp(ctx, staff(org.users.officer), a.id, { ...phone, solved: 'not_solved' });
    // The latest follow-up that reached the petitioner is what counts: a second call found it solved.
    clock.set('2026-03-05T01:00:00Z');
    await recordFollowUp(ctx, staff(org.users.registrar), a.id, { ...phone, solved: 'solved' });
    await recordFollowUp(ctx, staff(org.users.officer), b.id, { ...phone, solved: 'partly' });
    await recordFollowUp(ctx, staff(org.users.officer), c.id, { method: 'sms', reached: false });

    const x = await inHand(org.units.housing);
    const y = await inHand(org.units.housing);
    const z = await inHand(org.units.labour);
    const card = { reason: '进度缓慢', demand: '请报告', answerBy: '2026-03-20' };
    await issueCard(ctx, staff(org.users.supervisor), x.id, card);
    await issueUnitCard(ctx, staff(org.users.supervisor), {
      ...card,
      unitId: org.units.housing,
      matterIds: [x.id, y.id],
    });
    const withdrawn = await issueCard(ctx, staff(org.users.supervisor), z.id, card);
    await withdrawCard(ctx, staff(org.users.supervisor), withdrawn.id, {});
    await issueCard(ctx, staff(org.users.supervisor), z.id, card);

    // Four replies; three followed up; two reached the petitioner, of which one is solved now.
    expect(await figures(org.units.housing)).toEqual({ coverage: [3, 4], solved: [1, 2], cards: 3 });
    expect((await figures(org.units.labour)).cards).toBe(1);
    expect((await figures(null)).cards).toBe(4);
    // Issued in another period, a card is not counted in this one.
    expect(
      (
        await computeIndicators(
          ctx.db,
          await resolveStatsScope(ctx.db, org.users.leader, null),
          { period: { from: '2026-04-01', to: '2026-04-30' }, unitId: org.units.housing, category: null },
          ctx.clock(),
        )
      ).figures.find((f) => f.indicator === 'cards_received')!.numerator,
    ).toBe(0);

    // The drill-down lists the matters behind the card figure: each once.
    const listed = await filteredMatters(
      ctx.db,
      org.users.leader,
      {
        mine: 'all',
        indicator: 'cards_received',
        part: 'numerator',
        from: period.from,
        to: period.to,
        statsUnit: org.units.housing,
      },
      ctx.clock(),
    )
      .then((q) => q.select('m.id').orderBy('m.id').execute())
      .then((rows) => rows.map((r) => r.id));
    expect(listed).toEqual([x.id, y.id]);

    // The scorecard shows both figures for the unit; a follow-up rate can carry a weight.
    const card2 = await scorecard(
      ctx.db,
      await resolveStatsScope(ctx.db, org.users.leader, null),
      { period, category: null, year: null },
      ctx.clock(),
    );
    const housing = card2.rows.find((r) => r.unitId === org.units.housing)!;
    const fig = (k: Indicator) => housing.figures.find((f) => f.indicator === k)!;
    expect(fig('cards_received').numerator).toBe(3);
    expect(fig('follow_up_coverage').value).toBeCloseTo(0.75);
    expect(housing.cardMatters).toBe(3);

    // With points off per supervised matter (saved settings from before read as 0), the score drops.
    await saveScorecardWeights(
      ctx,
      { kind: 'staff', userId: org.users.admin.id, unitId: org.units.bureau },
      {
        ...DEFAULT_SCORECARD_WEIGHTS,
        cardPenalty: 0.5,
      },
    );
    const after = await scorecard(
      ctx.db,
      await resolveStatsScope(ctx.db, org.users.leader, null),
      { period, category: null, year: null },
      ctx.clock(),
    );
    const penalised = after.rows.find((r) => r.unitId === org.units.housing)!;
    expect(penalised.score! - housing.score!).toBeCloseTo(-1.5);
    expect(penalised.penalty - housing.penalty).toBeCloseTo(1.5);
  });
});

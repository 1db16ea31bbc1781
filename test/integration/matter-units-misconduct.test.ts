import { expect, it } from 'vitest';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/** Migration 0023: each assignment carries whether its matter is a report of misconduct. */
describeEachDb('the misconduct flag of assignments', (env) => {
  it('is copied from the matter when a unit is assigned, and follows a reclassified matter', async () => {
    const { ctx } = env();
    const org = await seedOrg(ctx);
    const registrar = org.staff(org.users.registrar);
    const plain = await registerTestMatter(ctx, org);
    const report = await registerTestMatter(ctx, org, {
      purpose: 'accusation',
      isMisconductReport: true,
      reportedUnitId: org.units.street,
      subject: '举报街道办工作人员吃拿卡要',
    });
    await cmd.decide(ctx, registrar, plain.id, { decision: 'accept', leadUnitId: org.units.housing });
    await cmd.decide(ctx, registrar, report.id, { decision: 'accept', leadUnitId: org.units.discipline });
    const flags = async () =>
      Object.fromEntries(
        (
          await ctx.db
            .selectFrom('matter_units')
            .select(['matter_id', 'misconduct'])
            .where('matter_id', 'in', [plain.id, report.id])
            .execute()
        ).map((r) => [r.matter_id, r.misconduct]),
      );
    expect(await flags()).toEqual({ [plain.id]: false, [report.id]: true });

    // A write that claims otherwise is overruled by the matter.
    await ctx.db
      .updateTable('matter_units')
      .set({ misconduct: true })
      .where('matter_id', '=', plain.id)
      .execute();
    expect((await flags())[plain.id]).toBe(false);

    await ctx.db
      .updateTable('matters')
      .set({ is_misconduct_report: true })
      .where('id', '=', plain.id)
      .execute();
    expect(await flags()).toEqual({ [plain.id]: true, [report.id]: true });
  });
});

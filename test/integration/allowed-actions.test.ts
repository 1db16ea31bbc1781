import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { getMatter } from '../../src/lifecycle/matter.queries.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describeEachDb('allowed actions follow the time windows', (env) => {
  let org: Org;
  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  const actionsOf = async (id: number, user: Org['users'][keyof Org['users']]) =>
    (await getMatter(env().ctx, user, id)).allowedActions;

  async function inHandling() {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    return m;
  }

  it('offers 办结 on a reviewed matter only once the second-review window has lapsed', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await inHandling();
    await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'not_supported',
      facts: '不符合条件',
      legalBasis: '相关规定',
    });
    // The review window is open: the registrar may record a review request, not close.
    expect(await actionsOf(m.id, org.users.registrar)).toContain('request_review');
    expect(await actionsOf(m.id, org.users.registrar)).not.toContain('close');
    clock.advanceDays(10);
    await cmd.requestReview(ctx, { kind: 'petitioner' }, m.id, { reason: '不服处理意见' });
    await cmd.decideReview(ctx, org.staff(org.users.cityHead), m.id, {
      outcome: 'upheld',
      facts: '复查认定事实清楚',
      legalBasis: '条例第三十五条',
    });
    const during = await actionsOf(m.id, org.users.registrar);
    expect(during).toContain('request_recheck');
    expect(during).not.toContain('close');
    // What the page withholds, the server refuses.
    expect((await failure(cmd.close(ctx, org.staff(org.users.registrar), m.id, {}))).code).toBe(
      'window_closed',
    );
    clock.advanceDays(40); // 30 days from the decision, rolled past holidays
    const after = await actionsOf(m.id, org.users.registrar);
    expect(after).toContain('close');
    expect(after).not.toContain('request_recheck');
    expect((await cmd.close(ctx, org.staff(org.users.registrar), m.id, {})).state).toBe('closed');
  });

  it('offers 延期 once, and 异议 only within its 5 working days', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    expect(await actionsOf(m.id, org.users.officer)).toContain('object');
    clock.advanceDays(10);
    expect(await actionsOf(m.id, org.users.officer)).not.toContain('object');
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    expect(await actionsOf(m.id, org.users.head)).toContain('extend');
    await cmd.extend(ctx, org.staff(org.users.head), m.id, { days: 10, reason: '需要现场勘验' });
    expect(await actionsOf(m.id, org.users.head)).not.toContain('extend');
    expect(await actionsOf(m.id, org.users.head)).toContain('reply');
  });

  it('refuses an extension over the configured limit with 400 on the field, and changes nothing', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await inHandling();
    const before = await ctx.db
      .selectFrom('matters')
      .selectAll()
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    // Over the schema's own maximum (30): a field error naming the rule.
    const over = await failure(
      cmd.extend(ctx, org.staff(org.users.head), m.id, { days: 31, reason: '需要现场勘验' }),
    );
    expect(over.code).toBe('validation_failed');
    expect(over.fields.map((f) => f.path)).toEqual(['days']);
    expect(over.fields[0]!.message_zh).toContain('30');
    // Over a stricter configured limit (time_limits.extension_max): the same kind of answer.
    await sql`UPDATE time_limits SET amount = 20 WHERE kind = 'extension_max'`.execute(ctx.db);
    ctx.calendar.invalidate();
    try {
      const err = await failure(
        cmd.extend(ctx, org.staff(org.users.head), m.id, { days: 25, reason: '需要现场勘验' }),
      );
      expect(err.code).toBe('validation_failed');
      expect(err.fields).toEqual([
        {
          path: 'days',
          message_zh: '延长期限不得超过20日（条例第三十四条）',
          message_en: 'an extension is at most 20 days (Regulations art. 34)',
        },
      ]);
    } finally {
      await sql`UPDATE time_limits SET amount = 30 WHERE kind = 'extension_max'`.execute(ctx.db);
      ctx.calendar.invalidate();
    }
    const after = await ctx.db
      .selectFrom('matters')
      .selectAll()
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});

import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import stringify from 'safe-stable-stringify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { correctScorecard, freezeScorecard } from '../../src/assessment/frozen.commands.ts';
import { getFrozen, listFrozen } from '../../src/assessment/frozen.queries.ts';
import { createLetter, issueLetter } from '../../src/assessment/letter.commands.ts';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import { handledMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('frozen year-end scorecards (年度考核结果封存)', (env) => {
  let org: Org;
  let app: FastifyInstance;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const login = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    return {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken,
    };
  };

  it('freezes once after the year end, hashes the canonical JSON into the chain, and is never edited', async () => {
    const { ctx, clock } = env();
    clock.set('2026-01-05T02:00:00Z');
    await handledMatter(ctx, org, { replied: true });
    const l = await createLetter(ctx, staff(org.users.supervisor), {
      unitId: org.units.housing,
      year: 2026,
      targets: [{ indicator: 'on_time_completion', target: 0.95 }],
      bureauSignatory: { name: '王建国', title: '局长' },
    });
    await issueLetter(ctx, staff(org.users.supervisor), l.id, {});

    // Not before the year is over, and only by the region's bureau.
    const early = await rejects(
      freezeScorecard(ctx, staff(org.users.supervisor), { year: 2026 }),
      'validation_failed',
    );
    expect(early.fields[0]?.path).toBe('year');
    clock.set('2027-01-04T02:00:00Z');
    await rejects(freezeScorecard(ctx, staff(org.users.head), { year: 2026 }), 'forbidden');
    await rejects(
      freezeScorecard(ctx, staff(org.users.supervisor), { year: 2026, scope: '4403' }),
      'forbidden',
    );

    const f = await freezeScorecard(ctx, staff(org.users.supervisor), { year: 2026 });
    const stored = await ctx.db
      .selectFrom('frozen_scorecards')
      .selectAll()
      .where('id', '=', f.id)
      .executeTakeFirstOrThrow();
    // Anyone holding the stored JSON recomputes the hash.
    const recomputed = createHash('sha256').update(stringify(stored.snapshot)!).digest('hex');
    expect(recomputed).toBe(stored.sha256);
    expect(f.sha256).toBe(stored.sha256);
    const snap = stored.snapshot as {
      rows: {
        unitId: number;
        figures: { indicator: string; target: number | null; value: number | null }[];
      }[];
      period: unknown;
    };
    expect(snap.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    const housing = snap.rows.find((r) => r.unitId === org.units.housing)!;
    expect(housing.figures.find((x) => x.indicator === 'on_time_completion')).toMatchObject({
      target: 0.95,
      value: 1,
    });
    // The freezing event repeats the hash in the stream's chain.
    const events = await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', 'scorecard:2026:440305')
      .execute();
    expect(events.map((e) => [e.kind, (e.payload as { sha256: string }).sha256])).toEqual([
      ['scorecard_frozen', stored.sha256],
    ]);

    // Freezing twice, or editing in any way, is refused; the row itself refuses an UPDATE.
    const twice = await rejects(
      freezeScorecard(ctx, staff(org.users.supervisor), { year: 2026 }),
      'conflict',
    );
    expect(twice.details).toEqual({ frozenId: f.id });
    const headers = await login('supervisor');
    for (const method of ['PUT', 'PATCH'] as const) {
      const res = await app.inject({
        method,
        url: `/api/scorecards/${f.id}`,
        headers,
        payload: { rows: [] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ error: { message_zh: string } }>().error.message_zh).toContain('不可修改');
    }
    const again = await app.inject({
      method: 'POST',
      url: '/api/scorecards/freeze',
      headers,
      payload: { year: 2026 },
    });
    expect(again.statusCode).toBe(409);
    await expect(
      sql`UPDATE frozen_scorecards SET sha256 = ${'0'.repeat(64)}`.execute(ctx.db),
    ).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM frozen_scorecards`.execute(ctx.db)).rejects.toThrow(/never changed/);

    // A correction: a new snapshot superseding the old, both kept and hashed, the event citing both.
    const c = await correctScorecard(ctx, staff(org.users.supervisor), f.id, {
      reason: '一件答复日期登记错误，已更正',
    });
    expect(c.sha256).not.toBe(f.sha256);
    const list = await listFrozen(ctx, org.users.supervisor, 2026);
    expect(list.items.map((i) => [i.id, i.supersedesId, i.supersededById, i.intact])).toEqual([
      [f.id, null, c.id, true],
      [c.id, f.id, null, true],
    ]);
    expect(list.items[0]!.rows.length).toBeGreaterThan(1);
    expect(list.items[0]!.rows.every((r) => r.rank >= 1)).toBe(true);
    const corrected = await ctx.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', 'scorecard:2026:440305')
      .orderBy('seq')
      .execute();
    expect(corrected[1]).toMatchObject({
      kind: 'scorecard_corrected',
      payload: {
        supersedesId: f.id,
        previousSha256: f.sha256,
        sha256: c.sha256,
        reason: '一件答复日期登记错误，已更正',
      },
    });
    const newer = (
      await ctx.db
        .selectFrom('frozen_scorecards')
        .select('snapshot')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow()
    ).snapshot as { supersedes: unknown };
    expect(newer.supersedes).toEqual({ id: f.id, sha256: f.sha256 });
    // Only the latest is corrected.
    await rejects(
      correctScorecard(ctx, staff(org.users.supervisor), f.id, { reason: '再次更正' }),
      'conflict',
    );

    // The unit reads its own row only; a unit elsewhere, nothing.
    const own = await getFrozen(ctx, org.users.head, c.id);
    expect(own.rows.map((r) => r.unitId)).toEqual([org.units.housing]);
    const http = await app.inject({ method: 'GET', url: '/api/scorecards/frozen?year=2026', headers });
    expect(http.statusCode).toBe(200);
    expect(http.json<{ items: unknown[] }>().items).toHaveLength(2);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });
});

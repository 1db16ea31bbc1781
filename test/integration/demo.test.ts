import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { foldPending, verifyRollups } from '../../src/analytics/rollup.ts';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { Db } from '../../src/db/database.ts';
import { login, loadStaffUser } from '../../src/auth/sessions.ts';
import { loadDemo, type DemoSummary } from '../../src/demo/index.ts';
import { listOwnerships } from '../../src/leadership/ownership.queries.ts';
import { visibleTo } from '../../src/lifecycle/access-rule.ts';
import { seedReferenceData } from '../../src/org/reference-data.ts';
import { CHANNELS, MATTER_STATES } from '../../src/shared/enums.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const count = async (
  db: Db,
  table:
    'matters' | 'units' | 'users' | 'regions' | 'routing_rules' | 'events' | 'categories' | 'petitioners',
) =>
  (
    await db
      .selectFrom(table)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describeEachDb('demo data (small)', (env) => {
  let summary: DemoSummary;
  beforeAll(async () => {
    summary = await loadDemo(env().ctx, { size: 'small' });
  });

  it('loads matters in every lifecycle state, with no step refused', () => {
    expect(summary.skipped).toBe(false);
    expect(summary.problems).toEqual([]);
    for (const state of MATTER_STATES) expect(summary.byState[state] ?? 0, state).toBeGreaterThan(0);
    expect(summary.matters).toBeGreaterThanOrEqual(35);
    expect(summary.matters).toBeLessThanOrEqual(50);
  });

  it('shows leaders’ instructions as instructions, answered and still open, never as notes', async () => {
    const db = env().ctx.db;
    const states = await db
      .selectFrom('cases')
      .select(['state', sql<number>`count(*)::int`.as('n')])
      .where('type', '=', 'instruction')
      .groupBy('state')
      .execute();
    const n = Object.fromEntries(states.map((r) => [r.state, r.n]));
    expect(n.answered ?? 0).toBeGreaterThanOrEqual(1);
    expect(n.open ?? 0).toBeGreaterThanOrEqual(1);
    const fakes = await db
      .selectFrom('events')
      .select('id')
      .where('kind', '=', 'note')
      .where(sql<boolean>`payload->>'note' LIKE '领导批示%'`)
      .execute();
    expect(fakes).toEqual([]);
  });

  it('shows supervision cards at every level, the unanswered ones escalated by the evening scans', async () => {
    const db = env().ctx.db;
    const cards = await db.selectFrom('supervision_cards').select(['level', 'escalations']).execute();
    expect(new Set(cards.map((c) => c.level))).toEqual(new Set(['normal', 'yellow', 'red']));
    expect(cards.some((c) => c.escalations > 0)).toBe(true);
    // One card on a unit's set: the overdue matters in hand of one unit, each led by that unit.
    const onSet = await db
      .selectFrom('cases as c')
      .innerJoin('supervision_cards as s', 's.case_id', 'c.id')
      .innerJoin('supervision_card_matters as cm', 'cm.case_id', 'c.id')
      .innerJoin('matter_units as mu', (j) =>
        j
          .onRef('mu.matter_id', '=', 'cm.matter_id')
          .on('mu.role', '=', 'lead')
          .on('mu.released_at', 'is', null),
      )
      .select(['c.id', 's.target_unit_id', 'mu.unit_id'])
      .where('c.matter_id', 'is', null)
      .execute();
    expect(new Set(onSet.map((r) => r.id)).size).toBe(1);
    expect(onSet.length).toBeGreaterThanOrEqual(2);
    expect(onSet.every((r) => r.unit_id === r.target_unit_id)).toBe(true);
  });

  it('shows three owned cases with plans: one resolved from its matter, one with a step overdue, one under way', async () => {
    const { ctx } = env();
    const leader = (
      await ctx.db.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow()
    ).id;
    const list = await listOwnerships(ctx, (await loadStaffUser(ctx, leader))!, { view: 'mine' });
    expect(list.items).toHaveLength(3);
    expect(list.items.map((o) => o.outcome).sort()).toEqual(['in_progress', 'in_progress', 'resolved']);
    expect(list.summary.overdueSteps).toBeGreaterThanOrEqual(1);
    for (const o of list.items) {
      expect(o.steps).toHaveLength(2);
      expect(o.card).not.toBeNull();
      expect(o.members.some((m) => m.role === 'lead_unit')).toBe(true);
    }
    const resolved = list.items.find((o) => o.outcome === 'resolved')!;
    expect(resolved).toMatchObject({ state: 'replied', progress: 100 });
    expect(resolved.writtenReply).toBeTruthy();
  });

  it('records follow-ups in office hours after ratings, an unsatisfied one flagged as not solved', async () => {
    const db = env().ctx.db;
    const rows = await db.selectFrom('follow_ups').select('solved').execute();
    expect(rows.some((r) => r.solved === 'solved')).toBe(true);
    expect(rows.some((r) => r.solved === 'not_solved')).toBe(true);
    // The bureau phones in office hours (Beijing 09:00–16:00), never at night.
    const at = await db.selectFrom('cases').select('opened_at').where('type', '=', 'follow_up').execute();
    const hours = at.map((r) => (r.opened_at.getUTCHours() + 8) % 24);
    expect(hours.length).toBe(rows.length);
    expect(hours.filter((h) => h < 9 || h > 16)).toEqual([]);
  });

  it('uses every channel, collective visits with at most five representatives, and both kinds of repeats', async () => {
    const db = env().ctx.db;
    const channels = (await db.selectFrom('matters').select('channel').distinct().execute()).map(
      (r) => r.channel,
    );
    expect(channels.sort()).toEqual([...CHANNELS].sort());
    const collective = await db
      .selectFrom('matters as m')
      .innerJoin('matter_petitioners as mp', 'mp.matter_id', 'm.id')
      .select([
        'm.id',
        'm.head_count',
        sql<number>`count(*) filter (where mp.is_representative)::int`.as('reps'),
      ])
      .where('m.is_collective', '=', true)
      .groupBy(['m.id', 'm.head_count'])
      .execute();
    expect(collective.length).toBeGreaterThanOrEqual(2);
    for (const c of collective) {
      expect(c.head_count).toBeGreaterThanOrEqual(5);
      expect(c.reps).toBeGreaterThanOrEqual(1);
      expect(c.reps).toBeLessThanOrEqual(5);
    }
    const merged = await db
      .selectFrom('matters')
      .select(['id', 'repeat_of_id'])
      .where('state', '=', 'merged')
      .execute();
    for (const m of merged) expect(m.repeat_of_id).not.toBeNull();
    // The same person (one record) has more than one matter.
    const repeaters = await db
      .selectFrom('matter_petitioners')
      .select('petitioner_id')
      .groupBy('petitioner_id')
      .having(sql`count(*)`, '>', 1)
      .execute();
    expect(repeaters.length).toBeGreaterThanOrEqual(3);
  });

  it('never lets the reported unit handle a report of misconduct', async () => {
    const db = env().ctx.db;
    const reports = await db
      .selectFrom('matters')
      .select(['id', 'reported_unit_id', 'channel', 'state', 'target'])
      .where('is_misconduct_report', '=', true)
      .execute();
    expect(reports.length).toBeGreaterThanOrEqual(3);
    // Online reports name the unit in the petitioner's words; one still waits for the registrar to
    // identify it (and so has gone nowhere), the others were identified, an audited step, first.
    const unidentified = reports.filter((r) => r.reported_unit_id === null);
    expect(unidentified.length).toBeGreaterThanOrEqual(1);
    for (const r of unidentified) expect(r).toMatchObject({ channel: 'web', state: 'registered' });
    for (const r of unidentified) expect(r.target).toBeTruthy();
    const identified = await db
      .selectFrom('events')
      .select(['matter_id', 'payload'])
      .where('kind', '=', 'reported_unit_identified')
      .execute();
    expect(identified.length).toBeGreaterThanOrEqual(1);
    for (const e of identified) {
      const r = reports.find((x) => x.id === e.matter_id)!;
      expect(r.channel).toBe('web');
      expect(r.reported_unit_id).toBe((e.payload as { unitId: number }).unitId);
    }
    const handledByReported = await db
      .selectFrom('matter_units as mu')
      .innerJoin('matters as m', 'm.id', 'mu.matter_id')
      .select('m.id')
      .where('m.is_misconduct_report', '=', true)
      .whereRef('mu.unit_id', '=', 'm.reported_unit_id')
      .execute();
    expect(handledByReported).toEqual([]);
  });

  it('shows a functional department only its own matters, and no misconduct report to anyone but its bureau and handler', async () => {
    const { ctx } = env();
    const userOf = async (username: string) => {
      const row = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return (await loadStaffUser(ctx, row.id))!;
    };
    const visible = async (username: string) => {
      const user = await userOf(username);
      return (
        await ctx.db
          .selectFrom('matters as m')
          .select(['m.id', 'm.is_misconduct_report', 'm.registering_unit_id'])
          .where(visibleTo(user))
          .execute()
      ).map((r) => ({ ...r, user }));
    };
    const all = await count(ctx.db, 'matters');
    expect((await visible('registrar')).length).toBeGreaterThan(all * 0.8);
    for (const dept of ['labour', 'officer']) {
      const seen = await visible(dept);
      expect(seen.length, dept).toBeLessThan(all / 2);
      for (const m of seen) {
        const units = await ctx.db
          .selectFrom('matter_units')
          .select('unit_id')
          .where('matter_id', '=', m.id)
          .where('released_at', 'is', null)
          .execute();
        const own =
          m.registering_unit_id === m.user.unit.id || units.some((u) => u.unit_id === m.user.unit.id);
        expect(own, `${dept} sees matter ${m.id}`).toBe(true);
      }
    }
    for (const outsider of ['labour', 'officer', 'unithead', 'street', 'cityhead'])
      expect(
        (await visible(outsider)).filter((m) => m.is_misconduct_report),
        outsider,
      ).toEqual([]);
    expect((await visible('discipline')).some((m) => m.is_misconduct_report)).toBe(true);
  });

  it('has warning and overdue marks raised by the deadline scanner, and matters closed by it', async () => {
    const db = env().ctx.db;
    const kinds = (await db.selectFrom('events').select('kind').distinct().execute()).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'deadline_warning',
        'deadline_overdue',
        'objected',
        'extended',
        'merged',
        'not_accepted',
        'reviewed',
        'rechecked',
        'concluded',
        'closed',
      ]),
    );
    const now = env().ctx.clock();
    const overdue = await db
      .selectFrom('deadlines')
      .select('id')
      .where('status', '=', 'open')
      .where('due_at', '<', now)
      .execute();
    expect(overdue.length).toBeGreaterThan(0);
    // Every event happened before the real now, and each matter's events are in time order.
    const late = await db.selectFrom('events').select('id').where('at', '>', now).execute();
    expect(late).toEqual([]);
    const disordered = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM events a JOIN events b ON a.stream = b.stream AND b.seq = a.seq + 1 WHERE b.at < a.at`.execute(
      db,
    );
    expect(disordered.rows[0]?.n).toBe(0);
  });

  it('keeps the statistics rollups equal to a recount, through every step the demo takes', async () => {
    const { ctx } = env();
    expect((await verifyRollups(ctx)).differences).toEqual([]);
    await foldPending(ctx);
    const { differences, cells } = await verifyRollups(ctx);
    expect(differences).toEqual([]);
    expect(cells).toBeGreaterThan(100);
  });

  it('creates every login, each loadable, with the demo password', async () => {
    const { ctx } = env();
    expect(summary.users).toEqual(
      expect.arrayContaining([
        'admin',
        'registrar',
        'leader',
        'supervisor',
        'analyst',
        'officer',
        'unithead',
        'labour',
        'street',
        'cityhead',
        'provhead',
        'discipline',
      ]),
    );
    for (const username of summary.users) {
      const row = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const user = await loadStaffUser(ctx, row.id);
      expect(user?.username).toBe(username);
    }
    const street = await ctx.db
      .selectFrom('users as u')
      .innerJoin('units as n', 'n.id', 'u.unit_id')
      .select('n.name')
      .where('u.username', '=', 'street')
      .executeTakeFirstOrThrow();
    expect(street.name).toBe('南山街道办事处');
    const session = await login(ctx, 'registrar', 'minsheng-demo');
    expect(session.user.unit.name).toBe('南山区信访局');
  });

  it('keeps the audit log verifiable', async () => {
    const report = await verifyAuditLog(env().ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(summary.matters * 2);
  });

  it('does nothing when loaded again', async () => {
    const db = env().ctx.db;
    const tables = [
      'matters',
      'units',
      'users',
      'regions',
      'routing_rules',
      'events',
      'petitioners',
    ] as const;
    const before = await Promise.all(tables.map((t) => count(db, t)));
    const again = await loadDemo(env().ctx, { size: 'small' });
    expect(again.skipped).toBe(true);
    expect(again.reason).toMatch(/matters/);
    expect(await Promise.all(tables.map((t) => count(db, t)))).toEqual(before);
  });

  it('seeds reference data idempotently', async () => {
    const db = env().ctx.db;
    const before = [await count(db, 'regions'), await count(db, 'categories')];
    expect(await seedReferenceData(db, new Date())).toEqual({ categories: 0, regions: 0 });
    expect([await count(db, 'regions'), await count(db, 'categories')]).toEqual(before);
    const levels = await db
      .selectFrom('regions')
      .select(['level', sql<number>`count(*)::int`.as('n')])
      .groupBy('level')
      .execute();
    const n = Object.fromEntries(levels.map((l) => [l.level, l.n]));
    expect(n.province).toBe(31);
    expect(n.county).toBeGreaterThan(2800);
    expect(n.township).toBe(9);
    expect(n.grid).toBeGreaterThan(50);
  });
});

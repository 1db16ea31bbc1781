import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../../src/analytics/period.ts';
import { foldPending, rebuildRollups, verifyRollups } from '../../src/analytics/rollup.ts';
import { resolveStatsScope, visibleInScope } from '../../src/analytics/stats-scope.ts';
import { volumeTable } from '../../src/analytics/volume.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { visibleTo } from '../../src/lifecycle/access-rule.ts';
import { CHANNELS, LODGED_LEVELS, MATTER_STATES, PURPOSES } from '../../src/shared/enums.ts';
import {
  VOLUME_DIMENSIONS,
  type VolumeDimension,
  type VolumeFigures,
} from '../../src/shared/stats.schema.ts';
import { seedOrg, type Org } from '../helpers/fixtures.ts';
import { reassignLead } from '../helpers/stats-history.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * Issue 12, correctness: random histories of matters — written straight to the tables, so the
 * triggers are the only bookkeeping — and every volume table compared with a plain SQL count over
 * the raw rows, for users of every kind of scope, on both databases. Instants cluster at the turn of
 * the year in Beijing time, where a UTC reading would put a matter in the wrong year.
 */

// 2025-12-31 23:30 in Beijing is 15:30 UTC: in 2025. 2026-01-01 00:10 in Beijing is in 2026.
const INSTANTS = [
  '2024-12-31T15:59:00Z',
  '2024-12-31T16:00:00Z',
  '2025-02-28T16:30:00Z',
  '2025-06-15T02:00:00Z',
  '2025-12-31T15:30:00Z',
  '2025-12-31T16:10:00Z',
  '2026-01-01T03:00:00Z',
  '2026-02-28T15:59:59Z',
  '2026-03-01T08:00:00Z',
];
const PERIODS: Period[] = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2025-12-31', to: '2025-12-31' },
  { from: '2025-03-01', to: '2026-02-28' },
  // Odd days at both ends around a whole month: read from the days and from the months.
  { from: '2025-11-15', to: '2026-01-10' },
  // Months read whole less the days left out (28 February 2026 holds a matter and is left out).
  { from: '2025-02-03', to: '2026-02-26' },
];

type Op =
  | {
      op: 'insert';
      channel: string;
      level: string;
      purpose: string;
      category: number;
      region: number;
      headCount: number;
      misconduct: boolean;
      reported: number;
      registering: number;
      at: string;
      state: string;
    }
  | { op: 'state'; matter: number; state: string }
  | { op: 'lead'; matter: number; unit: number }
  | { op: 'release'; matter: number }
  | { op: 'co'; matter: number; unit: number }
  | { op: 'repeat'; matter: number; of: number }
  | { op: 'category'; matter: number; category: number }
  // A matter found to be (or not to be) a report of misconduct, and the unit it reports named later:
  // each moves the matter between the rollup rows anyone counts and those of its registering unit.
  | { op: 'reclassify'; matter: number }
  | { op: 'reported'; matter: number; unit: number }
  | { op: 'fold' };

describeEachDb('volume tables equal a plain count over the matters', (env) => {
  let org: Org;
  let regions: string[] = [];
  let categories: (string | null)[] = [];
  let units: number[] = [];
  let users: StaffUser[] = [];
  let seq = 0;

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    const other = await ctx.db
      .selectFrom('regions')
      .select('code')
      .where('code', 'like', '4401%')
      .where('level', '=', 'county')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    regions = ['440305', '440305001', '440305001001', '440305002', '4403', other.code, '44'];
    const cats = await ctx.db.selectFrom('categories').select(['code', 'level']).orderBy('code').execute();
    // Categories of every level of the tree, and none.
    categories = [
      null,
      ...[1, 2, 3].flatMap((l) =>
        cats
          .filter((c) => c.level === l)
          .slice(0, 3)
          .map((c) => c.code),
      ),
    ];
    const u = org.units;
    units = [
      u.bureau,
      u.housing,
      u.labour,
      u.discipline,
      u.street,
      u.countyGov,
      u.cityBureau,
      u.provinceBureau,
    ];
    const s = org.users;
    users = [s.provinceHead, s.cityHead, s.analyst, s.countyHead, s.streetHead, s.discipline, s.head];
  });

  const pick = <T>(list: T[], i: number) => list[i % list.length]!;

  async function apply(op: Op, matterIds: number[]): Promise<void> {
    const db = env().ctx.db;
    const target = (i: number) => pick(matterIds, i);
    switch (op.op) {
      case 'insert': {
        seq += 1;
        const channel = op.channel;
        const region = pick(regions, op.region);
        const row = await db
          .insertInto('matters')
          .values({
            case_number: `STATS-${env().kind}-${seq}`,
            query_code: `Q${env().kind}${seq}`,
            channel,
            purpose: op.misconduct ? 'accusation' : op.purpose,
            category_code: pick(categories, op.category),
            subject: '统计测试',
            content: '统计测试事项',
            region_code: region,
            lodged_level: op.level,
            is_misconduct_report: op.misconduct,
            reported_unit_id: op.misconduct ? pick([null, ...units], op.reported) : null,
            head_count: op.headCount,
            is_collective: channel === 'visit' && op.headCount >= 5,
            state: op.state,
            registering_unit_id: pick(units, op.registering),
            received_at: new Date(op.at),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        matterIds.push(row.id);
        return;
      }
      case 'fold':
        await foldPending(env().ctx);
        return;
    }
    if (matterIds.length === 0) return;
    const id = target(op.matter);
    const now = new Date('2026-03-02T01:00:00Z');
    switch (op.op) {
      case 'state':
        await db.updateTable('matters').set({ state: op.state }).where('id', '=', id).execute();
        return;
      case 'category':
        await db
          .updateTable('matters')
          .set({ category_code: pick(categories, op.category) })
          .where('id', '=', id)
          .execute();
        return;
      case 'reclassify':
        await db
          .updateTable('matters')
          .set((eb) => ({ is_misconduct_report: eb.not('is_misconduct_report') }))
          .where('id', '=', id)
          .execute();
        return;
      case 'reported':
        await db
          .updateTable('matters')
          .set({ reported_unit_id: pick([null, ...units], op.unit) })
          .where('id', '=', id)
          .where('is_misconduct_report', '=', true)
          .execute();
        return;
      case 'repeat': {
        const of = target(op.of);
        if (of !== id)
          await db.updateTable('matters').set({ repeat_of_id: of }).where('id', '=', id).execute();
        return;
      }
      case 'release':
      case 'lead':
        await reassignLead(db, id, op.op === 'lead' ? pick(units, op.unit) : null, now);
        return;
      case 'co':
        await db
          .insertInto('matter_units')
          .values({ matter_id: id, unit_id: pick(units, op.unit), role: 'co', assigned_at: now })
          .execute();
        return;
    }
  }

  /** The figures by the dimension's key, counted the plain way: the access rule and a GROUP BY. */
  async function plainCount(
    user: StaffUser,
    region: string,
    period: Period,
    by: VolumeDimension | null,
  ): Promise<Map<string, VolumeFigures>> {
    const db = env().ctx.db;
    const localDay = sql`(m.received_at AT TIME ZONE 'Asia/Shanghai')::date`;
    const key = {
      level: sql`m.lodged_level`,
      channel: sql`m.channel`,
      purpose: sql`m.purpose`,
      category1: sql`coalesce(c1.code, 'uncategorised')`,
      category2: sql`coalesce(c2.code, 'uncategorised')`,
      category3: sql`coalesce(m.category_code, 'uncategorised')`,
      region: sql`coalesce((SELECT r.code FROM regions r WHERE r.parent_code = ${region} AND m.region_code LIKE r.code || '%'), ${region})`,
      unit: sql`coalesce(l.unit_id::text, 'unassigned')`,
      state: sql`m.state`,
      year: sql`to_char(${localDay}, 'YYYY')`,
      month: sql`to_char(${localDay}, 'YYYY-MM')`,
    };
    // A category's ancestor at levels 1 and 2 (a coarser category stands for itself).
    const rows = await db
      .selectFrom('matters as m')
      .leftJoin('matter_units as l', (j) =>
        j.onRef('l.matter_id', '=', 'm.id').on('l.role', '=', 'lead').on('l.released_at', 'is', null),
      )
      .leftJoin('categories as c3', 'c3.code', 'm.category_code')
      .leftJoin('categories as c2', (j) =>
        j.on(sql<boolean>`c2.code = CASE WHEN c3.level = 3 THEN c3.parent_code ELSE c3.code END`),
      )
      .leftJoin('categories as c1', (j) =>
        j.on(sql<boolean>`c1.code = CASE WHEN c2.level = 2 THEN c2.parent_code ELSE c2.code END`),
      )
      .where(visibleTo(user))
      .where('m.region_code', 'like', `${region}%`)
      .where(sql<boolean>`${localDay} BETWEEN ${period.from}::date AND ${period.to}::date`)
      .select([
        (by ? key[by] : sql`'total'`).as('k'),
        sql<number>`count(*)::int`.as('cases'),
        sql<number>`sum(m.head_count)::int`.as('people'),
        sql<number>`sum(CASE WHEN m.channel = 'visit' THEN 1 ELSE 0 END)::int`.as('vb'),
        sql<number>`sum(CASE WHEN m.channel = 'visit' THEN m.head_count ELSE 0 END)::int`.as('vp'),
        sql<number>`sum(CASE WHEN m.channel = 'visit' AND m.head_count >= 5 THEN 1 ELSE 0 END)::int`.as('cb'),
        sql<number>`sum(CASE WHEN m.channel = 'visit' AND m.head_count >= 5 THEN m.head_count ELSE 0 END)::int`.as(
          'cp',
        ),
      ])
      .groupBy(sql`1`)
      .execute();
    return new Map(
      rows.map((r) => [
        String(r.k),
        {
          cases: r.cases,
          people: r.people,
          visitBatches: r.vb,
          visitPeople: r.vp,
          collectiveBatches: r.cb,
          collectivePeople: r.cp,
        },
      ]),
    );
  }

  const ZERO = {
    cases: 0,
    people: 0,
    visitBatches: 0,
    visitPeople: 0,
    collectiveBatches: 0,
    collectivePeople: 0,
  };
  const figuresOf = (f: VolumeFigures) => ({
    cases: f.cases,
    people: f.people,
    visitBatches: f.visitBatches,
    visitPeople: f.visitPeople,
    collectiveBatches: f.collectiveBatches,
    collectivePeople: f.collectivePeople,
  });

  /** The regions a user may ask about: their own subtree, and a county or township inside it. */
  const regionsOf = (user: StaffUser) => {
    const own = user.unit.kind === 'functional_department' || user.unit.kind === 'discipline_inspection';
    if (own) return ['44', '440305'];
    const mine = user.unit.regionCode;
    return [mine, ...regions.filter((r) => r !== mine && r.startsWith(mine))].slice(0, 3);
  };

  async function check(user: StaffUser, region: string, period: Period, by: VolumeDimension | null) {
    const { ctx } = env();
    const scope = await resolveStatsScope(ctx.db, user, region);
    const table = await volumeTable(ctx.db, scope, { period, by }, ctx.clock());
    const [now, before] = await Promise.all([
      plainCount(user, region, period, by),
      plainCount(user, region, table.previousPeriod, by),
    ]);
    const what = `${user.username} ${region} ${period.from}..${period.to} by ${by ?? 'total'} (${scope.mode})`;
    const sum = (m: Map<string, VolumeFigures>) =>
      [...m.values()].reduce(
        (a, b) => ({
          cases: a.cases + b.cases,
          people: a.people + b.people,
          visitBatches: a.visitBatches + b.visitBatches,
          visitPeople: a.visitPeople + b.visitPeople,
          collectiveBatches: a.collectiveBatches + b.collectiveBatches,
          collectivePeople: a.collectivePeople + b.collectivePeople,
        }),
        ZERO,
      );
    expect(figuresOf(table.total), what).toEqual(sum(now));
    expect(figuresOf(table.total.previous), what).toEqual(sum(before));
    if (!by) return;
    if (by === 'year' || by === 'month') {
      // Rows are the period's years or months; each compares with the same one a year before.
      const shifted = new Map([...before].map(([k, v]) => [`${Number(k.slice(0, 4)) + 1}${k.slice(4)}`, v]));
      before.clear();
      for (const [k, v] of shifted) before.set(k, v);
      const width = by === 'year' ? 4 : 7;
      for (const row of table.rows) {
        expect(row.key! >= period.from.slice(0, width) && row.key! <= period.to.slice(0, width), what).toBe(
          true,
        );
      }
    }
    const keys = new Set([...now.keys(), ...before.keys()]);
    for (const k of keys) {
      const row = table.rows.find((r) => r.key === k);
      expect(row, `${what}: row ${k}`).toBeDefined();
      expect(figuresOf(row!), `${what}: row ${k}`).toEqual(now.get(k) ?? ZERO);
      expect(figuresOf(row!.previous), `${what}: row ${k} a year before`).toEqual(before.get(k) ?? ZERO);
    }
    for (const row of table.rows.filter((r) => !keys.has(r.key!))) {
      expect(figuresOf(row), `${what}: row ${row.key} counts nothing`).toEqual(ZERO);
      expect(figuresOf(row.previous), `${what}: row ${row.key} counts nothing`).toEqual(ZERO);
    }
  }

  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        channel: fc.constantFrom(...CHANNELS, 'visit', 'visit'),
        level: fc.constantFrom(...LODGED_LEVELS),
        purpose: fc.constantFrom(...PURPOSES),
        category: fc.nat(20),
        region: fc.nat(20),
        headCount: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 5, max: 60 })),
        misconduct: fc.oneof(
          { weight: 3, arbitrary: fc.constant(false) },
          { weight: 1, arbitrary: fc.constant(true) },
        ),
        reported: fc.nat(20),
        registering: fc.nat(20),
        at: fc.constantFrom(...INSTANTS),
        state: fc.constantFrom(...MATTER_STATES),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('state' as const),
        matter: fc.nat(),
        state: fc.constantFrom(...MATTER_STATES),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('lead' as const), matter: fc.nat(), unit: fc.nat(20) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('release' as const), matter: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('co' as const), matter: fc.nat(), unit: fc.nat(20) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('repeat' as const), matter: fc.nat(), of: fc.nat() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('category' as const), matter: fc.nat(), category: fc.nat(20) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('reclassify' as const), matter: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('reported' as const), matter: fc.nat(), unit: fc.nat(20) }),
    },
    { weight: 1, arbitrary: fc.constant({ op: 'fold' as const }) },
  );

  it('for random histories, users, periods and dimensions, before and after folding', async () => {
    const matterIds: number[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.record({
            user: fc.nat(),
            region: fc.nat(),
            period: fc.constantFrom(...PERIODS),
            by: fc.constantFrom(null, ...VOLUME_DIMENSIONS),
          }),
          { minLength: 3, maxLength: 6 },
        ),
        async (ops, checks) => {
          for (const op of ops) await apply(op, matterIds);
          for (const c of checks) {
            const user = pick(users, c.user);
            await check(user, pick(regionsOf(user), c.region), c.period, c.by);
          }
          const { differences } = await verifyRollups(env().ctx);
          expect(differences).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
    expect(matterIds.length).toBeGreaterThan(5);
  });

  it('every user, region, period and dimension, after a fold and after a rebuild', async () => {
    const sweep = async () => {
      for (const user of users)
        for (const region of regionsOf(user))
          for (const period of PERIODS.slice(0, 2))
            for (const by of [null, ...VOLUME_DIMENSIONS]) await check(user, region, period, by);
    };
    await foldPending(env().ctx);
    await sweep();
    const { rows } = await rebuildRollups(env().ctx);
    expect(rows).toBeGreaterThan(0);
    const pending = await env()
      .ctx.db.selectFrom('stats_pending')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(pending.n).toBe(0);
    await sweep();
    expect((await verifyRollups(env().ctx)).differences).toEqual([]);
  });

  it('reads the access rule inside a scope as the access rule itself, for every user and region', async () => {
    const { ctx } = env();
    for (const user of users)
      for (const region of regionsOf(user)) {
        const scope = await resolveStatsScope(ctx.db, user, region);
        const ids = async (cond: ReturnType<typeof visibleTo>) =>
          (
            await ctx.db
              .selectFrom('matters as m')
              .select('m.id')
              .where('m.region_code', 'like', `${region}%`)
              .where(cond)
              .orderBy('m.id')
              .execute()
          ).map((r) => r.id);
        const plainIds = await ids(visibleTo(user));
        expect(await ids(visibleInScope(scope)), `${user.username} ${region}`).toEqual(plainIds);
      }
  });

  it('verify reports a rollup cell that differs from the matters', async () => {
    const { ctx } = env();
    await apply(
      {
        op: 'insert',
        channel: 'visit',
        level: 'county',
        purpose: 'request',
        category: 0,
        region: 0,
        headCount: 6,
        misconduct: false,
        reported: 0,
        registering: 0,
        at: '2026-01-01T03:00:00Z',
        state: 'registered',
      },
      [],
    );
    await foldPending(ctx);
    const changed = await ctx.db
      .updateTable('stats_volume')
      .set((eb) => ({ cases: eb('cases', '+', 1) }))
      .where('scope', '=', '440305')
      .where('viewer', '=', 0)
      .where('dim', '=', 'channel')
      .where('value', '=', 'visit')
      .where('day', '=', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(Number(changed.numUpdatedRows)).toBe(1);
    const { differences } = await verifyRollups(ctx);
    expect(differences.length).toBeGreaterThan(0);
    expect(
      differences.every(
        (d) =>
          d.table === 'stats_volume' &&
          d.scope === '440305' &&
          d.cell === 'channel=visit 2026-01-01' &&
          d.measure === 'cases',
      ),
    ).toBe(true);
    expect(differences[0]!.actual).toBe(differences[0]!.expected + 1);
    await rebuildRollups(ctx);
    expect((await verifyRollups(ctx)).differences).toEqual([]);

    // A month that is not what its matters make is reported too, as that month.
    const month = await ctx.db
      .updateTable('stats_volume_month')
      .set((eb) => ({ people: eb('people', '-', 2) }))
      .where('scope', '=', '440305')
      .where('viewer', '=', 0)
      .where('dim', '=', 'level')
      .where('value', '=', 'county')
      .where('month', '=', '2026-01-01')
      .executeTakeFirstOrThrow();
    expect(Number(month.numUpdatedRows)).toBe(1);
    const after = (await verifyRollups(ctx)).differences;
    expect(after.map((d) => [d.table, d.scope, d.cell, d.measure, d.expected - d.actual])).toEqual([
      ['stats_volume_month', '440305', 'level=county 2026-01', 'people', 2],
    ]);
    await rebuildRollups(ctx);
    expect((await verifyRollups(ctx)).differences).toEqual([]);
  });

  it('the period is checked: dates, order and at most ten years', () => {
    expect(() => parsePeriod({ from: '2026-13-01', to: '2026-12-31' })).toThrow(/YYYY-MM-DD/);
    expect(() => parsePeriod({ from: '2026-02-01', to: '2026-01-31' })).toThrow(/not be after/);
    expect(() => parsePeriod({ from: '2016-01-01', to: '2026-01-02' })).toThrow(/10 years/);
    expect(parsePeriod({ from: '2016-01-01', to: '2026-01-01' })).toEqual({
      from: '2016-01-01',
      to: '2026-01-01',
    });
  });
});

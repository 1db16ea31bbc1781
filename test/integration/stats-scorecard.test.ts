import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeIndicators } from '../../src/analytics/indicators.ts';
import type { Period } from '../../src/analytics/period.ts';
import { saveUnitTargets } from '../../src/analytics/scorecard-settings.ts';
import { resolveStatsScope } from '../../src/analytics/stats-scope.ts';
import { computeIndicatorsByUnit } from '../../src/analytics/unit-indicators.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { loadStaffUser } from '../../src/auth/sessions.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import { linkRepeat } from '../../src/lifecycle/link-repeat.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import type { ErrorBody } from '../../src/shared/api.schema.ts';
import {
  DEFAULT_SCORECARD_WEIGHTS,
  type Indicator,
  type Scorecard,
  type ScorecardRow,
  type UnitComparison,
  type UnitTargets,
} from '../../src/shared/stats.schema.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const PERIOD: Period = { from: '2026-03-01', to: '2026-06-30' };
const NOW = '2026-08-15T01:00:00Z';
const Q = `from=${PERIOD.from}&to=${PERIOD.to}`;

describeEachDb('unit scorecards and unit comparison', (env) => {
  let app: FastifyInstance;
  let org: Org;
  /** Two more county departments: education answers like labour (a tie), transport has nothing. */
  const extra = { education: 0, transport: 0 };
  const ids: Record<string, number> = {};
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const login = async (username: string) => {
    if (!sessions[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      sessions[username] = {
        cookie: String(res.headers['set-cookie']).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    }
    return sessions[username];
  };
  const call = async (username: string | null, method: 'GET' | 'PUT', url: string, payload?: unknown) => {
    const s = username ? await login(username) : null;
    return app.inject({
      method,
      url,
      headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  const get = async <T>(username: string, url: string): Promise<T> => {
    const res = await call(username, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const refused = async (
    res: Awaited<ReturnType<typeof call>>,
    status: number,
    path?: string,
  ): Promise<ErrorBody> => {
    expect(res.statusCode, res.body).toBe(status);
    const body = res.json<ErrorBody>();
    expect(body.error.message_zh).toBeTruthy();
    expect(body.error.message_en).toBeTruthy();
    if (path) expect(body.error.fields.map((f) => f.path)).toContain(path);
    return body;
  };
  const rowOf = (card: Scorecard, unitId: number) => card.rows.find((r) => r.unitId === unitId);
  const fig = (row: ScorecardRow, k: Indicator) => row.figures.find((f) => f.indicator === k)!;

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    const hash = await hashPassword(TEST_PASSWORD);
    const staffOf = async (unitName: string, username: string) => {
      const unit = await ctx.db
        .insertInto('units')
        .values({ name: unitName, kind: 'functional_department', level: 'county', region_code: '440305' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const user = await ctx.db
        .insertInto('users')
        .values({
          username,
          display_name: username,
          password_hash: hash,
          unit_id: unit.id,
          roles: ['officer', 'unit_head'],
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { unitId: unit.id, user: (await loadStaffUser(ctx, user.id))! };
    };
    const education = await staffOf('南山区教育局', 'eduhead');
    extra.education = education.unitId;
    extra.transport = (await staffOf('南山区交通运输局', 'transporthead')).unitId;
    const registrar = org.staff(org.users.registrar);
    const at = (iso: string) => clock.set(iso);
    const accept = async (id: number, leadUnitId: number, signer: StaffUser) => {
      await cmd.decide(ctx, registrar, id, { decision: 'accept', leadUnitId });
      await cmd.signFor(ctx, org.staff(signer), id);
    };
    const reply = (user: StaffUser, id: number) =>
      cmd.reply(ctx, org.staff(user), id, { outcome: 'explained', facts: '经查明', legalBasis: '相关规定' });

    at('2026-03-02T01:00:00Z');
    // A (housing): answered in time and rated satisfied; F, received later, repeats it and housing leads it.
    ids.A = (await registerTestMatter(ctx, org)).id;
    await accept(ids.A, org.units.housing, org.users.officer);
    // C (labour) and E (education): answered in time, rated unsatisfied — the same figures, a tie.
    ids.C = (await registerTestMatter(ctx, org, { categoryCode: 'labour_social_security' })).id;
    await accept(ids.C, org.units.labour, org.users.labourHead);
    ids.E = (await registerTestMatter(ctx, org)).id;
    await accept(ids.E, extra.education, education.user);
    // H: handed down to the street office, answered, then changed on review by the district government.
    ids.H = (await registerTestMatter(ctx, org)).id;
    await cmd.decide(ctx, registrar, ids.H, {
      decision: 'hand_down',
      unitId: org.units.street,
      dueDate: '2026-04-30',
    });
    await cmd.signFor(ctx, org.staff(org.users.streetHead), ids.H);
    // G: a report of misconduct about the street office, led by discipline inspection, never answered.
    ids.G = (
      await registerTestMatter(ctx, org, { purpose: 'accusation', target: '南头街道办事处某工作人员' })
    ).id;
    await cmd.identifyReportedUnit(ctx, registrar, ids.G, { unitId: org.units.street });
    await accept(ids.G, org.units.discipline, org.users.discipline);
    // I: received before the period and never decided (overdue, backlog, no unit).
    ids.I = (await registerTestMatter(ctx, org, { receivedAt: '2025-12-01T02:00:00Z' })).id;

    at('2026-03-22T01:00:00Z');
    await reply(org.users.head, ids.A);
    await cmd.rate(ctx, { kind: 'petitioner' }, ids.A, { rating: 'satisfied' });
    await reply(org.users.labourHead, ids.C);
    await cmd.rate(ctx, { kind: 'petitioner' }, ids.C, { rating: 'unsatisfied' });
    await reply(education.user, ids.E);
    await cmd.rate(ctx, { kind: 'petitioner' }, ids.E, { rating: 'unsatisfied' });
    at('2026-04-10T01:00:00Z');
    await reply(org.users.streetHead, ids.H);
    at('2026-04-11T01:00:00Z');
    await cmd.requestReview(ctx, { kind: 'petitioner' }, ids.H, { reason: '不服处理意见' });
    at('2026-04-14T01:00:00Z');
    await cmd.decideReview(ctx, org.staff(org.users.countyHead), ids.H, {
      outcome: 'changed',
      facts: '复查改变',
      legalBasis: '条例第三十五条',
    });
    at('2026-04-23T01:00:00Z');
    await cmd.close(ctx, registrar, ids.A, {});
    at('2026-05-10T01:00:00Z');
    const f = await registerTestMatter(ctx, org);
    ids.F = f.id;
    const a = await ctx.db
      .selectFrom('matters')
      .select('case_number')
      .where('id', '=', ids.A)
      .executeTakeFirstOrThrow();
    await linkRepeat(ctx, ids.F, { matterId: ids.A, caseNumber: a.case_number, similarity: 1 });
    await accept(ids.F, org.units.housing, org.users.officer);

    at(NOW);
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts every unit’s figures in one pass exactly as the indicators filtered to that unit', async () => {
    const { ctx } = env();
    const now = new Date(NOW);
    const units = [...Object.values(org.units), extra.education, extra.transport];
    for (const user of [org.users.analyst, org.users.head, org.users.streetHead, org.users.discipline])
      for (const category of [null, 'urban_construction']) {
        const scope = await resolveStatsScope(ctx.db, user, null);
        const byUnit = await computeIndicatorsByUnit(ctx.db, scope, { period: PERIOD, category }, now);
        expect(byUnit.map((u) => u.unitId)).toEqual([...byUnit.map((u) => u.unitId)].sort((x, y) => x - y));
        for (const unitId of units) {
          const single = await computeIndicators(ctx.db, scope, { period: PERIOD, unitId, category }, now);
          const mine = byUnit.find((u) => u.unitId === unitId);
          const where = `${user.username} unit=${unitId} category=${category}`;
          if (mine) expect(mine.figures, where).toEqual(single.figures);
          // A unit left out has nothing counted at all.
          else
            expect(
              single.figures.every((fg) => fg.numerator === 0 && !fg.denominator),
              where,
            ).toBe(true);
        }
        // Asking for some units gives exactly their lines.
        const some = await computeIndicatorsByUnit(ctx.db, scope, { period: PERIOD, category }, now, [
          org.units.housing,
          extra.transport,
        ]);
        expect(some).toEqual(byUnit.filter((u) => [org.units.housing, extra.transport].includes(u.unitId)));
      }
    // Every kind of row is some unit's here: the bureau's acceptance limits, housing's replies, the
    // street office's reviewed reply, discipline's overdue limit.
    const scope = await resolveStatsScope(ctx.db, org.users.analyst, null);
    const byUnit = new Map(
      (await computeIndicatorsByUnit(ctx.db, scope, { period: PERIOD, category: null }, now)).map((u) => [
        u.unitId,
        Object.fromEntries(u.figures.map((x) => [x.indicator, x])),
      ]),
    );
    expect(byUnit.get(org.units.bureau)!.on_time_acceptance!.denominator).toBeGreaterThan(0);
    expect(byUnit.get(org.units.street)!.changed_on_review).toMatchObject({ numerator: 1, denominator: 1 });
    expect(byUnit.get(org.units.discipline)!.overdue_now!.numerator).toBe(1);
    expect(byUnit.has(extra.transport)).toBe(false);
  });

  it('scores and ranks the peers as known by hand: default weights, targets, gaps, a tie and a unit with nothing', async () => {
    const set = (unitId: number, targets: Record<string, number | null>) =>
      call('admin', 'PUT', `/api/admin/unit-targets/${unitId}/2026`, { targets });
    expect(
      (await set(org.units.housing, { on_time_completion: 0.95, satisfaction: 0.9, on_time_acceptance: 0.9 }))
        .statusCode,
    ).toBe(200);
    expect((await set(org.units.labour, { satisfaction: 0.8 })).statusCode).toBe(200);
    const card = await get<Scorecard>('analyst', `/api/stats/scorecard?${Q}`);
    expect(card.year).toBe(2026);
    expect(card.weights).toEqual(DEFAULT_SCORECARD_WEIGHTS);
    const departments = card.rows.filter((r) => r.kind === 'functional_department' && r.level === 'county');
    // Housing: completion 1/1 ×10 + rating 1/1 ×5 + satisfaction 1/1 ×10, its acceptance limits are the
    // bureau's (nothing counted, no points), minus one repeat (F). Labour and education: 10 + 5 + 0.
    const line = (r: ScorecardRow) => [r.unitId, r.score, r.rank, r.peers, r.hasRows];
    expect(departments.map(line)).toEqual([
      [org.units.housing, 24, 1, 4, true],
      // Tied: the same rank, then by name in pinyin order (教育 jiàoyù before 人力 rénlì).
      [extra.education, 15, 2, 4, true],
      [org.units.labour, 15, 2, 4, true],
      [extra.transport, null, 4, 4, false],
    ]);
    const housing = rowOf(card, org.units.housing)!;
    expect([housing.repeatMatters, housing.penalty]).toEqual([1, 1]);
    expect(fig(housing, 'on_time_completion')).toEqual({
      indicator: 'on_time_completion',
      numerator: 1,
      denominator: 1,
      value: 1,
      target: 0.95,
      gap: 0.05,
      weight: 10,
      points: 10,
    });
    expect(fig(housing, 'satisfaction')).toMatchObject({ value: 1, target: 0.9, gap: 0.1, points: 10 });
    expect(fig(housing, 'on_time_acceptance')).toMatchObject({
      denominator: 0,
      value: null,
      target: 0.9,
      gap: null,
      weight: 5,
      points: null,
    });
    expect(fig(housing, 'repeat_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      weight: null,
      points: null,
    });
    expect(fig(housing, 'backlog')).toMatchObject({ target: null, gap: null, weight: null });
    const labour = rowOf(card, org.units.labour)!;
    expect(fig(labour, 'satisfaction')).toMatchObject({
      numerator: 0,
      denominator: 1,
      value: 0,
      target: 0.8,
      gap: -0.8,
      points: 0,
    });
    const transport = rowOf(card, extra.transport)!;
    expect(transport.figures.every((x) => x.value === null && x.points === null && x.numerator === 0)).toBe(
      true,
    );
    // Units alone in their group rank first (and last); every unit located in the district is listed.
    expect(rowOf(card, org.units.street)).toMatchObject({ rank: 1, peers: 1, hasRows: true });
    expect(rowOf(card, org.units.countyGov)).toMatchObject({
      rank: 1,
      peers: 1,
      hasRows: false,
      score: null,
    });
    expect(rowOf(card, org.units.cityBureau)).toBeUndefined();
    // Peer groups from the top level down: county before township.
    expect(card.rows.findIndex((r) => r.unitId === org.units.street)).toBe(card.rows.length - 1);

    // Other weights: completion ×20, −2.5 per repeat. Labour and education now share the first rank.
    const res = await call('admin', 'PUT', '/api/admin/scorecard-weights', {
      weights: { on_time_completion: 20 },
      repeatPenalty: 2.5,
    });
    expect(res.statusCode, res.body).toBe(200);
    const reweighted = await get<Scorecard>('analyst', `/api/stats/scorecard?${Q}`);
    const ranks = Object.fromEntries(
      reweighted.rows
        .filter((r) => r.kind === 'functional_department')
        .map((r) => [r.unitId, [r.score, r.rank]]),
    );
    expect(ranks).toEqual({
      [org.units.housing]: [17.5, 3],
      [org.units.labour]: [20, 1],
      [extra.education]: [20, 1],
      [extra.transport]: [null, 4],
    });
    expect(fig(rowOf(reweighted, org.units.housing)!, 'satisfaction').weight).toBeNull();
    // Another year's targets: none set.
    const y2025 = await get<Scorecard>('analyst', `/api/stats/scorecard?${Q}&year=2025`);
    expect(fig(rowOf(y2025, org.units.housing)!, 'on_time_completion').target).toBeNull();
    await call('admin', 'PUT', '/api/admin/scorecard-weights', DEFAULT_SCORECARD_WEIGHTS);
  });

  it('ranks units by one indicator within peers, the lower the better where less is better', async () => {
    const rank = async (indicator: Indicator) => {
      const cmp = await get<UnitComparison>('analyst', `/api/stats/units?${Q}&indicator=${indicator}`);
      expect(cmp.indicator).toBe(indicator);
      return Object.fromEntries(
        cmp.rows.filter((r) => r.kind === 'functional_department').map((r) => [r.unitId, [r.value, r.rank]]),
      );
    };
    expect(await rank('satisfaction')).toEqual({
      [org.units.housing]: [1, 1],
      [org.units.labour]: [0, 2],
      [extra.education]: [0, 2],
      [extra.transport]: [null, 4],
    });
    expect(await rank('repeat_rate')).toEqual({
      [org.units.housing]: [0.5, 3],
      [org.units.labour]: [0, 1],
      [extra.education]: [0, 1],
      [extra.transport]: [null, 4],
    });
    const overdue = await get<UnitComparison>('analyst', `/api/stats/units?${Q}&indicator=overdue_now`);
    expect(overdue.lowerIsBetter).toBe(true);
    expect(overdue.rows.find((r) => r.unitId === org.units.discipline)).toMatchObject({
      numerator: 1,
      denominator: null,
      value: null,
      rank: 1,
    });
    await refused(
      await call('analyst', 'GET', `/api/stats/units?${Q}&indicator=colour`),
      400,
      'querystring.indicator',
    );
    await refused(await call('analyst', 'GET', `/api/stats/units?${Q}`), 400, 'querystring.indicator');
  });

  it('lists only the units and counts only the matters the user may see; a report of misconduct stays hidden from the unit it reports', async () => {
    const bureau = await get<Scorecard>('analyst', `/api/stats/scorecard?${Q}`);
    expect(rowOf(bureau, org.units.discipline)).toMatchObject({ hasRows: true });
    expect(fig(rowOf(bureau, org.units.discipline)!, 'overdue_now').numerator).toBe(1);
    // The street office answers for its township, where G lies, but G reports it: discipline, which
    // only G involves, is not listed, and the bureau's figures leave G's acceptance limit out.
    const street = await get<Scorecard>('streethead', `/api/stats/scorecard?${Q}`);
    expect(street.region.code).toBe('440305001');
    expect(rowOf(street, org.units.discipline)).toBeUndefined();
    const acceptance = (c: Scorecard) => fig(rowOf(c, org.units.bureau)!, 'on_time_acceptance').denominator!;
    expect(acceptance(street)).toBe(acceptance(bureau) - 1);
    // Housing sees only its own matters (A, F): itself and the bureau whose limits they carry.
    const housing = await get<Scorecard>('unithead', `/api/stats/scorecard?${Q}`);
    expect(housing.rows.map((r) => r.unitId).sort((x, y) => x - y)).toEqual(
      [org.units.bureau, org.units.housing].sort((x, y) => x - y),
    );
    expect(fig(rowOf(housing, org.units.bureau)!, 'on_time_acceptance').denominator).toBe(2);
    // Outside the user's scope, or not a statistics role.
    await refused(await call('analyst', 'GET', `/api/stats/scorecard?${Q}&region=4403`), 403);
    await refused(await call('registrar', 'GET', `/api/stats/scorecard?${Q}`), 403);
    expect((await call(null, 'GET', `/api/stats/scorecard?${Q}`)).statusCode).toBe(401);
    await refused(
      await call('analyst', 'GET', `/api/stats/scorecard?from=2026-06-30&to=2026-03-01`),
      400,
      'querystring.from',
    );
    await refused(
      await call('analyst', 'GET', `/api/stats/scorecard?${Q}&category=nope`),
      400,
      'querystring.category',
    );
    await refused(await call('analyst', 'GET', `/api/stats/scorecard?${Q}&year=26`), 400, 'querystring.year');
    await refused(await call('analyst', 'GET', `/api/stats/scorecard?${Q}&colour=red`), 400);
  });

  it('exports the scorecard as XLSX and CSV with the same figures', async () => {
    const csv = await call('analyst', 'GET', `/api/stats/scorecard/export?${Q}&format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('综合得分');
    const housing = lines.find((l) => l.startsWith('南山区住房和建设局,'))!;
    expect(housing.split(',').slice(0, 8)).toEqual([
      '南山区住房和建设局',
      '县（区）',
      '职能部门',
      '1',
      '4',
      '24',
      '1',
      '1',
    ]);
    const xlsx = await call('analyst', 'GET', `/api/stats/scorecard/export?${Q}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const units = await call(
      'analyst',
      'GET',
      `/api/stats/units/export?${Q}&indicator=satisfaction&format=csv`,
    );
    expect(units.statusCode).toBe(200);
    expect(units.body).toContain('满意率');
  });

  it('lets only administrators read and change the weights, refusing bad weights field by field', async () => {
    expect(await get('admin', '/api/admin/scorecard-weights')).toEqual(DEFAULT_SCORECARD_WEIGHTS);
    await refused(await call('analyst', 'GET', '/api/admin/scorecard-weights'), 403);
    await refused(
      await call('analyst', 'PUT', '/api/admin/scorecard-weights', DEFAULT_SCORECARD_WEIGHTS),
      403,
    );
    expect((await call(null, 'GET', '/api/admin/scorecard-weights')).statusCode).toBe(401);
    const put = (body: unknown) => call('admin', 'PUT', '/api/admin/scorecard-weights', body);
    await refused(await put({ weights: { overdue_now: 5 }, repeatPenalty: 1 }), 400, 'weights');
    await refused(
      await put({ weights: { satisfaction: -1 }, repeatPenalty: 1 }),
      400,
      'weights.satisfaction',
    );
    await refused(await put({ weights: {}, repeatPenalty: 1000 }), 400, 'repeatPenalty');
    await refused(await put({ weights: {} }), 400, 'repeatPenalty');
    await refused(await put({ weights: {}, repeatPenalty: 1, extra: 1 }), 400);
    expect(await get('admin', '/api/admin/scorecard-weights')).toEqual(DEFAULT_SCORECARD_WEIGHTS);
    await refused(await put({ weights: {}, repeatPenalty: 1, cardPenalty: 1000 }), 400, 'cardPenalty');
    // Points off per supervised matter are 0 unless given (weights saved before them read the same).
    const changed = { weights: { on_time_completion: 12.5, repeat_rate: 3 }, repeatPenalty: 0 };
    expect((await put(changed)).json()).toEqual({ ...changed, cardPenalty: 0 });
    expect(await get('admin', '/api/admin/scorecard-weights')).toEqual({ ...changed, cardPenalty: 0 });
    const withCards = { ...changed, cardPenalty: 0.5 };
    expect((await put(withCards)).json()).toEqual(withCards);
    expect(await get('admin', '/api/admin/scorecard-weights')).toEqual(withCards);
    expect((await put(DEFAULT_SCORECARD_WEIGHTS)).statusCode).toBe(200);
  });

  it('lets only administrators set targets, refuses bad ones, and a failed change leaves the stored targets as they were', async () => {
    const url = (unitId: number | string, year: number | string) =>
      `/api/admin/unit-targets/${unitId}/${year}`;
    const put = (unitId: number | string, year: number | string, body: unknown, user = 'admin') =>
      call(user, 'PUT', url(unitId, year), body);
    const stored = async (year = 2027) =>
      (await get<{ year: number; items: UnitTargets[] }>('admin', `/api/admin/unit-targets?year=${year}`))
        .items;
    const ok = await put(org.units.labour, 2027, {
      targets: { on_time_completion: 0.9, satisfaction: 0.85 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<UnitTargets>()).toMatchObject({
      unitId: org.units.labour,
      unitName: '南山区人力资源局',
      year: 2027,
      targets: { on_time_completion: 0.9, satisfaction: 0.85 },
      updatedBy: org.users.admin.id,
    });
    const before = await stored();
    expect(before.map((i) => [i.unitId, i.targets])).toEqual([
      [org.users.labourHead.unit.id, { on_time_completion: 0.9, satisfaction: 0.85 }],
    ]);

    await refused(await put(org.units.labour, 2027, { targets: { satisfaction: 0.1 } }, 'analyst'), 403);
    await refused(await call('analyst', 'GET', '/api/admin/unit-targets?year=2027'), 403);
    await refused(await put(999_999, 2027, { targets: { satisfaction: 0.5 } }), 404);
    await refused(await put(org.units.labour, 1800, { targets: { satisfaction: 0.5 } }), 400, 'params.year');
    await refused(await put('abc', 2027, { targets: {} }), 400, 'params.unitId');
    await refused(
      await put(org.units.labour, 2027, { targets: { satisfaction: 1.5 } }),
      400,
      'targets.satisfaction',
    );
    await refused(
      await put(org.units.labour, 2027, { targets: { satisfaction: 0.12345 } }),
      400,
      'targets.satisfaction',
    );
    await refused(
      await put(org.units.labour, 2027, { targets: { satisfaction: '90%' } }),
      400,
      'targets.satisfaction',
    );
    // A valid value beside a bad one: nothing is written.
    await refused(
      await put(org.units.labour, 2027, { targets: { on_time_completion: 0.5, backlog: 0.1 } }),
      400,
      'targets',
    );
    await refused(await put(org.units.labour, 2027, {}), 400, 'targets');
    await refused(await call('admin', 'GET', '/api/admin/unit-targets'), 400, 'querystring.year');
    expect(await stored()).toEqual(before);

    // A failure inside the transaction, after the clearing delete ran: nothing of the change stays.
    const { ctx } = env();
    await expect(
      saveUnitTargets(
        ctx,
        { kind: 'staff', userId: 999_999, unitId: org.units.bureau },
        org.units.labour,
        2027,
        {
          targets: { satisfaction: null, on_time_completion: 0.5 },
        },
      ),
    ).rejects.toThrow();
    expect(await stored()).toEqual(before);

    // null clears one target, the others stay.
    const cleared = await put(org.units.labour, 2027, { targets: { satisfaction: null, rating_rate: 0.7 } });
    expect(cleared.json<UnitTargets>().targets).toEqual({ on_time_completion: 0.9, rating_rate: 0.7 });
    const clearedAll = await put(org.units.labour, 2027, {
      targets: { on_time_completion: null, rating_rate: null },
    });
    expect(clearedAll.json<UnitTargets>()).toMatchObject({ targets: {}, updatedAt: null });
    expect(await stored()).toEqual([]);
  });
});

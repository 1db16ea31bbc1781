import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeIndicators } from '../../src/analytics/indicators.ts';
import type { Period } from '../../src/analytics/period.ts';
import { resolveStatsScope } from '../../src/analytics/stats-scope.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import { linkRepeat } from '../../src/lifecycle/link-repeat.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import type { ErrorBody } from '../../src/shared/api.schema.ts';
import { INDICATORS, type Indicator, type IndicatorSet } from '../../src/shared/stats.schema.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { plainIndicators } from '../helpers/plain-indicators.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { staffGet } from '../helpers/staff-client.ts';

const PERIOD: Period = { from: '2026-03-01', to: '2026-06-30' };
const NOW = '2026-08-15T01:00:00Z';

const byKey = (set: IndicatorSet) =>
  Object.fromEntries(set.figures.map((f) => [f.indicator, f])) as Record<
    Indicator,
    IndicatorSet['figures'][number]
  >;

describeEachDb('procedure indicators', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const ids: Record<string, number> = {};
  const get = staffGet(() => app);
  const indicatorsOf = async (username: string, query = '') => {
    const res = await get(username, `/api/stats/indicators?from=${PERIOD.from}&to=${PERIOD.to}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<IndicatorSet>();
  };
  const queueIds = async (username: string, query: string) => {
    const res = await get(username, `/api/matters?pageSize=100&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json<{ items: { id: number }[] }>()
      .items.map((i) => i.id)
      .sort((a, b) => a - b);
  };
  const allIds = () => Object.values(ids).sort((a, b) => a - b);

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    const registrar = org.staff(org.users.registrar);
    const reply = (user: StaffUser, id: number) =>
      cmd.reply(ctx, org.staff(user), id, { outcome: 'explained', facts: '经查明', legalBasis: '相关规定' });
    const at = (iso: string) => clock.set(iso);

    at('2026-03-02T01:00:00Z');
    // A: accepted by housing, answered on time, rated satisfied, closed 04-23; F repeats it on 05-10.
    ids.A = (await registerTestMatter(ctx, org)).id;
    await cmd.decide(ctx, registrar, ids.A, { decision: 'accept', leadUnitId: org.units.housing });
    await cmd.signFor(ctx, org.staff(org.users.officer), ids.A);
    // B (a subcategory): extended by 30 days, answered after the first limit and within the
    // extended one, rated unsatisfied, changed on review by the district government.
    ids.B = (
      await registerTestMatter(ctx, org, { categoryCode: 'urban_construction.property_management' })
    ).id;
    await cmd.decide(ctx, registrar, ids.B, { decision: 'accept', leadUnitId: org.units.housing });
    await cmd.signFor(ctx, org.staff(org.users.officer), ids.B);
    await cmd.extend(ctx, org.staff(org.users.head), ids.B, { days: 30, reason: '需要现场勘验' });
    // C: labour signs for it and never answers; D: never decided; E: not accepted at once.
    ids.C = (await registerTestMatter(ctx, org, { categoryCode: 'labour_social_security' })).id;
    await cmd.decide(ctx, registrar, ids.C, { decision: 'accept', leadUnitId: org.units.labour });
    await cmd.signFor(ctx, org.staff(org.users.labourHead), ids.C);
    ids.D = (await registerTestMatter(ctx, org)).id;
    ids.E = (await registerTestMatter(ctx, org)).id;
    await cmd.decide(ctx, registrar, ids.E, {
      decision: 'not_accept',
      reason: 'lawful_channel',
      lawfulChannel: 'litigation',
      explanation: '该事项已进入诉讼程序',
    });
    // H: lodged at the district, handed down to the street office (a level below), answered in time.
    ids.H = (await registerTestMatter(ctx, org)).id;
    await cmd.decide(ctx, registrar, ids.H, {
      decision: 'hand_down',
      unitId: org.units.street,
      dueDate: '2026-04-30',
    });
    await cmd.signFor(ctx, org.staff(org.users.streetHead), ids.H);
    // G: a report of misconduct about the street office, handled by discipline inspection, unanswered.
    ids.G = (
      await registerTestMatter(ctx, org, { purpose: 'accusation', target: '南头街道办事处某工作人员' })
    ).id;
    await cmd.identifyReportedUnit(ctx, registrar, ids.G, { unitId: org.units.street });
    await cmd.decide(ctx, registrar, ids.G, { decision: 'accept', leadUnitId: org.units.discipline });
    await cmd.signFor(ctx, org.staff(org.users.discipline), ids.G);
    // L: accepted after its acceptance limit, answered after its handling limit, never rated.
    ids.L = (await registerTestMatter(ctx, org)).id;
    // I: received long before the period, never decided (overdue and backlog, in no periodic figure).
    ids.I = (await registerTestMatter(ctx, org, { receivedAt: '2025-12-01T02:00:00Z' })).id;

    at('2026-03-20T01:00:00Z');
    await cmd.decide(ctx, registrar, ids.L, { decision: 'accept', leadUnitId: org.units.housing });
    await cmd.signFor(ctx, org.staff(org.users.officer), ids.L);
    at('2026-03-22T01:00:00Z');
    await reply(org.users.head, ids.A);
    await cmd.rate(ctx, { kind: 'petitioner' }, ids.A, { rating: 'satisfied' });
    at('2026-04-10T01:00:00Z');
    await reply(org.users.streetHead, ids.H);
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
    at('2026-05-12T01:00:00Z');
    await cmd.close(ctx, registrar, ids.H, {});
    at('2026-05-20T01:00:00Z');
    await reply(org.users.head, ids.B);
    await cmd.rate(ctx, { kind: 'petitioner' }, ids.B, { rating: 'unsatisfied' });
    at('2026-05-21T01:00:00Z');
    await cmd.requestReview(ctx, { kind: 'petitioner' }, ids.B, { reason: '不服处理意见' });
    at('2026-05-22T01:00:00Z');
    await cmd.decideReview(ctx, org.staff(org.users.countyHead), ids.B, {
      outcome: 'changed',
      facts: '复查改变',
      legalBasis: '条例第三十五条',
    });
    at('2026-05-25T01:00:00Z');
    await reply(org.users.head, ids.L);
    at('2026-06-25T01:00:00Z');
    await cmd.close(ctx, registrar, ids.B, {});
    // J: accepted by housing in July, with three repeats (backlog by repeats, not by age).
    at('2026-07-01T01:00:00Z');
    const j = await registerTestMatter(ctx, org);
    ids.J = j.id;
    await cmd.decide(ctx, registrar, ids.J, { decision: 'accept', leadUnitId: org.units.housing });
    at('2026-07-02T01:00:00Z');
    for (const k of ['K1', 'K2', 'K3']) {
      ids[k] = (await registerTestMatter(ctx, org)).id;
      await linkRepeat(ctx, ids[k], { matterId: j.id, caseNumber: j.caseNumber, similarity: 1 });
    }
    at(NOW);
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts each indicator of the district bureau as known by hand', async () => {
    const f = byKey(await indicatorsOf('analyst'));
    const pair = (k: Indicator) => [f[k].numerator, f[k].denominator];
    // Acceptance limits due in the period: D and F never decided, L decided late.
    expect(pair('on_time_acceptance')).toEqual([6, 9]);
    // A, B (its extended limit; the replaced one is not counted) and H in time; C and G ran out; L late.
    expect(pair('on_time_completion')).toEqual([3, 6]);
    expect(pair('rating_rate')).toEqual([2, 4]);
    expect(pair('satisfaction')).toEqual([1, 2]);
    expect(pair('repeat_rate')).toEqual([1, 9]);
    // A came back (F) within 90 days; H did not; B closed less than 90 days ago.
    expect(pair('first_contact_resolution')).toEqual([1, 2]);
    // H lodged at the district and led by the street office; D and F, not routed, are only counted below.
    expect(pair('cross_level_rate')).toEqual([1, 9]);
    expect(pair('changed_on_review')).toEqual([1, 1]);
    // Every open main limit past due: C, D, F, G, I, the repeats K1–K3, and L's review window.
    expect(pair('overdue_now')).toEqual([9, null]);
    expect(pair('backlog')).toEqual([7, null]);
    expect(f.rating_rate.value).toBe(0.5);
    expect(f.overdue_now.value).toBeNull();
  });

  it('agrees with plain SQL over the raw rows, for every unit and category filter', async () => {
    const { ctx } = env();
    const scope = await resolveStatsScope(ctx.db, org.users.analyst, null);
    const now = new Date(NOW);
    const categories: [string | null, number[]][] = [
      [null, allIds()],
      ['urban_construction', allIds().filter((id) => id !== ids.C)],
      ['urban_construction.property_management', [ids.B!]],
    ];
    for (const unitId of [null, org.units.housing, org.units.bureau, org.units.street, org.units.countyGov])
      for (const [category, visible] of categories) {
        const set = byKey(await computeIndicators(ctx.db, scope, { period: PERIOD, unitId, category }, now));
        const plain = await plainIndicators(ctx.db, visible, PERIOD, now, unitId);
        for (const k of INDICATORS) {
          const where = `${k} unit=${unitId} category=${category}`;
          expect(set[k].numerator, where).toBe(plain[k].numerator);
          expect(set[k].denominator, where).toBe(plain[k].denominator);
        }
      }
    // The unit filter reads each figure's own unit: housing issued A's, B's and L's replies, leads J
    // and L; the acceptance limits were the bureau's.
    const housing = byKey(
      await computeIndicators(
        ctx.db,
        scope,
        { period: PERIOD, unitId: org.units.housing, category: null },
        now,
      ),
    );
    expect([housing.on_time_completion.numerator, housing.on_time_completion.denominator]).toEqual([2, 3]);
    expect([housing.changed_on_review.numerator, housing.changed_on_review.denominator]).toEqual([1, 1]);
    expect([housing.on_time_acceptance.denominator, housing.backlog.numerator]).toEqual([0, 2]);
  });

  it('lists in the queue exactly the matters behind each numerator and denominator', async () => {
    const { ctx } = env();
    const plain = await plainIndicators(ctx.db, allIds(), PERIOD, new Date(NOW), null);
    const base = `from=${PERIOD.from}&to=${PERIOD.to}&regionCode=440305`;
    for (const k of INDICATORS) {
      expect(await queueIds('analyst', `indicator=${k}&part=numerator&${base}`), `${k} numerator`).toEqual(
        plain[k].numeratorIds,
      );
      if (plain[k].denominator !== null)
        expect(
          await queueIds('analyst', `indicator=${k}&part=denominator&${base}`),
          `${k} denominator`,
        ).toEqual(plain[k].denominatorIds);
    }
    expect(await queueIds('analyst', `indicator=on_time_completion&part=numerator&${base}`)).toEqual(
      [ids.A!, ids.B!, ids.H!].sort((a, b) => a - b),
    );
    expect(await queueIds('analyst', `indicator=overdue_now`)).toEqual(
      [ids.C!, ids.D!, ids.F!, ids.G!, ids.I!, ids.K1!, ids.K2!, ids.K3!, ids.L!].sort((a, b) => a - b),
    );
    // With the unit and category filters and another queue filter beside them.
    const housingPlain = await plainIndicators(ctx.db, [ids.B!], PERIOD, new Date(NOW), org.units.housing);
    expect(
      await queueIds(
        'analyst',
        `indicator=rating_rate&part=denominator&${base}&statsUnit=${org.units.housing}&statsCategory=urban_construction.property_management`,
      ),
    ).toEqual(housingPlain.rating_rate.denominatorIds);
    expect(
      await queueIds('analyst', `indicator=repeat_rate&part=denominator&${base}&state=registered`),
    ).toEqual([ids.D!, ids.F!].sort((a, b) => a - b));
  });

  it('counts for a department only its own matters, and never a report of misconduct for the unit it reports', async () => {
    const head = byKey(await indicatorsOf('unithead'));
    // Housing sees A, B and L (and J, received after the period): their figures only.
    expect([head.on_time_acceptance.numerator, head.on_time_acceptance.denominator]).toEqual([2, 3]);
    expect([head.repeat_rate.numerator, head.repeat_rate.denominator]).toEqual([0, 3]);
    expect([head.backlog.numerator, head.overdue_now.numerator]).toEqual([2, 1]);
    expect(
      await queueIds(
        'unithead',
        `indicator=repeat_rate&part=denominator&from=${PERIOD.from}&to=${PERIOD.to}`,
      ),
    ).toEqual([ids.A!, ids.B!, ids.L!].sort((a, b) => a - b));
    const { ctx } = env();
    const now = new Date(NOW);
    // The street office answers for its territory, where every matter lies, but G reports it.
    const street = await indicatorsOf('streethead');
    expect(street.region.code).toBe('440305001');
    const withoutG = await plainIndicators(
      ctx.db,
      allIds().filter((id) => id !== ids.G),
      PERIOD,
      now,
      null,
    );
    const bureau = byKey(await indicatorsOf('analyst'));
    for (const f of street.figures) {
      expect(f.numerator, f.indicator).toBe(withoutG[f.indicator].numerator);
      expect(f.denominator, f.indicator).toBe(withoutG[f.indicator].denominator);
    }
    expect(byKey(street).repeat_rate.denominator).toBe(bureau.repeat_rate.denominator! - 1);
    expect(byKey(street).overdue_now.numerator).toBe(bureau.overdue_now.numerator - 1);
    const streetQueue = await queueIds('streethead', `indicator=overdue_now`);
    expect(streetQueue).not.toContain(ids.G);
    // The city bureau sees no report of misconduct at all, the discipline body only its own.
    const city = byKey(await indicatorsOf('cityhead', '&region=440305'));
    expect(city.on_time_completion.denominator).toBe(bureau.on_time_completion.denominator! - 1);
  });

  it('refuses a bad period, unknown filters and a region outside the user’s scope, naming the field', async () => {
    const bad = async (username: string, query: string, status: number, path?: string) => {
      const res = await get(username, `/api/stats/indicators?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(status);
      const body = res.json<ErrorBody>();
      expect(body.error.message_zh).toBeTruthy();
      expect(body.error.message_en).toBeTruthy();
      if (path) expect(body.error.fields.map((f) => f.path)).toContain(path);
    };
    await bad('analyst', 'from=2026-06-30&to=2026-03-01', 400, 'querystring.from');
    await bad('analyst', 'from=2010-01-01&to=2020-01-02', 400, 'querystring.to');
    await bad('analyst', 'from=2026-02-30&to=2026-03-01', 400, 'querystring.from');
    await bad('analyst', 'from=yesterday&to=2026-03-01', 400, 'querystring.from');
    await bad('analyst', 'to=2026-03-01', 400, 'querystring.from');
    await bad('analyst', 'from=2026-03-01&to=2026-03-31&region=999999', 400, 'querystring.region');
    await bad('analyst', 'from=2026-03-01&to=2026-03-31&unit=999999', 400, 'querystring.unit');
    await bad('analyst', 'from=2026-03-01&to=2026-03-31&unit=abc', 400, 'querystring.unit');
    await bad('analyst', 'from=2026-03-01&to=2026-03-31&category=no_such_thing', 400, 'querystring.category');
    await bad('analyst', 'from=2026-03-01&to=2026-03-31&colour=red', 400);
    // The district bureau may not read the city's figures; the street office not the district's.
    await bad('analyst', 'from=2026-03-01&to=2026-03-31&region=4403', 403);
    await bad('streethead', 'from=2026-03-01&to=2026-03-31&region=440305', 403);
    // Who may read statistics at all.
    await bad('registrar', 'from=2026-03-01&to=2026-03-31', 403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/stats/indicators?from=2026-03-01&to=2026-03-31' }))
        .statusCode,
    ).toBe(401);
    // The queue's drill-down checks the same things.
    const queue = async (query: string, status: number, path: string) => {
      const res = await get('analyst', `/api/matters?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(status);
      expect(res.json<ErrorBody>().error.fields.map((f) => f.path)).toContain(path);
    };
    await queue('indicator=repeat_rate&from=2026-06-30&to=2026-03-01', 400, 'querystring.from');
    await queue('indicator=repeat_rate', 400, 'querystring.from');
    await queue('indicator=no_such&from=2026-03-01&to=2026-03-31', 400, 'querystring.indicator');
    await queue('indicator=backlog&part=denominator', 400, 'querystring.part');
    await queue(
      'indicator=repeat_rate&from=2026-03-01&to=2026-03-31&statsUnit=999999',
      400,
      'querystring.statsUnit',
    );
    await queue(
      'indicator=repeat_rate&from=2026-03-01&to=2026-03-31&regionCode=999999',
      400,
      'querystring.regionCode',
    );
    await queue(
      'indicator=repeat_rate&from=2026-03-01&to=2026-03-31&statsCategory=nope',
      400,
      'querystring.statsCategory',
    );
    await queue('part=numerator', 400, 'querystring.indicator');
    expect((await get('analyst', '/api/matters?indicator=backlog&regionCode=4403')).statusCode).toBe(403);
  });
});

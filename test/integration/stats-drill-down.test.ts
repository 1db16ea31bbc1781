import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { annualDrillDown, volumeDrillDown, type VolumeFigure } from '../../src/shared/stats-drill-down.ts';
import { VOLUME_DIMENSIONS, type AnnualTable, type VolumeTable } from '../../src/shared/stats.schema.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { staffGet } from '../helpers/staff-client.ts';

/**
 * Issue 12, item 3: a click on any cell of a volume table lists exactly the matters it counts. For
 * every split, row and figure (this year's and the year before's), the queue's total for the cell's
 * drill-down equals the cell's 件次 or 批次, for users counted from the rollups and from the matters.
 */
describeEachDb('the queue behind each volume cell', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const get = staffGet(() => app);
  const queueTotal = async (username: string, filter: Record<string, string>) => {
    const res = await get(username, `/api/matters?pageSize=1&${new URLSearchParams(filter).toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ total: number }>().total;
  };

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    const registrar = org.staff(org.users.registrar);
    const at = (iso: string) => ({ receivedAt: iso });
    // The year before, its last evening in Beijing (15:30 UTC) included, and this year.
    await registerTestMatter(ctx, org, at('2025-03-10T02:00:00Z'));
    await registerTestMatter(ctx, org, {
      ...at('2025-12-31T15:30:00Z'),
      channel: 'visit',
      headCount: 6,
      lodgedLevel: 'city',
      petitioners: [{ name: '李四', phone: '13900001111', isRepresentative: true }],
    });
    await registerTestMatter(ctx, org, { ...at('2025-12-31T16:30:00Z'), categoryCode: undefined });
    await registerTestMatter(ctx, org, {
      ...at('2026-01-05T02:00:00Z'),
      categoryCode: 'urban_construction.property_management',
      regionCode: '440305',
    });
    const visit = await registerTestMatter(ctx, org, {
      ...at('2026-02-03T02:00:00Z'),
      channel: 'visit',
      headCount: 7,
      petitioners: [{ name: '王五', phone: '13900002222', isRepresentative: true }],
      regionCode: '440305002',
      lodgedLevel: 'county',
    });
    await cmd.decide(ctx, registrar, visit.id, { decision: 'accept', leadUnitId: org.units.housing });
    const labour = await registerTestMatter(ctx, org, {
      ...at('2026-02-20T02:00:00Z'),
      channel: 'visit',
      headCount: 2,
      categoryCode: 'labour_social_security',
      purpose: 'appeal',
    });
    await cmd.decide(ctx, registrar, labour.id, { decision: 'forward', unitId: org.units.labour });
    const notAccepted = await registerTestMatter(ctx, org, at('2026-03-01T15:00:00Z'));
    await cmd.decide(ctx, registrar, notAccepted.id, {
      decision: 'not_accept',
      reason: 'lawful_channel',
      lawfulChannel: 'litigation',
      explanation: '该事项已进入诉讼程序',
    });
    // A report of misconduct about the street office: counted for the bureau, never for the street.
    await registerTestMatter(ctx, org, {
      ...at('2026-02-11T02:00:00Z'),
      purpose: 'accusation',
      isMisconductReport: true,
      reportedUnitId: org.units.street,
      subject: '举报街道办工作人员吃拿卡要',
    });
    clock.set('2026-03-02T02:00:00Z');
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Every cell of every split for one user and period: the queue lists exactly what it counts. */
  async function checkEveryCell(username: string, query: string) {
    let cells = 0;
    for (const by of [null, ...VOLUME_DIMENSIONS]) {
      const res = await get(username, `/api/stats/volume?${query}${by ? `&by=${by}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const table = res.json<VolumeTable>();
      for (const row of [...table.rows, table.total]) {
        for (const previous of [false, true]) {
          const figures = previous ? row.previous : row;
          const pairs: [VolumeFigure, VolumeFigure][] = [
            ['cases', 'people'],
            ['visitBatches', 'visitPeople'],
            ['collectiveBatches', 'collectivePeople'],
          ];
          for (const [count, people] of pairs) {
            const what = `${username} ${query} by ${by} row ${row.key} ${count}${previous ? ' a year before' : ''}`;
            const filter = volumeDrillDown(table, row, count, previous);
            // The people of a cell are those of the matters of its count: the same list.
            expect(volumeDrillDown(table, row, people, previous), what).toEqual(filter);
            if (filter === null) {
              expect(figures[count], what).toBe(0);
              continue;
            }
            // Empty cells of long splits are sampled: the months and a category level the data misses.
            if (figures[count] === 0 && cells % 3 !== 0) {
              cells++;
              continue;
            }
            expect(await queueTotal(username, filter as unknown as Record<string, string>), what).toBe(
              figures[count],
            );
            cells++;
          }
        }
      }
    }
    return cells;
  }

  it('equals each cell for the district bureau (from the rollups), every split, both years', async () => {
    const cells = await checkEveryCell('analyst', 'from=2026-01-01&to=2026-12-31');
    expect(cells).toBeGreaterThan(100);
    // The figures are not all zero: the check compares real counts.
    const t = (await get('analyst', '/api/stats/volume?from=2026-01-01&to=2026-12-31')).json<VolumeTable>();
    expect(t.total).toMatchObject({ cases: 6, visitBatches: 2, collectiveBatches: 1 });
    expect(t.total.previous).toMatchObject({ cases: 2, collectiveBatches: 1 });
  });

  it('equals each cell of a period across the new year, split by month, with the days cut to the period', async () => {
    await checkEveryCell('analyst', 'from=2025-12-15&to=2026-02-10');
    const t = (
      await get('analyst', '/api/stats/volume?from=2025-12-15&to=2026-02-10&by=month')
    ).json<VolumeTable>();
    const dec = t.rows.find((r) => r.key === '2025-12')!;
    expect(volumeDrillDown(t, dec, 'cases')).toMatchObject({
      receivedFrom: '2025-12-15',
      receivedTo: '2025-12-31',
    });
    // 23:30 on 31 December in Beijing is in December; 00:30 on 1 January is in January.
    expect(dec.cases).toBe(1);
  });

  it('equals each cell for users counted from the matters and for the city', async () => {
    for (const username of ['streethead', 'labourhead', 'cityhead'])
      await checkEveryCell(username, 'from=2026-01-01&to=2026-12-31');
  });

  it('equals each cell of the annual table, year by year', async () => {
    const res = await get('analyst', '/api/stats/annual?from=2025-01-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json<AnnualTable>();
    const pairs = [
      ['cases', 'people'],
      ['countyCollectiveBatches', 'countyCollectivePeople'],
      ['cityVisitBatches', 'cityVisitPeople'],
      ['provinceVisitCases', 'provinceVisitPeople'],
      ['nationalVisitCases', 'nationalVisitPeople'],
    ] as const;
    for (const row of table.rows)
      for (const [count, people] of pairs) {
        const filter = annualDrillDown(table, row, count);
        expect(annualDrillDown(table, row, people)).toEqual(filter);
        expect(
          await queueTotal('analyst', filter as unknown as Record<string, string>),
          `${row.year} ${count}`,
        ).toBe(row[count]);
      }
    expect(table.rows.map((r) => [r.year, r.cityVisitBatches, r.countyCollectiveBatches])).toEqual([
      [2025, 1, 0],
      [2026, 0, 1],
    ]);
  });

  it('refuses a backwards range and an unknown category, naming the field', async () => {
    const back = await get('analyst', '/api/matters?receivedFrom=2026-03-01&receivedTo=2026-01-01');
    expect(back.statusCode).toBe(400);
    expect(back.json<{ error: { fields: { path: string }[] } }>().error.fields[0]!.path).toBe(
      'querystring.receivedFrom',
    );
    const bad = await get('analyst', '/api/matters?category=no_such_thing');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message_en: string } }>().error.message_en).toContain('unknown category');
    expect((await get('analyst', '/api/matters?receivedFrom=2026-02-30')).statusCode).toBe(400);
    expect((await get('analyst', '/api/matters?leadUnit=someone')).statusCode).toBe(400);
  });
});

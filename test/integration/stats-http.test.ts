import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { AnnualTable, VolumeTable } from '../../src/shared/stats.schema.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { staffGet } from '../helpers/staff-client.ts';

const YEAR = 'from=2026-01-01&to=2026-12-31';

describeEachDb(
  'the statistics API',
  (env) => {
    let app: FastifyInstance;
    let org: Org;
    // With a replica (CI), the figures are read there: let it replay what the test just wrote.
    const get = staffGet(
      () => app,
      () => env().caughtUp(),
    );
    const volume = async (username: string, query: string) => {
      const res = await get(username, `/api/stats/volume?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<VolumeTable>();
    };
    const fieldsOf = (res: {
      json: () => { error: { fields: { path: string; message_zh: string; message_en: string }[] } };
    }) => res.json().error.fields;

    beforeAll(async () => {
      const { ctx } = env();
      org = await seedOrg(ctx);
      // Three ordinary matters in 南头街道 and one in 南山街道; a report of misconduct about the
      // 南头 street office, registered by the district bureau.
      for (let i = 0; i < 3; i++) await registerTestMatter(ctx, org);
      await registerTestMatter(ctx, org, { regionCode: '440305002', channel: 'visit', headCount: 2 });
      // A visit taken to the city (赴市访).
      await registerTestMatter(ctx, org, {
        regionCode: '440305002',
        channel: 'visit',
        headCount: 3,
        lodgedLevel: 'city',
      });
      await registerTestMatter(ctx, org, {
        purpose: 'accusation',
        isMisconductReport: true,
        reportedUnitId: org.units.street,
        subject: '举报街道办工作人员吃拿卡要',
      });
      app = await buildApp(ctx, { rateLimit: false });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('reads from a streaming replica on PostgreSQL when TEST_DATABASE_READ_URL names one', async () => {
      const { ctx, kind, replica } = env();
      const { rows } = await sql<{ standby: boolean }>`SELECT pg_is_in_recovery() AS standby`.execute(
        ctx.readDb,
      );
      expect(rows[0]!.standby).toBe(kind === 'postgres' && Boolean(process.env.TEST_DATABASE_READ_URL));
      expect(replica).toBe(rows[0]!.standby);
    });

    it('answers a volume table by region for the district bureau, its own report of misconduct included', async () => {
      const t = await volume('analyst', `${YEAR}&by=region`);
      expect(t.region).toEqual({ code: '440305', name: '南山区' });
      expect(t.total).toMatchObject({ key: null, cases: 6, people: 9, visitBatches: 2, visitPeople: 5 });
      expect(t.rows.find((r) => r.key === '440305001')).toMatchObject({ label: '南头街道', cases: 4 });
      expect(t.rows.find((r) => r.key === '440305002')).toMatchObject({ label: '南山街道', cases: 2 });
      expect(t.previousPeriod).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    });

    it('never counts a report of misconduct for the unit it reports, nor for a bureau that may not see it', async () => {
      // The street office (the unit reported) and the city bureau (region scope only) count the four.
      const street = await volume('streethead', `${YEAR}&by=purpose`);
      expect(street.total.cases).toBe(3);
      expect(street.rows.find((r) => r.key === 'accusation')!.cases).toBe(0);
      const city = await volume('cityhead', `${YEAR}&region=440305&by=purpose`);
      expect(city.total.cases).toBe(5);
      expect(city.rows.find((r) => r.key === 'accusation')!.cases).toBe(0);
      const cityIndicators = (await get('cityhead', `/api/stats/indicators?${YEAR}&region=440305`)).json<{
        figures: { indicator: string; denominator: number | null }[];
      }>();
      expect(cityIndicators.figures.find((f) => f.indicator === 'repeat_rate')!.denominator).toBe(5);
    });

    it('answers the annual table of a report: a row per year, visits to higher levels by the level lodged', async () => {
      const res = await get('analyst', '/api/stats/annual?from=2025-01-01&to=2026-06-30');
      expect(res.statusCode, res.body).toBe(200);
      const t = res.json<AnnualTable>();
      expect(t.rows.map((r) => [r.year, r.period])).toEqual([
        [2025, { from: '2025-01-01', to: '2025-12-31' }],
        [2026, { from: '2026-01-01', to: '2026-06-30' }],
      ]);
      expect(t.rows[0]).toMatchObject({ cases: 0, people: 0 });
      expect(t.rows[1]).toMatchObject({
        cases: 6,
        people: 9,
        countyCollectiveBatches: 0,
        cityVisitBatches: 1,
        cityVisitPeople: 3,
        provinceVisitCases: 0,
        nationalVisitCases: 0,
      });
      const csv = await get('analyst', '/api/stats/annual/export?from=2025-01-01&to=2026-06-30&format=csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('赴市访（批次）');
      expect(csv.body).toContain('2026年');
    });

    it('refuses a bad period, region, dimension or format with the field named in both languages', async () => {
      const cases: [string, string, number][] = [
        ['from=2026-02-01&to=2026-01-01', 'querystring.from', 400],
        ['from=2010-01-01&to=2026-01-01', 'querystring.to', 400],
        ['from=2026-02-30&to=2026-03-01', 'querystring.from', 400],
        [`${YEAR}&region=990000`, 'querystring.region', 400],
        [`${YEAR}&by=colour`, 'querystring.by', 400],
        [`${YEAR}&colour=red`, 'querystring', 400],
      ];
      for (const [query, path, status] of cases) {
        const res = await get('analyst', `/api/stats/volume?${query}`);
        expect(res.statusCode, query).toBe(status);
        const fields = fieldsOf(res);
        expect(
          fields.some((f) => f.path.startsWith(path)),
          `${query}: ${JSON.stringify(fields)}`,
        ).toBe(true);
        for (const f of fields) {
          expect(f.message_zh).toMatch(/[\u4e00-\u9fff]/);
          expect(f.message_en).toMatch(/[a-z]/);
        }
      }
      const format = await get('analyst', `/api/stats/volume/export?${YEAR}&format=pdf`);
      expect(format.statusCode).toBe(400);
      expect(fieldsOf(format)[0]!.path).toBe('querystring.format');
      // A street office may not read its district's figures; a registrar reads no statistics at all.
      expect((await get('streethead', `/api/stats/volume?${YEAR}&region=440305`)).statusCode).toBe(403);
      expect((await get('registrar', `/api/stats/volume?${YEAR}`)).statusCode).toBe(403);
    });

    it('exports the volume table and the indicators as XLSX and CSV', async () => {
      const res = await get('analyst', `/api/stats/volume/export?${YEAR}&by=channel&format=xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells: unknown[] = [];
      wb.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[])));
      expect(cells).toContain('来信');
      expect(cells).toContain('合计');
      expect(cells).toContain(5);
      const csv = await get('analyst', `/api/stats/indicators/export?${YEAR}&format=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body.charCodeAt(0)).toBe(0xfeff);
      expect(csv.body).toContain('按期办结率');
      expect(csv.body).toContain('分母');
    });
  },
  { replica: true },
);

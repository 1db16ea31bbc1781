import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openQueueExport, QueueExportQuery } from '../../src/analytics/export/queue-export.ts';
import { writeTable } from '../../src/analytics/export/write-table.ts';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The title block (title, 数据范围, 筛选条件, 导出人, 导出时间) then the header: data from row 7. */
const HEADER_ROW = 6;

describeEachDb('the queue export', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const cookies: Record<string, string> = {};
  const get = async (username: string | null, url: string) => {
    if (username && !cookies[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      cookies[username] = String(res.headers['set-cookie']).split(';')[0]!;
    }
    return app.inject({ method: 'GET', url, headers: username ? { cookie: cookies[username]! } : {} });
  };
  /** Every case number of the queue for a filter, page after page, in the queue's order. */
  const queueCases = async (username: string, filter: string) => {
    const cases: string[] = [];
    for (let page = 1; ; page++) {
      const res = await get(username, `/api/matters?pageSize=100&page=${page}${filter}`);
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { caseNumber: string }[] }>().items;
      cases.push(...items.map((i) => i.caseNumber));
      if (items.length < 100) return cases;
    }
  };
  const csvLines = (body: string) => {
    expect(body.startsWith('\uFEFF')).toBe(true);
    return body.slice(1).split('\r\n').slice(0, -1);
  };
  const csvCases = (body: string) =>
    csvLines(body)
      .slice(1)
      .map((l) => l.split(',')[0]!);

  let report: string;
  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    const registrar = org.staff(org.users.registrar);
    for (let i = 0; i < 6; i++) {
      const m = await registerTestMatter(ctx, org, {
        channel: i % 2 === 0 ? 'visit' : 'letter',
        regionCode: i % 3 === 0 ? '440305002' : '440305001001',
        ...(i % 2 === 0 ? { headCount: 3 } : {}),
        subject: i === 4 ? '=HYPERLINK("http://evil","点我"),并附"引号"' : `小区电梯长期故障无人维修 ${i}`,
      });
      if (i < 3)
        await cmd.decide(ctx, registrar, m.id, { decision: 'accept', leadUnitId: org.units.housing });
      clock.advanceDays(1);
    }
    // A report of misconduct about the housing bureau: never in the housing bureau's export.
    report = (
      await registerTestMatter(ctx, org, {
        purpose: 'accusation',
        isMisconductReport: true,
        reportedUnitId: org.units.housing,
        target: '南山区住房和建设局',
        subject: '举报住建局工作人员收受好处费',
      })
    ).caseNumber;
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers an XLSX of the queue for a filter: the same rows in the same order, labelled', async () => {
    const filter = '&channel=visit';
    const res = await get('registrar', `/api/matters/export?format=xlsx${filter}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="minsheng-matters_\d{8}-\d{4}\.xlsx"; filename\*=UTF-8''%E4%BF%A1%E8%AE%BF/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('信访事项清单');
    expect(ws.getCell('A2').value).toBe('数据范围：南山区信访局可查看的信访事项');
    expect(ws.getCell('A3').value).toBe('筛选条件：渠道：来访（按登记时间降序）');
    expect(ws.getCell('A5').value).toBe('导出时间：2026-03-08 09:00:00（北京时间）');
    expect(ws.getRow(HEADER_ROW).values).toEqual([
      undefined,
      '案件编号',
      '登记日期',
      '渠道',
      '目的',
      '类别',
      '地区',
      '标题',
      '状态',
      '承办单位',
      '期限',
      '期限状态',
      '人数',
      '集体访',
      '检举控告',
    ]);
    const expected = await queueCases('registrar', filter);
    expect(expected.length).toBe(3);
    const rows = Array.from({ length: ws.rowCount - HEADER_ROW }, (_, i) => ws.getRow(HEADER_ROW + 1 + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(expected);
    const accepted = rows.find((r) => r.getCell(8).value === '已受理')!;
    // 登记日期: the day in Beijing, the one the case number carries (440305-20260302-000001).
    const day = /-(\d{4})(\d{2})(\d{2})-/.exec(accepted.getCell(1).text)!;
    expect(accepted.getCell(2).value).toEqual(new Date(Date.UTC(+day[1]!, +day[2]! - 1, +day[3]!)));
    expect(accepted.getCell(3).value).toBe('来访');
    expect(accepted.getCell(4).value).toBe('求决');
    expect(accepted.getCell(6).value).toBe('南头城社区');
    expect(accepted.getCell(9).value).toBe('南山区住房和建设局');
    expect(accepted.getCell(10).value).toBeInstanceOf(Date);
    expect(['期限内', '临近期限', '已超期']).toContain(accepted.getCell(11).value);
    expect(accepted.getCell(12).value).toBe(3);
    expect(accepted.getCell(13).value).toBe('否');
  });

  it('answers a CSV with the same rows as the queue, whatever the sort', async () => {
    for (const filter of ['', '&sort=case_number&order=asc', '&sort=due_at&order=asc', '&sort=due_at']) {
      const res = await get('registrar', `/api/matters/export?format=csv${filter}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain('.csv');
      expect(csvCases(res.body), filter).toEqual(await queueCases('registrar', filter));
    }
    const body = (await get('registrar', '/api/matters/export?format=csv&q=HYPERLINK')).body;
    // The subject that would be a formula in Excel is text, quoted as RFC 4180 asks.
    expect(csvLines(body)[1]).toContain(`"'=HYPERLINK(""http://evil"",""点我""),并附""引号"""`);
  });

  it("gives another unit's user only what their queue shows", async () => {
    const all = csvCases((await get('registrar', '/api/matters/export?format=csv')).body);
    expect(all).toContain(report);
    for (const username of ['officer', 'streethead', 'discipline']) {
      const res = await get(username, '/api/matters/export?format=csv');
      expect(res.statusCode).toBe(200);
      const cases = csvCases(res.body);
      expect(cases, username).toEqual(await queueCases(username, ''));
      expect(cases.length, username).toBeLessThan(all.length);
    }
    // The housing bureau handles three matters and is the unit the report is about.
    const housing = csvCases((await get('officer', '/api/matters/export?format=csv')).body);
    expect(housing.length).toBe(3);
    expect(housing).not.toContain(report);
    // The street office sees its own street only.
    const street = csvLines((await get('streethead', '/api/matters/export?format=csv')).body);
    expect(street.slice(1).every((l) => l.includes('南头城社区'))).toBe(true);
  });

  it('refuses a bad format in Chinese and English, naming the field, and an anonymous caller', async () => {
    const res = await get('registrar', '/api/matters/export?format=pdf');
    expect(res.statusCode).toBe(400);
    const error = res.json<{
      error: { code: string; fields: { path: string; message_zh: string; message_en: string }[] };
    }>().error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields[0]).toMatchObject({ path: 'querystring.format' });
    expect(error.fields[0]!.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.fields[0]!.message_en).toContain('xlsx');
    expect((await get('registrar', '/api/matters/export?state=nonsense')).statusCode).toBe(400);
    expect((await get(null, '/api/matters/export')).statusCode).toBe(401);
  });

  it('reads in keyset pages without losing or repeating a row at a page boundary, microseconds included', async () => {
    const { ctx } = env();
    // Ties: several matters at the same instant, and instants that differ by a microsecond only,
    // which a JavaScript Date cannot tell apart.
    await sql`UPDATE matters SET registered_at = timestamptz '2026-03-03 10:00:00.000001+08' + (id % 3) * interval '1 microsecond'`.execute(
      ctx.db,
    );
    for (const sort of ['registered_at', 'case_number', 'due_at'] as const)
      for (const order of ['asc', 'desc'] as const) {
        const q = QueueExportQuery.parse({ format: 'csv', sort, order });
        const exported = await openQueueExport(ctx, org.users.registrar, q, { pageRows: 2 });
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on('data', (c: Buffer) => chunks.push(c));
        await writeTable({ format: 'csv', stream: out }, exported.spec);
        const cases = csvCases(Buffer.concat(chunks).toString('utf8'));
        expect(cases, `${sort} ${order}`).toEqual(
          await queueCases('registrar', `&sort=${sort}&order=${order}`),
        );
        expect(new Set(cases).size).toBe(cases.length);
      }
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualReportInput } from '../../src/analytics/annual-report/annual-report.service.ts';
import { annualReportContent } from '../../src/analytics/annual-report/annual-report-content.ts';
import { createContext } from '../../src/app/create-context.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { loadConfig } from '../../src/config/env.ts';
import { buildApp } from '../../src/http/app.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { staffGet } from '../helpers/staff-client.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The text of a DOCX's body: the runs of word/document.xml, paragraph by paragraph. */
function documentText(docx: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

describeEachDb(
  'the annual report (DOCX)',
  (env) => {
    let app: FastifyInstance;
    let org: Org;
    const get = staffGet(
      () => app,
      () => env().caughtUp(),
    );
    const report = async (username: string, query: string) => {
      const res = await get(username, `/api/stats/annual-report?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    const fieldsOf = (res: { json: () => { error: { code: string; fields: unknown[] } } }) =>
      res.json().error.fields;

    beforeAll(async () => {
      const { ctx, clock } = env();
      org = await seedOrg(ctx);
      const registrar = org.staff(org.users.registrar);
      const reply = (user: StaffUser, id: number) =>
        cmd.reply(ctx, org.staff(user), id, {
          outcome: 'explained',
          facts: '经查明',
          legalBasis: '相关规定',
        });
      // 2025: two letters, the year before.
      clock.set('2025-03-03T01:00:00Z');
      await registerTestMatter(ctx, org);
      await registerTestMatter(ctx, org);
      // 2026: three matters about the same lift, a labour visit of six people (collective), a
      // visit taken to the city, and a report of misconduct about the street office.
      clock.set('2026-03-02T01:00:00Z');
      const lifts = [];
      for (let i = 0; i < 3; i++) lifts.push((await registerTestMatter(ctx, org)).id);
      const wages = (
        await registerTestMatter(ctx, org, {
          channel: 'visit',
          headCount: 6,
          categoryCode: 'labour_social_security',
          subject: '某科技公司拖欠工资',
          content: '公司拖欠六名员工三个月工资，请求督促支付。',
          petitioners: [{ name: '李四', phone: '13900001111', isRepresentative: true }],
        })
      ).id;
      await registerTestMatter(ctx, org, {
        regionCode: '440305002',
        channel: 'visit',
        headCount: 2,
        lodgedLevel: 'city',
      });
      await registerTestMatter(ctx, org, {
        purpose: 'accusation',
        isMisconductReport: true,
        reportedUnitId: org.units.street,
        subject: '举报街道办工作人员吃拿卡要',
      });
      // Housing answers two lifts on time (one rated satisfied); labour answers late.
      for (const id of lifts) {
        await cmd.decide(ctx, registrar, id, { decision: 'accept', leadUnitId: org.units.housing });
        await cmd.signFor(ctx, org.staff(org.users.officer), id);
      }
      await cmd.decide(ctx, registrar, wages, { decision: 'accept', leadUnitId: org.units.labour });
      await cmd.signFor(ctx, org.staff(org.users.labourHead), wages);
      clock.set('2026-03-20T01:00:00Z');
      await reply(org.users.head, lifts[0]!);
      await cmd.rate(ctx, { kind: 'petitioner' }, lifts[0]!, { rating: 'satisfied' });
      await reply(org.users.head, lifts[1]!);
      clock.set('2026-07-20T01:00:00Z');
      await reply(org.users.labourHead, wages);
      // The report is written after the year has ended.
      clock.set('2027-01-05T02:00:00Z');
      app = await buildApp(ctx, { rateLimit: false });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('downloads an editable DOCX holding the title, the total, a category, an indicator and the units', async () => {
      const res = await report('analyst', 'year=2026');
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="minsheng-annual-report-2026.docx"; filename*=UTF-8''${encodeURIComponent(
          '南山区2026年信访工作统计报告.docx',
        )}`,
      );
      const text = documentText(res.rawPayload);
      expect(text).toContain('南山区2026年信访工作统计报告');
      // The district bureau counts all six, its own report of misconduct included.
      expect(text).toContain('南山区共登记信访事项6件次、12人次，件次同比上升200.0%');
      expect(text).toContain('集体访1批次、6人次');
      expect(text).toContain('城乡建设');
      expect(text).toContain('劳动和社会保障');
      expect(text).toContain('按期办结率');
      expect(text).toContain('南山区住房和建设局');
      expect(text).toContain('一、总体情况');
      expect(text).toContain('（三）下一步工作打算');
      expect(text).toContain('南山区信访局');
    });

    it('counts what the user may see: the city bureau’s report of the district leaves out the report of misconduct', async () => {
      const text = documentText((await report('cityhead', 'year=2026&region=440305')).rawPayload);
      expect(text).toContain('南山区2026年信访工作统计报告');
      expect(text).toContain('南山区共登记信访事项5件次');
      expect(text).not.toContain('6件次、12人次');
    });

    it('ranks the units by on-time completion with the figures the statistics API answers, for each unit and overall', async () => {
      const { ctx } = env();
      await env().caughtUp();
      const input = await annualReportInput(ctx, org.users.analyst, { year: 2026 });
      const content = annualReportContent(input);
      // Each unit's figures are those the indicators API gives for that unit.
      for (const u of input.units) {
        const res = await get(
          'analyst',
          `/api/stats/indicators?from=2026-01-01&to=2026-12-31&unit=${u.unitId}`,
        );
        expect(u.figures, u.name).toEqual(res.json<{ figures: unknown[] }>().figures);
      }
      const ranking = content.sections
        .flatMap((s) => s.blocks)
        .find((b) => b.kind === 'table' && b.table.caption.includes('承办单位排名'));
      expect(ranking?.kind === 'table' && ranking.table.rows.map((r) => [r[1], r[2], r[3]])).toEqual([
        ['南山区住房和建设局', '3', '66.7%（2/3）'],
        ['南山区人力资源局', '1', '0.0%（0/1）'],
      ]);
      const api = (await get('analyst', '/api/stats/indicators?from=2026-01-01&to=2026-12-31')).json<{
        figures: { indicator: string; numerator: number; denominator: number | null }[];
      }>();
      const completion = api.figures.find((f) => f.indicator === 'on_time_completion')!;
      const indicators = content.sections
        .flatMap((s) => s.blocks)
        .find((b) => b.kind === 'table' && b.table.caption.includes('程序性指标'));
      expect(indicators?.kind === 'table' && indicators.table.rows[1]).toEqual([
        '按期办结率',
        String(completion.numerator),
        String(completion.denominator),
        `${((100 * completion.numerator) / completion.denominator!).toFixed(1)}%`,
      ]);
    });

    it('says the hot issues were not computed when their analysis fails, and still writes every figure', async () => {
      const { ctx } = env();
      const errors: unknown[] = [];
      const input = await annualReportInput(
        ctx,
        org.users.analyst,
        { year: 2026 },
        {
          hotIssues: () => Promise.reject(new Error('the text worker stopped')),
          onHotIssuesError: (err) => errors.push(err),
        },
      );
      expect(input.hotIssues).toBeNull();
      expect(errors).toHaveLength(1);
      const text = JSON.stringify(annualReportContent(input));
      expect(text).toContain('本期热点问题未计算');
      expect(input.byChannel.total.cases).toBe(6);
    });

    it('refuses a malformed or out-of-range year, naming querystring.year in Chinese and English', async () => {
      for (const year of ['26', 'abcd', '20266', '1989', '2029', '２０２６']) {
        const res = await get('analyst', `/api/stats/annual-report?year=${encodeURIComponent(year)}`);
        expect(res.statusCode, year).toBe(400);
        const [field] = fieldsOf(res) as { path: string; message_zh: string; message_en: string }[];
        expect(field, year).toMatchObject({ path: 'querystring.year' });
        expect(field!.message_zh).toMatch(/年度/);
        expect(field!.message_en).toMatch(/year/);
      }
      expect(fieldsOf(await get('analyst', '/api/stats/annual-report'))).toEqual([
        expect.objectContaining({ path: 'querystring.year' }),
      ]);
      // Next year is allowed (a bureau prepares its file ahead): nothing is counted yet.
      expect((await get('analyst', '/api/stats/annual-report?year=2028')).statusCode).toBe(200);
      expect((await get('analyst', '/api/stats/annual-report?year=1990')).statusCode).toBe(200);
    });

    it('refuses a region outside the user’s scope (403), an unknown one (400), other roles and anonymous users', async () => {
      const outside = await get('streethead', '/api/stats/annual-report?year=2026&region=440305');
      expect(outside.statusCode).toBe(403);
      expect(outside.json<{ error: { code: string } }>().error.code).toBe('forbidden');
      const unknown = await get('analyst', '/api/stats/annual-report?year=2026&region=4403059999');
      expect(unknown.statusCode).toBe(400);
      expect(fieldsOf(unknown)).toEqual([expect.objectContaining({ path: 'querystring.region' })]);
      expect((await get('analyst', '/api/stats/annual-report?year=2026&format=pdf')).statusCode).toBe(400);
      expect((await get('registrar', '/api/stats/annual-report?year=2026')).statusCode).toBe(403);
      expect(
        (await app.inject({ method: 'GET', url: '/api/stats/annual-report?year=2026' })).statusCode,
      ).toBe(401);
    });
  },
  { replica: true },
);

describe('minsheng stats report', () => {
  const run = promisify(execFile);
  const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-report-cli-'));
  const outDir = mkdtempSync(join(tmpdir(), 'minsheng-report-out-'));
  const minsheng = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ['bin/minsheng.js', ...args], {
        env: { ...process.env, MINSHENG_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  beforeAll(async () => {
    const ctx = await createContext(loadConfig({ MINSHENG_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
      clock: () => new Date('2026-03-02T01:00:00Z'),
    });
    try {
      const org = await seedOrg(ctx);
      for (let i = 0; i < 4; i++) await registerTestMatter(ctx, org);
    } finally {
      await ctx.handle.close();
    }
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('writes the report of a year and a region to a DOCX file', async () => {
    const out = join(outDir, 'report.docx');
    const r = await minsheng('stats', 'report', '--year', '2026', '--region', '440305', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = documentText(readFileSync(out));
    expect(text).toContain('南山区2026年信访工作统计报告');
    expect(text).toContain('共登记信访事项4件次');
  });

  it('refuses a bad year before opening the database, and leaves no file', async () => {
    const r = await minsheng('stats', 'report', '--year', '1989', '--out', join(outDir, 'bad.docx'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--year');
    expect(r.stderr).toContain('1990');
    expect(readdirSync(outDir).filter((f) => f.startsWith('bad') || f.includes('.tmp'))).toEqual([]);
  });
});

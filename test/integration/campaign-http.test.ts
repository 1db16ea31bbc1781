import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createCampaign,
  recordCampaignOutcome,
  startCampaign,
} from '../../src/campaigns/campaign.commands.ts';
import { buildApp } from '../../src/http/app.ts';
import {
  acceptedMatter,
  reportAgainstHousing,
  seedOrg,
  TEST_PASSWORD,
  type Org,
} from '../helpers/fixtures.ts';
import { readZipEntry } from '../helpers/zip.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('the backlog and campaigns over HTTP, with their reports', (env) => {
  let app: FastifyInstance;
  let org: Org;
  let campaignId = 0;
  type Key = 'a' | 'b' | 'd' | 'report';
  const m = {} as Record<Key, { id: number; caseNumber: string }>;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const call = async (username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    if (!sessions[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      sessions[username] = {
        cookie: String(res.headers['set-cookie']).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    }
    const s = sessions[username];
    return app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
    clock.set('2026-01-05T01:00:00Z');
    m.a = await acceptedMatter(ctx, org, org.units.housing, {
      subject: '加装电梯久拖未决',
      regionCode: '440305002',
    });
    m.b = await acceptedMatter(ctx, org, org.units.housing, {
      subject: '小区漏水多年',
      regionCode: '440305002',
    });
    m.d = await acceptedMatter(ctx, org, org.units.labour, {
      subject: '工程款拖欠',
      regionCode: '440305002',
    });
    m.report = await reportAgainstHousing(ctx, org, '举报住建局工作人员');
    clock.set('2026-04-10T01:00:00Z');
    const sup = { kind: 'staff' as const, user: org.users.supervisor };
    const c = await createCampaign(ctx, sup, {
      campaignName: '2026年信访积案化解专项行动',
      periodStart: '2026-04-01',
      periodEnd: '2026-09-30',
      targetPercent: 60,
      filter: {},
    });
    campaignId = c.id;
    await startCampaign(ctx, sup, campaignId, {});
    const head = { kind: 'staff' as const, user: org.users.head };
    await recordCampaignOutcome(ctx, head, campaignId, {
      matterId: m.a.id,
      outcome: 'resolved',
      note: '已加装',
    });
    await recordCampaignOutcome(ctx, head, campaignId, {
      matterId: m.b.id,
      outcome: 'hardship_assistance',
      note: '给予困难救助',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads the rule as staff and changes it only as an administrator', async () => {
    expect((await call('officer', 'GET', '/api/backlog/rule')).json()).toEqual({
      ageDays: 90,
      minRepeats: 3,
    });
    expect(
      (await call('officer', 'PUT', '/api/backlog/rule', { ageDays: 60, minRepeats: 3 })).statusCode,
    ).toBe(403);
    const bad = await call('admin', 'PUT', '/api/backlog/rule', { ageDays: 60, minRepeats: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('minRepeats');
    expect((await call('admin', 'PUT', '/api/backlog/rule', { ageDays: 90, minRepeats: 3 })).statusCode).toBe(
      200,
    );
  });

  it('lists the backlog within the user’s data scope, with the campaign each matter is in', async () => {
    const sup = await call('supervisor', 'GET', '/api/backlog?sort=case_number&order=asc');
    expect(sup.statusCode).toBe(200);
    const items = sup.json<{ items: { matterId: number; campaignId: number | null }[] }>().items;
    expect(items.map((i) => i.matterId).sort()).toEqual([m.a.id, m.b.id, m.d.id, m.report.id].sort());
    expect(items.every((i) => i.campaignId === campaignId)).toBe(true);
    const officer = await call('officer', 'GET', '/api/backlog');
    expect(officer.json<{ items: { matterId: number }[] }>().items.map((i) => i.matterId)).not.toContain(
      m.report.id,
    );
    expect((await call('supervisor', 'GET', '/api/backlog?campaign=out')).json().total).toBe(0);
    const bad = await call('supervisor', 'GET', '/api/backlog?minRepeats=-1');
    expect(bad.statusCode).toBe(400);
  });

  it('answers a target over 100 % or of 0 with a field error and stores nothing', async () => {
    for (const targetPercent of [101, 0, 150]) {
      const res = await call('supervisor', 'POST', '/api/campaigns', {
        campaignName: '超标专项',
        periodStart: '2026-04-01',
        periodEnd: '2026-06-30',
        targetPercent,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('targetPercent');
    }
    const list = await call('supervisor', 'GET', '/api/campaigns');
    expect(list.json<{ items: unknown[]; canCreate: boolean }>()).toMatchObject({ canCreate: true });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await call('officer', 'GET', '/api/campaigns')).json().canCreate).toBe(false);
  });

  it('serves live progress and hides the campaign from whoever sees none of it', async () => {
    const p = await call('supervisor', 'GET', `/api/campaigns/${campaignId}/progress`);
    expect(p.json()).toMatchObject({ total: 4, resolved: 2, share: 0.5, targetPercent: 60, reached: false });
    // The street office answers for another street and sees none of the matters (nor the report).
    expect((await call('streethead', 'GET', `/api/campaigns/${campaignId}`)).statusCode).toBe(404);
    expect((await call('streethead', 'GET', '/api/campaigns')).json().items).toEqual([]);
    const officer = await call('officer', 'POST', `/api/campaigns/${campaignId}/record-outcome`, {
      matterId: m.d.id,
      outcome: 'resolved',
      note: '越权登记',
    });
    expect(officer.statusCode).toBe(403);
  });

  it('exports the report as XLSX with the figures by unit and by outcome and the matters', async () => {
    const res = await call('supervisor', 'GET', `/api/campaigns/${campaignId}/report.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('minsheng-campaign-');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('化解进度')!;
    const rows = Array.from(summary.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows[1]).toEqual(['2026年信访积案化解专项行动化解情况报告']);
    expect(rows.find((r) => r[0] === '纳入积案（件）')).toBeTruthy();
    expect(rows).toContainEqual([4, 2, 0.5, '否']);
    expect(rows).toContainEqual(['南山区住房和建设局', 2, 2, 1]);
    expect(rows).toContainEqual(['困难救助', 1]);
    expect(rows).toContainEqual(['依法终结', 0]);
    const list = wb.getWorksheet('积案清单')!;
    expect(list.rowCount).toBe(5);
    const cells = Array.from(list.getSheetValues(), (r) => (Array.isArray(r) ? r : [])).flat();
    expect(cells).toContain(m.a.caseNumber);
    expect(cells).toContain('已化解');
  });

  it('exports the report as DOCX in the official layout, without a matter the reader may not see', async () => {
    const sup = await call('supervisor', 'GET', `/api/campaigns/${campaignId}/report.docx`);
    expect(sup.statusCode).toBe(200);
    const xml = readZipEntry(sup.rawPayload, 'word/document.xml')!;
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('2026年信访积案化解专项行动化解情况报告');
    expect(text).toContain('共纳入积案4件，已化解2件，化解率50.0%，尚未达到目标');
    expect(text).toContain('表1 分单位化解进度');
    expect(text).toContain(m.report.caseNumber);
    const officer = await call('officer', 'GET', `/api/campaigns/${campaignId}/report.docx`);
    const theirs = readZipEntry(officer.rawPayload, 'word/document.xml')!.replace(/<[^>]+>/g, '');
    expect(theirs).not.toContain(m.report.caseNumber);
    expect(theirs).toContain('共纳入积案2件，已化解2件');
  });
});

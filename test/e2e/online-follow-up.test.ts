import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/a11y.ts';
import { cspViolations, hasChromium, launch, newContext, shot, signedInPage } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/**
 * 网上回访: the petitioner looks up a replied matter on the portal (phone screen), says the problem
 * is not solved, and sees the answer recorded; the supervisors find it among the unsolved
 * follow-ups, recorded by the petitioner.
 */
describe.skipIf(!hasChromium)('online follow-up questionnaire on the portal', () => {
  let server: RunningServer;
  let browser: Browser;
  let matter: { id: number; caseNumber: string; queryCode: string };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    const registrar = await apiSession(server.url, 'registrar');
    const officer = await apiSession(server.url, 'officer');
    const head = await apiSession(server.url, 'unithead');
    const r = await registrar.call<{ id: number; caseNumber: string; queryCode: string }>(
      'POST',
      '/api/matters',
      {
        channel: 'letter',
        purpose: 'request',
        regionCode: '440305',
        subject: '小区二次供水水箱长期未清洗',
        content: '小区二次供水水箱两年未清洗，自来水有异味，请求督促物业清洗并检测水质。',
        petitioners: [{ name: '周回访', phone: '13700000031' }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r.status).toBe(201);
    matter = r.body;
    const steps = [
      await registrar.call('POST', `/api/matters/${matter.id}/decide`, {
        decision: 'accept',
        leadUnitId: officer.user.unit.id,
      }),
      await officer.call('POST', `/api/matters/${matter.id}/sign-for`),
      await head.call('POST', `/api/matters/${matter.id}/reply`, {
        outcome: 'supported',
        facts: '经核查，该小区二次供水水箱确未按期清洗，已责成物业服务企业十日内清洗并送检。',
        legalBasis: '《生活饮用水卫生监督管理办法》第九条',
      }),
    ];
    expect(steps.map((s) => s.status)).toEqual([200, 200, 200]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the petitioner answers 未解决 with an opinion and sees the answer instead of the form', async () => {
    const page = await (await newContext(browser, { mobile: true })).newPage();
    await page.goto(`${server.url}/portal/lookup`);
    await page.getByLabel('信访件编号').fill(matter.caseNumber);
    await page.getByLabel('查询码').fill(matter.queryCode);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    const questionnaire = page.getByTestId('online-follow-up');
    await questionnaire.getByText('问题是否解决').waitFor();
    // Sending without an answer is stopped at the field, before any request.
    await questionnaire.getByRole('button', { name: '提交回访' }).click();
    await questionnaire.getByText('请选择问题是否解决').waitFor();
    await expectAccessible(page, 'portal online follow-up, unanswered');
    await questionnaire.getByLabel('未解决', { exact: true }).check();
    await questionnaire.getByLabel(/您的意见/).fill('水箱清洗后一周水又有异味，物业没有送检。');
    await shot(page, '80-portal-follow-up-form');
    await questionnaire.getByRole('button', { name: '提交回访' }).click();
    await page.getByText('感谢您参加回访。').waitFor();
    await questionnaire.getByText(/您已于 .+ 提交回访。/).waitFor();
    const text = (await questionnaire.textContent()) ?? '';
    expect(text).toContain('未解决');
    expect(text).toContain('水箱清洗后一周水又有异味');
    await expect(questionnaire.getByRole('button', { name: '提交回访' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'portal online follow-up, answered');
    await shot(page, '81-portal-follow-up-answered');

    // Looked up again later, the matter still shows the answer and no second form.
    await page.reload();
    await page.getByLabel('信访件编号').fill(matter.caseNumber);
    await page.getByLabel('查询码').fill(matter.queryCode);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await page
      .getByTestId('online-follow-up')
      .getByText(/您已于 .+ 提交回访。/)
      .waitFor();
    await expect(page.getByRole('radio', { name: '未解决' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the supervisor finds it among the unsolved follow-ups, recorded by the petitioner', async () => {
    const page = await signedInPage(browser, server.url, 'supervisor');
    await page.goto(`${server.url}/supervision`);
    const item = page
      .getByTestId('unsolved-follow-ups')
      .getByTestId('follow-up')
      .filter({ hasText: '水箱清洗后一周水又有异味' });
    await item.waitFor();
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('信访人（网上回访）');
    expect(text).toContain('网上问卷');
    await shot(page, '82-supervisor-online-follow-up');
    await page.context().close();
  });

  it('meets the Content-Security-Policy on every page it opened', () => {
    expect(cspViolations).toEqual([]);
  });
});

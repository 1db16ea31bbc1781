import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  cspViolations,
  hasChromium,
  launch,
  login,
  logout,
  newContext,
  shot,
} from './helpers/browser.ts';
import { ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';
import { readZipEntry } from '../helpers/zip.ts';

/**
 * Journey 1: a petitioner submits online, staff accept, route, sign for and reply, and the
 * petitioner reads the reply, rates it and asks for review; the city bureau decides the review and
 * the petitioner reads it and downloads the 复查意见书.
 */
describe.skipIf(!hasChromium)('petition journey: portal → acceptance → reply → rating and review', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseNumber = '';
  let queryCode = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const staffPage = async (): Promise<Page> => (await newContext(browser)).newPage();

  it('a petitioner submits on the portal (phone screen) and gets a case number and query code', async () => {
    const page = await (await newContext(browser, { mobile: true })).newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByText('依法应通过其他途径解决的事项').waitFor();
    await shot(page, '01-portal-empty');
    // Submitting an empty form shows messages next to the fields, not a blank page.
    await page.getByRole('button', { name: /提交信访事项/ }).click();
    await page.getByText('请填写姓名').waitFor();
    await shot(page, '02-portal-validation');

    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('联系电话').fill('13800138000');
    await choose(page, '问题发生地', '广东');
    await choose(page, /问题发生地 2/, '深圳');
    await choose(page, /问题发生地 3/, '南山');
    await page.getByLabel('标题').fill('小区电梯停运两个月无人维修');
    await page
      .getByLabel('具体内容')
      .fill(
        '我住在南山区某小区，电梯自两个月前停运至今，物业称无维修资金，老人上下楼困难，请求督促尽快修复。',
      );
    await page.getByRole('button', { name: /提交信访事项/ }).click();
    await page.getByTestId('receipt').waitFor();
    caseNumber = (await page.getByTestId('case-number').textContent())!.trim();
    queryCode = (await page.getByTestId('query-code').textContent())!.trim();
    expect(caseNumber).toMatch(/\d/);
    expect(queryCode.length).toBeGreaterThan(3);
    await shot(page, '03-portal-receipt');
    await page.context().close();
  });

  it('the registrar finds it in the queue, accepts it and routes it to the housing bureau', async () => {
    const page = await staffPage();
    await login(page, server.url, 'registrar');
    await page.locator('canvas').first().waitFor();
    await shot(page, '04-home-dashboard');
    await page.goto(`${server.url}/queue`);
    await page.getByTestId('queue-search').locator('input').fill(caseNumber);
    await page.getByTestId('queue-search').locator('input').press('Enter');
    const row = page.getByRole('link', { name: caseNumber });
    await row.waitFor();
    await expect(page.getByTestId('deadline-badge').first().isVisible()).resolves.toBe(true);
    await shot(page, '05-queue');
    await row.click();
    await page.getByTestId('matter-title').waitFor();
    await shot(page, '06-matter-registered');
    // Before acceptance nobody may reply: the button is not offered.
    await expect(page.locator('[data-action="reply"]').count()).resolves.toBe(0);
    await page.locator('[data-action="accept"]').click();
    await choose(page, '牵头单位', '南山区住房和建设局');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /受\s?理/ })
      .last()
      .click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator('[data-state="accepted"]').first().waitFor();
    await page.getByTestId('documents').getByText('受理告知书').waitFor();
    await shot(page, '07-matter-accepted');
    await page.getByTestId('documents').getByRole('link', { name: '打印版' }).first().click();
    await page.getByTestId('notice').waitFor();
    expect(await page.getByTestId('notice').textContent()).toContain(caseNumber);
    await shot(page, '08-acceptance-notice');
    await page.context().close();
  });

  it('the unit officer signs for it and the unit head replies with a preview', async () => {
    const officer = await staffPage();
    await login(officer, server.url, 'officer');
    await officer.goto(`${server.url}/queue?mine=unit&q=${encodeURIComponent(caseNumber)}`);
    await officer.getByRole('link', { name: caseNumber }).click();
    await officer.getByTestId('matter-title').waitFor();
    await expect(officer.locator('[data-action="reply"]').count()).resolves.toBe(0);
    await officer.locator('[data-action="sign_for"]').click();
    await officer
      .getByRole('dialog')
      .getByRole('button', { name: /签\s?收/ })
      .last()
      .click();
    await officer.locator('[data-state="in_handling"]').first().waitFor();
    await shot(officer, '09-matter-in-handling-officer');
    await officer.context().close();

    const head = await staffPage();
    await login(head, server.url, 'unithead');
    await head.goto(`${server.url}/queue?q=${encodeURIComponent(caseNumber)}`);
    await head.getByRole('link', { name: caseNumber }).click();
    await head.locator('[data-action="reply"]').click();
    const dialog = head.getByRole('dialog');
    await dialog.getByLabel('支持', { exact: true }).check();
    await dialog
      .getByLabel('查明事实')
      .fill('经现场核查，该小区电梯确已停运六十二日，系物业服务企业未及时申请使用专项维修资金所致。');
    await dialog
      .getByLabel('法律、政策依据')
      .fill('《特种设备安全法》第四十二条；《深圳市物业管理条例》相关规定。');
    await dialog.getByLabel('正文（可选）').fill('责令物业服务企业于十五日内完成维修并恢复运行。');
    await dialog.getByText('预览').click();
    await head.getByTestId('reply-preview').getByText('信访事项处理意见书').waitFor();
    await shot(head, '10-reply-preview');
    await dialog.getByRole('button', { name: '出具处理意见' }).click();
    await head.locator('[data-state="replied"]').first().waitFor();
    await head.getByTestId('decisions').waitFor();
    await shot(head, '11-matter-replied');
    // A replied matter cannot be decided again.
    await expect(head.locator('[data-action="accept"]').count()).resolves.toBe(0);
    await head.context().close();
  });

  it('the petitioner looks it up, reads the reply, rates it and asks for review', async () => {
    const page = await (await newContext(browser, { mobile: true })).newPage();
    await page.goto(`${server.url}/portal/lookup`);
    await page.getByLabel('信访件编号').fill(caseNumber);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    await page.getByTestId('public-reply').waitFor();
    expect(await page.getByTestId('public-reply').textContent()).toContain('经现场核查');
    await shot(page, '12-portal-lookup-replied');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载处理意见' }).click();
    expect((await download).suggestedFilename()).toContain(caseNumber);

    await page.getByLabel('基本满意').check();
    await page.getByLabel('评价意见（选填）').fill('电梯已恢复，但维修拖延较久。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价。').waitFor();

    await page.getByLabel('申请复查的理由').fill('物业仍未公开维修资金使用情况，请求上级机关复查。');
    await page.getByRole('button', { name: '申请复查' }).click();
    await page.getByText('复查申请已提交。').waitFor();
    await page.getByText('复查中').first().waitFor();
    await shot(page, '13-portal-review-requested');
    await page.context().close();
  });

  it('a staff user who signs out and in again sees the review request', async () => {
    const page = await staffPage();
    await login(page, server.url, 'registrar');
    await page.goto(`${server.url}/queue?state=review_requested`);
    await page.getByRole('link', { name: caseNumber }).waitFor();
    await logout(page);
    await page.context().close();
  });

  it('the city bureau decides the review, and staff print the 复查意见书 with its 文号', async () => {
    const page = await staffPage();
    await login(page, server.url, 'cityhead');
    await page.goto(`${server.url}/queue?q=${encodeURIComponent(caseNumber)}`);
    await page.getByRole('link', { name: caseNumber }).click();
    await page.locator('[data-action="decide_review"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('变更原处理意见', { exact: true }).check();
    await dialog
      .getByLabel('查明事实')
      .fill('复查查明：专项维修资金已于上月到账，物业服务企业仍未公示使用情况。');
    await dialog
      .getByLabel('法律、政策依据')
      .fill('《信访工作条例》第三十五条；《物业管理条例》第五十三条。');
    await dialog
      .getByLabel('正文（可选）')
      .fill('变更原处理意见，责成物业服务企业十日内公示维修资金使用情况。');
    await dialog.getByText('预览').click();
    await page.getByTestId('reply-preview').getByText('信访事项复查意见书').waitFor();
    await dialog.getByRole('button', { name: '作出复查意见' }).click();
    await page.locator('[data-state="reviewed"]').first().waitFor();
    const docs = page.getByTestId('documents');
    await docs.getByText('复查意见书').waitFor();
    await docs.getByRole('link').last().click();
    const notice = page.getByTestId('notice');
    await notice.getByText('信访事项复查意见书').waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('维修资金已于上月到账');
    expect(text).toMatch(/深圳信访复查〔\d{4}〕\d+号/);
    expect(text).not.toContain(caseNumber + '号');
    await shot(page, '14-review-notice-printable');
    await page.context().close();
  });

  it('the petitioner reads the review decision and downloads the 复查意见书', async () => {
    const page = await (await newContext(browser, { mobile: true })).newPage();
    await page.goto(`${server.url}/portal/lookup`);
    await page.getByLabel('信访件编号').fill(caseNumber);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: /查\s?询/ }).click();
    const review = page.getByTestId('public-review');
    await review.waitFor();
    const text = (await review.textContent()) ?? '';
    expect(text).toContain('变更原处理意见');
    expect(text).toContain('维修资金已于上月到账');
    expect(text).toContain('《物业管理条例》第五十三条');
    expect(text).toContain('十日内公示维修资金使用情况');
    expect(text).toMatch(/深圳信访复查〔\d{4}〕\d+号/);
    await review.scrollIntoViewIfNeeded();
    await shot(page, '15-portal-review-decision');

    const download = page.waitForEvent('download');
    await review.getByRole('button', { name: '下载复查意见书' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`复查意见书-${caseNumber}.docx`);
    const xml = readZipEntry(await readFile(await file.path()), 'word/document.xml') ?? '';
    expect(xml).toContain('信访事项复查意见书');
    expect(xml).toContain('维修资金已于上月到账');
    expect(xml).toMatch(/深圳信访复查〔\d{4}〕\d+号/);
    await page.context().close();
  });

  it('the API documentation at /docs renders under the same policy', async () => {
    const page = await staffPage();
    await page.goto(`${server.url}/docs`);
    await page.getByText('Minsheng 民声 API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    await page.context().close();
  });

  // Issue 10, item 7: the policy the server sends is one the pages keep (no refused script, style,
  // image or connection on any page of this journey).
  it('meets the Content-Security-Policy on every page it opened', () => {
    expect(cspViolations).toEqual([]);
  });
});

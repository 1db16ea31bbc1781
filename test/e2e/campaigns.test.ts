import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, hasChromium, launch, shot, signedInPage } from './helpers/browser.ts';
import { acceptedMatter, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** Picks an option of an antd Select that has no search box, opened by its test id. */
async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/**
 * Issue 14 item 2: a supervisor takes a matter on from the backlog into a new campaign, starts it,
 * names themself its owner, records its outcome and sees the campaign's progress move.
 */
describe.skipIf(!hasChromium)('backlog campaigns: from the backlog to a recorded outcome', () => {
  let server: RunningServer | undefined;
  let browser: Browser;
  let matter: { id: number; caseNumber: string };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    // Received 100 days ago (a letter registered late): backlog at once under the 90-day rule.
    matter = await acceptedMatter(server.url, {
      channel: 'letter',
      subject: '老旧小区屋面渗漏多年未修',
      content: '我们小区屋面渗漏多年，多次反映无果，请求相关部门督促维修。',
      receivedAt: new Date(Date.now() - 100 * 86_400_000).toISOString(),
      petitioner: { name: '冯积案', phone: '13700000041' },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a campaign from the backlog, starts it, records an outcome and sees progress move', async () => {
    const base = server!.url;
    const page = await signedInPage(browser, base, 'supervisor');
    await page.goto(`${base}/work/backlog`);
    const row = page.getByTestId('backlog-table').locator('tbody tr').filter({ hasText: matter.caseNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain('100 日');
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('add-to-campaign').click();
    const add = page.getByTestId('add-to-campaign-dialog');
    await pick(page, 'add-target', '设立新的专项行动');
    await add.getByLabel('专项行动名称').fill('屋面渗漏积案专项治理（浏览器测试）');
    await add.getByLabel('开始日期').fill('2026-01-01');
    await add.getByLabel('结束日期').fill('2026-12-31');
    await shot(page, '90-campaign-from-backlog');
    await add.getByRole('button', { name: /提\s?交/ }).click();
    await add.waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('campaign-state').textContent()).toBe('筹备中');
    await page.getByTestId('campaign-start').click();
    await expect.poll(() => page.getByTestId('campaign-state').textContent()).toBe('进行中');
    expect(await page.getByTestId('campaign-progress-text').textContent()).toContain('已化解 0 / 1 件');

    const item = page
      .getByTestId('campaign-matters')
      .locator('tbody tr')
      .filter({ hasText: matter.caseNumber });
    await item.getByRole('button', { name: '指定责任人' }).click();
    const owner = page.getByTestId('owner-dialog');
    await choose(page, '责任人', '刘敏');
    await owner.getByRole('button', { name: /提\s?交/ }).click();
    await owner.waitFor({ state: 'hidden' });
    await item.getByText('刘敏').waitFor();

    await page.getByTestId(`record-${matter.id}`).click();
    const record = page.getByTestId('outcome-dialog');
    await pick(page, 'outcome-select', '已化解');
    await record.getByLabel('化解情况').fill('已协调物业完成屋面防水维修，信访人签字确认。');
    await record.getByRole('button', { name: /提\s?交/ }).click();
    await record.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByTestId('campaign-progress-text').textContent())
      .toContain('已化解 1 / 1 件');
    expect(await page.getByTestId('campaign-progress-text').textContent()).toContain('已达到目标');
    expect(await page.getByTestId('progress-by-outcome').textContent()).toContain('已化解1');
    await shot(page, '91-campaign-progress');

    // The campaign list shows it with its bar; the backlog names the campaign the matter is in.
    await page.goto(`${base}/work/campaigns`);
    await page.getByRole('link', { name: '屋面渗漏积案专项治理（浏览器测试）' }).waitFor();
    await page.goto(`${base}/work/backlog`);
    await row.getByRole('link', { name: '屋面渗漏积案专项治理（浏览器测试）' }).waitFor();
    await page.context().close();
  });
});

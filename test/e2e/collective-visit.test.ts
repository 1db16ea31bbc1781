import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, cspViolations, hasChromium, launch, login, newContext, shot } from './helpers/browser.ts';
import { ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** Journey 2: a collective visit registered at the desk; at most five representatives (条例 §20). */
describe.skipIf(!hasChromium)('collective visit at the desk', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    page = await (await newContext(browser)).newPage();
    await login(page, server.url, 'registrar');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const fillPetitioner = async (i: number, name: string, phone: string, representative: boolean) => {
    const box = page.getByTestId(`petitioner-${i}`);
    await box.getByLabel('姓名').fill(name);
    await box.getByLabel('联系电话').fill(phone);
    if (representative) await box.getByLabel('代表').check();
  };

  it('refuses a sixth representative with the API message next to the petitioners, then registers with five', async () => {
    await page.goto(`${server.url}/register`);
    await page.getByTestId('register-submit').waitFor();
    // Visit is the default channel at the desk.
    await page.getByLabel('来访人数（人次）').fill('30');
    await choose(page, '问题属地', '广东');
    await choose(page, /问题属地 2/, '深圳');
    await choose(page, /问题属地 3/, '南山');
    await page.getByLabel('标题').fill('某楼盘延期交房，业主集体来访');
    await page
      .getByLabel('信访内容')
      .fill(
        '某楼盘原定去年十二月交房，至今延期已近一年，开发商未给出明确交房时间，三十名业主集体来访，请求督促开发商尽快交房并依约支付违约金。',
      );
    await fillPetitioner(0, '刘建国', '13900000001', true);
    for (let i = 1; i < 6; i++) {
      await page.getByTestId('add-petitioner').click();
      await fillPetitioner(i, `业主代表${i + 1}`, `1390000000${i + 1}`, true);
    }
    await page.getByTestId('register-submit').click();
    const errors = page.getByTestId('petitioners-errors');
    await errors.getByText(/代表/).first().waitFor();
    expect(await errors.textContent()).toMatch(/5|五/);
    await shot(page, '20-collective-six-representatives-refused');

    // Make the sixth a plain member of the group and submit again.
    await page.getByTestId('petitioner-5').getByLabel('代表').uncheck();
    await page.getByTestId('register-submit').click();
    await page.getByTestId('register-result').waitFor();
    expect(await page.getByTestId('case-number').textContent()).toMatch(/\d/);
    await shot(page, '21-collective-registered');
    await page.getByTestId('open-registered').click();
    await page.getByTestId('matter-title').waitFor();
    await page.getByTestId('petitioners').getByText('代表').first().waitFor();
    expect(await page.getByTestId('petitioners').textContent()).toContain('(6)');
    await shot(page, '22-collective-matter');
  });

  // Issue 10, item 7: the policy the server sends is one the pages keep (no refused script, style,
  // image or connection on any page of this journey).
  it('meets the Content-Security-Policy on every page it opened', () => {
    expect(cspViolations).toEqual([]);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, cspViolations, hasChromium, launch, login, newContext, shot } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

interface Registered {
  id: number;
  caseNumber: string;
}

/** Issue 11, items 3, 4, 5 and 7: form messages, merge by case number, the extension field, the region picker. */
describe.skipIf(!hasChromium)('forms and actions a new user hit', () => {
  let server: RunningServer;
  let browser: Browser;
  let target: Registered;
  let duplicate: Registered;
  let handled: Registered;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    const registrar = await apiSession(server.url, 'registrar');
    const officer = await apiSession(server.url, 'officer');
    const register = async (subject: string) => {
      const r = await registrar.call<Registered>(
        'POST',
        '/api/matters',
        {
          channel: 'letter',
          purpose: 'request',
          regionCode: '440305',
          subject,
          content: `${subject}，已持续一个多月，请求有关部门尽快处理。`,
          petitioners: [
            {
              name: '周表单',
              phone: '13700000011',
              idNumber: '440305198001011235',
              address: '南山区桃源街道平山村1栋',
            },
          ],
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
      expect(r.status).toBe(201);
      return r.body;
    };
    target = await register('小区道路破损积水');
    duplicate = await register('小区道路破损积水再次反映');
    handled = await register('小区垃圾清运不及时');
    const accepted = await registrar.call('POST', `/api/matters/${handled.id}/decide`, {
      decision: 'accept',
      leadUnitId: officer.user.unit.id,
    });
    expect(accepted.status).toBe(200);
    expect((await officer.call('POST', `/api/matters/${handled.id}/sign-for`, {})).status).toBe(200);
  });

  afterAll(async () => {
    if (process.env.E2E_SERVER_LOG) console.log(server?.log().slice(-4000));
    await browser?.close();
    await server?.stop();
    expect(cspViolations).toEqual([]);
  });

  const pageFor = async (user: string): Promise<Page> => {
    const page = await (await newContext(browser)).newPage();
    await login(page, server.url, user);
    return page;
  };
  const fieldError = (page: Page, label: string) =>
    page
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel(label, { exact: true }) })
      .locator('.ant-form-item-explain-error');

  it('登记信访 opens at the registrar’s own district and clears a message once its field is filled', async () => {
    const page = await pageFor('registrar');
    await page.goto(`${server.url}/register`);
    // 南山区 is already chosen; the next box offers its streets, and no box is empty of choices.
    const region = page.locator('.ant-form-item').filter({ hasText: '问题属地' }).first();
    await region
      .getByText('南山区')
      .waitFor({ timeout: 8000 })
      .catch(async (e: unknown) => {
        await shot(page, '60-debug');
        throw e;
      });
    const boxes = region.locator('.ant-select');
    expect(await boxes.count()).toBe(4);
    await shot(page, '60-register-region-starts-at-district');

    await page.getByRole('button', { name: /^登\s?记$/ }).click();
    await fieldError(page, '标题').first().waitFor();
    await page.getByLabel('标题', { exact: true }).fill('楼道堆放杂物存在消防隐患');
    // The message goes as soon as the field is filled…
    await fieldError(page, '标题').first().waitFor({ state: 'detached' });
    expect(await fieldError(page, '信访内容').count()).toBeGreaterThan(0);
    await shot(page, '61-register-message-cleared-on-change');
    // …and does not come back on the next submit, while the unfilled field's message stays.
    await page.getByRole('button', { name: /^登\s?记$/ }).click();
    await fieldError(page, '信访内容').first().waitFor();
    expect(await fieldError(page, '标题').count()).toBe(0);
    await page.context().close();
  });

  it('使用此人 copies the whole known person, not only the name', async () => {
    const page = await pageFor('registrar');
    await page.goto(`${server.url}/register`);
    const person = page.getByTestId('petitioner-0');
    await person.getByLabel('姓名').fill('周表单');
    await page
      .getByTestId('petitioner-matches')
      .getByRole('button', { name: /使用此人/ })
      .first()
      .click();
    await expect.poll(() => person.getByLabel('身份证号').inputValue()).toBe('440305198001011235');
    expect(await person.getByLabel('联系电话').inputValue()).toBe('13700000011');
    expect(await person.getByLabel('地址').inputValue()).toBe('南山区桃源街道平山村1栋');
    await shot(page, '67-use-this-person');
    await page.context().close();
  });

  it('merges into a matter named by its case number', async () => {
    const page = await pageFor('registrar');
    await page.goto(`${server.url}/matters/${duplicate.id}`);
    await page.locator('[data-action="merge"]').click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByLabel('合并到的信访事项（编号或 ID）');
    await field.fill(target.caseNumber);
    expect(await field.inputValue()).toBe(target.caseNumber);
    await shot(page, '62-merge-by-case-number');
    await dialog.getByRole('button', { name: '合并为重复件' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-state="merged"]').first().waitFor();
    await page.context().close();
  });

  it('does not cut an extension of 31 days to 30: it says the rule on the field', async () => {
    const page = await pageFor('unithead');
    await page.goto(`${server.url}/matters/${handled.id}`);
    await page.locator('[data-action="extend"]').click();
    const dialog = page.getByRole('dialog');
    const days = dialog.getByLabel('延期天数');
    await days.fill('31');
    await dialog.getByLabel('理由').fill('需要现场勘验并听取各方意见');
    await dialog.getByRole('button', { name: /^延\s?期$/ }).click();
    await fieldError(page, '延期天数').filter({ hasText: '30' }).first().waitFor();
    expect(await days.inputValue()).toBe('31');
    await shot(page, '63-extension-31-refused-on-field');
    // Corrected, it goes through, and 延期 is no longer offered.
    await days.fill('30');
    await fieldError(page, '延期天数').first().waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: /^延\s?期$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The page reloads the matter: 延期 goes (one extension only), 出具处理意见 stays.
    await page.locator('[data-action="extend"]').waitFor({ state: 'detached' });
    await page.getByTestId('action-bar').locator('[data-action="reply"]').waitFor();
    // The handling limit it replaced reads 已延期, not 已取消.
    await page.locator('.ant-table').getByText('已延期', { exact: true }).waitFor();
    expect(await page.locator('.ant-table').getByText('已取消', { exact: true }).count()).toBe(0);
    await shot(page, '65-deadline-extended-label');
    await page.context().close();
  });

  it('the portal says a wrong query code once, on its field', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByText('查询办理进度').click();
    await page.getByLabel('信访件编号').fill(target.caseNumber);
    await page.getByLabel('查询码').fill('AAAAAAAAAAAA');
    await page.getByRole('button', { name: /^查\s?询$/ }).click();
    await fieldError(page, '查询码').waitFor();
    expect(await page.getByText('编号或查询码不正确').count()).toBe(1);
    expect(await page.getByRole('alert').filter({ hasText: '查询码' }).count()).toBe(0);
    await shot(page, '66-portal-wrong-code-once');
    await page.context().close();
  });

  it('the hot-issue period ends on today in Beijing time, even in a browser set to UTC', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    await login(page, server.url, 'analyst');
    // 20:00 UTC yesterday is already today (04:00) in Beijing.
    const beijingToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const utcYesterday = new Date(Date.parse(`${beijingToday}T00:00:00Z`) - 4 * 3_600_000);
    await page.clock.setFixedTime(utcYesterday);
    await page.goto(`${server.url}/hot-issues`);
    const end = page.locator('.ant-picker-range input').nth(1);
    await end.waitFor();
    expect(await end.inputValue()).toBe(beijingToday);
    await context.close();
  });

  it('the portal shows an ID number with a wrong check digit on the field', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByLabel('姓名').fill('王校验');
    await page.getByLabel('联系电话').fill('13800138001');
    await page.getByLabel('身份证号（选填）').fill('110105194912310021');
    await page.getByLabel('标题').fill('小区路灯损坏');
    await page.getByLabel('具体内容').fill('小区东门路灯损坏一个月无人维修，夜间出行不便。');
    await choose(page, '问题发生地', '广东');
    await choose(page, /问题发生地 2/, '深圳');
    await choose(page, /问题发生地 3/, '南山');
    await page.getByRole('button', { name: /提交信访事项/ }).click();
    await fieldError(page, '身份证号（选填）').filter({ hasText: '校验码' }).waitFor();
    await shot(page, '64-portal-id-checksum-on-field');
    await page.getByLabel('身份证号（选填）').fill('110105194912310022');
    await fieldError(page, '身份证号（选填）').first().waitFor({ state: 'detached' });
    await page.context().close();
  });
});

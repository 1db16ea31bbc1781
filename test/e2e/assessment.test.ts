import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, shot, signedInPage } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** Today's date in Beijing, as the server's calendar counts it. */
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Issue 14 item 4: the bureau issues a responsibility letter with a target to the street office, the
 * street office's head signs it, and its page shows the target beside the live figure; the demo's
 * letters, frozen scorecard and answered accountability record are on their pages.
 */
describe.skipIf(!hasChromium)('responsibility letters and accountability', () => {
  let server: RunningServer | undefined;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the bureau issues a letter with targets, the unit’s head signs, the page compares actuals', async () => {
    const street = await apiSession(server!.url, 'street');
    const supervisor = await signedInPage(browser, server!.url, 'supervisor');
    await supervisor.goto(`${server!.url}/work/letters`);
    // The demo's letters of this year are listed, with their targets met or not.
    await supervisor.getByTestId('letters-table').getByText('南山区住房和建设局').waitFor();
    await supervisor.getByTestId('draft-letter').click();
    const dialog = supervisor.getByTestId('draft-letter-dialog');
    await dialog.getByTestId('letter-unit').click();
    await supervisor.keyboard.type(street.user.unit.name);
    await supervisor
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: street.user.unit.name })
      .first()
      .click();
    await dialog.getByTestId('bureau-signatory-name').fill('王建国');
    await dialog.getByTestId('bureau-signatory-title').fill('南山区信访局局长');
    await dialog.getByTestId('add-target').click();
    await dialog.getByTestId('target-indicator-0').click();
    await supervisor
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '按期办结率' })
      .first()
      .click();
    await dialog.getByTestId('target-percent-0').fill('95');
    await shot(supervisor, '90-letter-draft');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await supervisor.getByTestId('letters-table').getByRole('link', { name: street.user.unit.name }).click();
    await supervisor.getByTestId('letter-issue').click();
    await supervisor.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect.poll(() => supervisor.getByTestId('letter-state').textContent()).toBe('已下达待签订');
    const url = supervisor.url();

    const head = await signedInPage(browser, server!.url, 'street');
    await head.goto(url);
    await head.getByTestId('letter-sign').click();
    const sign = head.getByTestId('letter-sign-dialog');
    await sign.getByTestId('letter-signed-on').fill(beijingToday());
    await sign.getByTestId('unit-signatory-name').fill(street.user.displayName);
    await sign.getByTestId('unit-signatory-title').fill('南山街道办事处主任');
    await sign.getByRole('button', { name: /提\s?交/ }).click();
    await expect.poll(() => head.getByTestId('letter-state').textContent()).toBe('已签订');
    const row = head.getByTestId('letter-targets-table').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('按期办结率');
    expect(await row.textContent()).toContain('不低于 95%');
    // Met, not met, or nothing counted yet: the live figure is compared with the target.
    expect(await row.locator('[data-testid^="target-"]').count()).toBe(1);
    expect(await head.getByTestId('letter-docx').getAttribute('href')).toMatch(/letter\.docx$/);
    expect(await head.getByTestId('letter-history').textContent()).toContain('签订责任书');
    await shot(head, '91-letter-signed');

    // The demo's frozen scorecard of last year, with its hash.
    await supervisor.goto(`${server!.url}/work/letters`);
    await supervisor.getByTestId('letters-year').click();
    const last = String(new Date().getFullYear() - 1);
    await supervisor
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: last })
      .first()
      .click();
    const frozen = supervisor.getByTestId('frozen-scorecard').first();
    await frozen.waitFor();
    expect(await frozen.textContent()).toMatch(/SHA-256 [0-9a-f]{64}/);
  });

  it('the unit reads the accountability record it answered, with its cited figure', async () => {
    const labour = await signedInPage(browser, server!.url, 'labour');
    await labour.goto(`${server!.url}/work/accountability`);
    const link = labour.getByTestId('accountability-table').getByRole('link').first();
    await link.click();
    await expect.poll(() => labour.getByTestId('accountability-state').textContent()).toBe('已答复待审核');
    expect(await labour.getByText('按期办结率').count()).toBeGreaterThan(0);
    await shot(labour, '92-accountability');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, login, newContext, shot } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/**
 * The router and the query layer (issue 11, item 11): deep links survive a reload, back returns to
 * the filtered queue, an unknown path is a 404 page with a way home, and the home page asks for its
 * counts once.
 */
describe.skipIf(!hasChromium)('navigation', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let summary: { total: number; byState: Record<string, number> };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    const registrar = await apiSession(server.url, 'registrar');
    summary = (await registrar.call<typeof summary>('GET', '/api/dashboard/summary')).body;
    page = await (await newContext(browser)).newPage();
    await login(page, server.url, 'registrar');
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for the home page’s counts with one request and shows them', async () => {
    const requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/') && !path.startsWith('/api/auth/')) requests.push(path);
    });
    await page.goto(`${server.url}/`);
    const total = page.locator('.ant-statistic').filter({ hasText: '可见信访事项' });
    await expect
      .poll(async () => (await total.locator('.ant-statistic-content').textContent())?.replace(/\D/g, ''))
      .toBe(String(summary.total));
    // Nothing else is asked for after the figures have come (the header's inbox count is the header's).
    await page.waitForLoadState('networkidle');
    expect(requests.filter((p) => p !== '/api/inbox/unread-count')).toEqual(['/api/dashboard/summary']);
    page.removeAllListeners('request');
  });

  it('opens a filtered queue from its address, a matter from the queue, and back restores the filter', async () => {
    await page.goto(`${server.url}/queue?state=registered`);
    await page.reload();
    await expect.poll(() => page.getByTestId('filter-state').textContent()).toContain('已登记');
    const first = page.locator('.ant-table-row a').first();
    await first.waitFor();
    // Every row is in the state asked for.
    const states = await page.locator('.ant-table-row .ant-tag').allTextContents();
    expect(states.length).toBeGreaterThan(0);
    expect(states.filter((s) => ['已受理', '已答复', '已办结'].includes(s))).toEqual([]);
    await first.click();
    await page.getByTestId('matter-title').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/matters\/\d+$/);
    const matterUrl = page.url();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('registered');
    await expect.poll(() => page.getByTestId('filter-state').textContent()).toContain('已登记');
    await page.locator('.ant-table-row a').first().waitFor();

    // A matter's address reloads to the matter, and its "back to the queue" link returns to the
    // queue as it was last filtered in this tab.
    await page.goto(matterUrl);
    await page.reload();
    await page.getByTestId('matter-title').waitFor();
    expect(await page.getByTestId('matter-title').textContent()).not.toBe('');
    await page.getByRole('link', { name: /返回列表/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('registered');
  });

  it('shows an unknown path as a 404 page with a link home', async () => {
    const res = await page.goto(`${server.url}/no/such/page`);
    expect(res?.status()).toBe(200); // the app's page; the app says it is not found
    await page.getByTestId('page-not-found').waitFor();
    await shot(page, 'navigation-404');
    await page.getByTestId('page-not-found').getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await page.locator('.ant-statistic').first().waitFor();
  });

  it('leads /login to the home page, and on a phone the header fits the screen', async () => {
    // Signed out, /login shows the sign-in form; once signed in, the home page, not a 404.
    const phone = await (await newContext(browser, { mobile: true })).newPage();
    await login(phone, server.url, 'leader');
    await phone.goto(`${server.url}/login`);
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/');
    await phone.locator('.ant-statistic').first().waitFor();
    expect(await phone.getByTestId('page-not-found').count()).toBe(0);
    // The title, the menu and the user's controls wrap instead of pushing the page sideways.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const logout = await phone.getByRole('button', { name: /退出登录/ }).boundingBox();
    expect(logout!.x + logout!.width).toBeLessThanOrEqual(390);
    await shot(phone, 'navigation-phone-header');
    await phone.context().close();
  });
});

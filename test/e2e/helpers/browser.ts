import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`e2e: ${CHROMIUM} is missing (apt-get install chromium); browser journeys are skipped`);

const SHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'e2e');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Every Content-Security-Policy violation seen by a page of a context made by `newContext`: the
 * page's own `securitypolicyviolation` events and Chromium's console report of a refused resource.
 * A journey ends by asserting the list is empty (issue 10, item 7).
 */
export const cspViolations: string[] = [];

const CSP_TAG = 'csp-violation:';

export async function newContext(browser: Browser, opts: { mobile?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    ...(opts.mobile
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1366, height: 900 } }),
  });
  await context.addInitScript((tag: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`${tag} ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  }, CSP_TAG);
  context.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith(CSP_TAG) || /Content Security Policy/i.test(text))
      cspViolations.push(`${msg.location().url}: ${text}`);
  });
  return context;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Chooses an option of an antd Select found by its label: type to filter, pick the option. */
export async function choose(
  page: Page,
  label: string | RegExp,
  optionText: string | RegExp,
  nth = 0,
): Promise<void> {
  const input = page.getByLabel(label, { exact: typeof label === 'string' }).nth(nth);
  await input.click();
  if (typeof optionText === 'string') await input.fill(optionText);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: optionText })
    .first();
  await option.click();
}

/** Logs a staff user in through the login page. */
export async function login(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('minsheng-demo');
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await page.getByTestId('current-user').waitFor();
}

/** A new browser context's page, signed in as a demo user. */
export async function signedInPage(browser: Browser, base: string, username: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await login(page, base, username);
  return page;
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.getByLabel('用户名').waitFor();
}

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, hasChromium, launch, newContext, shot } from './helpers/browser.ts';
import { ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** What has the keyboard focus: its id, tag, type, text, and whether a focus ring is drawn. */
interface Focused {
  id: string;
  tag: string;
  type: string;
  text: string;
  /** A solid outline of 2 px or more on the element or, for hidden inputs, on what shows it. */
  ring: boolean;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const ringOn = (e: Element | null): boolean => {
      for (let n = e, i = 0; n && i < 4; n = n.parentElement, i++) {
        const s = getComputedStyle(n);
        if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) return true;
      }
      return false;
    };
    return {
      id: el?.id ?? '',
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      text: (el?.textContent ?? '').replace(/\s/g, ''),
      ring: ringOn(el),
    };
  });

/** Presses Tab until `want` holds for the focused element; every element passed must show its focus. */
async function tabTo(page: Page, want: (f: Focused) => boolean, seen: Focused[] = []): Promise<Focused[]> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f);
    expect(f.ring, `focus ring on ${JSON.stringify(f)}`).toBe(true);
    if (want(f)) return seen;
  }
  throw new Error(`not reached by Tab: ${JSON.stringify(seen.slice(-8))}`);
}

const isSubmit = (f: Focused) => f.tag === 'button' && f.type === 'submit';
const isButton = (text: RegExp) => (f: Focused) => f.tag === 'button' && text.test(f.text);

/** The portal form's fields in the order a petitioner meets them. */
const FIELD_ORDER = [
  'name',
  'phone',
  'idNumber',
  'address',
  'regionCode',
  'purpose',
  'categoryCode',
  'subject',
  'content',
  'isMisconductReport',
];

/**
 * Issue 11, item 12 (GB/T 37668, 适老化): the portal is usable with the keyboard alone and at 200 %
 * zoom. Only page.keyboard drives the pages here; the mouse is never used.
 */
describe.skipIf(!hasChromium)('the portal by keyboard alone, and at 200 % zoom', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseNumber = '';
  let queryCode = '';

  beforeAll(async () => {
    ensureWebBuild();
    // One browser walks through many portal pages in a minute: above the per-address limit of 60.
    server = await startServer({ MINSHENG_PUBLIC_RATE_LIMIT: '1000' });
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('submits a petition and looks it up with Tab, Shift+Tab, Enter, Space and the arrow keys', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByText('依法应通过其他途径解决的事项').waitFor();

    // The first Tab reaches the skip link, which is shown when focused and jumps to the content.
    await page.keyboard.press('Tab');
    const skip = page.locator('a.ms-skip');
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    await shot(page, 'kb-01-skip-link');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');

    // Every field is reached in reading order, each with a visible focus ring.
    const seen = await tabTo(page, isSubmit);
    const order = seen.map((f) => f.id).filter((id) => FIELD_ORDER.includes(id));
    expect(order).toEqual(FIELD_ORDER);

    // Submitting the empty form: the summary is announced and focus goes to the first field to fix.
    await page.keyboard.press('Enter');
    await page.locator('[role="alert"]', { hasText: '请按提示修改标红的内容' }).waitFor();
    await expect.poll(async () => (await focused(page)).id).toBe('name');
    const name = page.locator('#name');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toContain('请填写姓名');
    await shot(page, 'kb-02-errors-focus');

    await page.keyboard.type('王小明');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('phone');
    await page.keyboard.type('13800138000');
    // Shift+Tab goes back.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).id).toBe('name');
    await tabTo(page, (f) => f.id === 'regionCode');
    // The region: type to filter, arrow to the option, Enter to choose.
    await page.keyboard.type('广东');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    // Chosen: the next level down (city) is offered.
    await page.getByLabel('问题发生地 2').waitFor();
    await tabTo(page, (f) => f.id === 'subject');
    await page.keyboard.type('小区电梯停运两个月无人维修');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('content');
    await page.keyboard.type('电梯自两个月前停运至今，物业称无维修资金，老人上下楼困难，请求督促尽快修复。');
    // Space ticks the misconduct box (its extra field appears) and unticks it again.
    await tabTo(page, (f) => f.id === 'isMisconductReport');
    await page.keyboard.press('Space');
    await page.locator('#target').waitFor();
    await page.keyboard.press('Space');
    await page.locator('#target').waitFor({ state: 'detached' });
    await shot(page, 'kb-03-filled');
    await tabTo(page, isSubmit);
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor();
    caseNumber = (await page.getByTestId('case-number').textContent())!.trim();
    queryCode = (await page.getByTestId('query-code').textContent())!.trim();
    expect(caseNumber).toMatch(/\d/);
    await shot(page, 'kb-04-receipt');

    // From the receipt to the look-up, which opens with both codes filled in.
    await tabTo(page, isButton(/^查询办理进度$/));
    await page.keyboard.press('Enter');
    await page.locator('#queryCode').waitFor();
    expect(await page.locator('#caseNumber').inputValue()).toBe(caseNumber);
    expect(await page.locator('#queryCode').inputValue()).toBe(queryCode);
    await tabTo(page, isSubmit);
    await page.keyboard.press('Enter');
    await page.getByText('办理过程').first().waitFor();
    expect(await page.locator('main').innerText()).toContain(caseNumber);
    await shot(page, 'kb-05-lookup-result');
    await page.context().close();
  });

  /**
   * 200 % zoom of a 1366×900 screen is a layout viewport of 683×450 CSS px: that is what the page
   * reflows to (WCAG 1.4.10). deviceScaleFactor 2 draws it with the pixels of the zoomed screen.
   * CSS `zoom` on the page was not used: it does not change the viewport the media queries see.
   */
  it('at 200 % zoom no page scrolls sideways and the submit button is reachable', async () => {
    const context: BrowserContext = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 683, height: 450 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const noSideways = async (what: string) => {
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const s = document.scrollingElement!;
        return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
      });
      expect(scrollWidth, `${what}: page wider than the window`).toBeLessThanOrEqual(clientWidth);
      await shot(page, `zoom-${what}`);
    };
    const reachable = async (button: ReturnType<Page['getByRole']>) => {
      await button.scrollIntoViewIfNeeded();
      const b = (await button.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(683);
      expect(await button.isEnabled()).toBe(true);
    };

    await page.goto(`${server.url}/portal`);
    await page.getByText('依法应通过其他途径解决的事项').waitFor();
    await noSideways('submit-empty');
    const submit = page.getByRole('button', { name: /提交信访事项/ });
    await reachable(submit);
    await submit.press('Enter');
    await page.getByText('请填写姓名').waitFor();
    await noSideways('submit-errors');
    await reachable(submit);
    await page.getByLabel('姓名').fill('李阿姨');
    await page.getByLabel('联系电话').fill('13900139000');
    await choose(page, '问题发生地', '广东');
    await page.getByLabel('标题').fill('社区卫生服务站取消老年人上门服务');
    await page.getByLabel('具体内容').fill('社区卫生服务站本月起取消了行动不便老人的上门服务，请求恢复。');
    await reachable(submit);
    await submit.press('Enter');
    await page
      .getByTestId('receipt')
      .waitFor()
      .catch(async (e: unknown) => {
        await shot(page, 'zoom-receipt-missing');
        throw e;
      });
    await noSideways('receipt');
    const ownCase = (await page.getByTestId('case-number').textContent())!.trim();
    const ownCode = (await page.getByTestId('query-code').textContent())!.trim();

    await page.goto(`${server.url}/portal/lookup`);
    await page.locator('#queryCode').waitFor();
    await noSideways('lookup-form');
    await page.locator('#caseNumber').fill(ownCase);
    await page.locator('#queryCode').fill(ownCode);
    await page.locator('#queryCode').press('Enter');
    await page.getByText('办理过程').first().waitFor();
    await noSideways('lookup-result');
    await context.close();
  });
});

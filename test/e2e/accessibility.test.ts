import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatterDetail } from '../../src/shared/api.schema.ts';
import { expectAccessible } from './helpers/a11y.ts';
import { choose, hasChromium, launch, login, newContext, shot } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/**
 * Issue 11, item 12: every portal page and the main workbench pages pass axe-core (WCAG 2.1 A and
 * AA) with no serious or critical violation, in the states a citizen or a clerk meets them.
 */
describe.skipIf(!hasChromium)('accessibility (axe-core) of the portal and the workbench', () => {
  let server: RunningServer;
  let browser: Browser;
  /** A demo matter that was replied to and reviewed, with a staff user who may open it. */
  let decided: { user: string; matter: MatterDetail };

  beforeAll(async () => {
    ensureWebBuild();
    // One browser walks through many portal pages in a minute: above the per-address limit of 60.
    server = await startServer({ MINSHENG_PUBLIC_RATE_LIMIT: '1000' });
    browser = await launch();
    for (const user of ['registrar', 'cityhead']) {
      const api = await apiSession(server.url, user);
      for (const state of ['reviewed', 'rechecked', 'closed', 'concluded']) {
        const list = await api.call<{ items: { id: number }[] }>(
          'GET',
          `/api/matters?state=${state}&pageSize=50`,
        );
        for (const { id } of list.body.items ?? []) {
          const d = (await api.call<MatterDetail>('GET', `/api/matters/${id}`)).body;
          if (d.decisions.some((x) => x.kind === 'review')) {
            decided = { user, matter: d };
            break;
          }
        }
        if (decided) break;
      }
      if (decided) break;
    }
    expect(decided, 'a reviewed matter in the demo').toBeDefined();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the portal: submission form empty, with errors and sent; look-up form, wrong code, decided matter', async () => {
    for (const mobile of [false, true]) {
      const page = await (await newContext(browser, { mobile })).newPage();
      const tag = mobile ? 'phone' : 'desktop';
      await page.goto(`${server.url}/portal`);
      await page.getByText('依法应通过其他途径解决的事项').waitFor();
      await expectAccessible(page, `portal submit form (${tag})`);

      await page.getByRole('button', { name: /提交信访事项/ }).click();
      await page.getByText('请填写姓名').waitFor();
      await expectAccessible(page, `portal submit form with errors (${tag})`);

      await page.getByLabel('姓名').fill('王小明');
      await page.getByLabel('联系电话').fill('13800138000');
      await choose(page, '问题发生地', '广东');
      await page.getByLabel('标题').fill('小区电梯停运两个月无人维修');
      await page.getByLabel('具体内容').fill('电梯自两个月前停运至今，物业称无维修资金，老人上下楼困难。');
      await page.getByRole('button', { name: /提交信访事项/ }).click();
      await page.getByTestId('receipt').waitFor();
      await expectAccessible(page, `portal receipt (${tag})`);
      await shot(page, `a11y-portal-receipt-${tag}`);

      await page.goto(`${server.url}/portal/lookup`);
      await page.getByLabel('查询码').waitFor();
      await expectAccessible(page, `portal look-up form (${tag})`);
      await page.getByLabel('信访件编号').fill(decided.matter.caseNumber);
      await page.getByLabel('查询码').fill('WRONG-CODE');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('编号或查询码不正确').waitFor();
      await expectAccessible(page, `portal look-up, wrong code (${tag})`);

      await page.getByLabel('查询码').fill(decided.matter.queryCode);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('复查意见').first().waitFor();
      await expectAccessible(page, `portal look-up, decided matter (${tag})`);
      await shot(page, `a11y-portal-decided-${tag}`);
      await page.context().close();
    }
  });

  it('the workbench: login, home, queue, matter, printable notice, register form, hot issues', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').waitFor();
    await expectAccessible(page, 'login');

    await login(page, server.url, decided.user);
    await page.locator('canvas').first().waitFor();
    await expectAccessible(page, 'home');

    await page.goto(`${server.url}/queue`);
    await page.locator('.ant-table-row').first().waitFor();
    await expectAccessible(page, 'queue');

    await page.goto(`${server.url}/matters/${decided.matter.id}`);
    await page.getByTestId('timeline').waitFor();
    await expectAccessible(page, 'matter page');
    await shot(page, 'a11y-matter');

    await page.getByTestId('documents').getByRole('link').last().click();
    await page.getByTestId('notice').waitFor();
    await expectAccessible(page, 'printable notice');

    await page.goto(`${server.url}/hot-issues`);
    await page.locator('canvas, .ant-empty').first().waitFor();
    await expectAccessible(page, 'hot issues');
    await page.context().close();

    const clerk = await (await newContext(browser)).newPage();
    await login(clerk, server.url, 'registrar');
    await clerk.goto(`${server.url}/register`);
    await clerk.getByTestId('register-submit').waitFor();
    await expectAccessible(clerk, 'register form');
    await clerk.getByTestId('register-submit').click();
    await clerk.getByTestId('form-error').waitFor();
    await expectAccessible(clerk, 'register form with errors');
    await clerk.context().close();
  });

  it('the workbench statistics: volume table, indicators, trends and annual table, desktop and phone', async () => {
    for (const mobile of [false, true]) {
      const page = await (await newContext(browser, { mobile })).newPage();
      const tag = mobile ? 'phone' : 'desktop';
      await login(page, server.url, 'analyst');
      await page.goto(`${server.url}/stats`);
      await page.getByTestId('cell-total-cases').waitFor();
      await expectAccessible(page, `statistics volume table (${tag})`);
      await page.goto(`${server.url}/stats?tab=indicators`);
      await page.getByTestId('indicator-cards').waitFor();
      await expectAccessible(page, `statistics indicators (${tag})`);
      await page.goto(`${server.url}/stats?tab=trend`);
      await page.getByTestId('region-bars').locator('canvas').waitFor();
      await expectAccessible(page, `statistics trends (${tag})`);
      await page.goto(`${server.url}/stats?tab=annual`);
      await page.getByTestId('annual-table').locator('.ant-table-row').first().waitFor();
      await expectAccessible(page, `statistics annual table (${tag})`);
      await shot(page, `a11y-stats-annual-${tag}`);
      await page.context().close();
    }
  });

  it('the inbox, the instructions and the supervision workbench, desktop and phone', async () => {
    for (const mobile of [false, true]) {
      const tag = mobile ? 'phone' : 'desktop';
      const head = await (await newContext(browser, { mobile })).newPage();
      await login(head, server.url, 'unithead');
      await head.goto(`${server.url}/inbox`);
      await head.getByTestId('inbox-list').waitFor();
      await expectAccessible(head, `inbox (${tag})`);
      await head.goto(`${server.url}/instructions`);
      await head.getByTestId('instruction-counts').waitFor();
      await expectAccessible(head, `instructions (${tag})`);
      await head.context().close();
      const supervisor = await (await newContext(browser, { mobile })).newPage();
      await login(supervisor, server.url, 'supervisor');
      await supervisor.goto(`${server.url}/supervision`);
      await supervisor.getByTestId('card').first().waitFor();
      await expectAccessible(supervisor, `supervision (${tag})`);
      await shot(supervisor, `a11y-supervision-${tag}`);
      await supervisor.context().close();
    }
  });

  it('the workbench administration: units and users', async () => {
    const page = await (await newContext(browser)).newPage();
    await login(page, server.url, 'admin');
    for (const tab of ['units', 'users']) {
      await page.goto(`${server.url}/admin/${tab}`);
      await page
        .locator('.ant-table-row')
        .first()
        .waitFor()
        .catch(async (e: unknown) => {
          await shot(page, `a11y-admin-${tab}-missing`);
          throw e;
        });
      await expectAccessible(page, `admin ${tab}`);
    }
    await page.context().close();
  });
});

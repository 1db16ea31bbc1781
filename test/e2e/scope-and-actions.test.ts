import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  cspViolations,
  hasChromium,
  launch,
  newContext,
  shot,
  signedInPage,
} from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

interface Registered {
  id: number;
  caseNumber: string;
}

/**
 * Journey 3: the reported unit never sees a misconduct report. Journey 4: only lawful actions are
 * offered (no reply before sign-for, no decision on a replied matter).
 */
describe.skipIf(!hasChromium)('data scope and lawful actions', () => {
  let server: RunningServer;
  let browser: Browser;
  let report: Registered;
  let ordinary: Registered;
  let online: Registered;
  let housingUnitId = 0;

  beforeAll(async () => {
    ensureWebBuild();
    // Three wrong passwords lock an account here, so the lock journey needs no minutes of delays.
    server = await startServer({ MINSHENG_LOGIN_MAX_FAILURES: '3' });
    browser = await launch();
    const officer = await apiSession(server.url, 'officer');
    housingUnitId = officer.user.unit.id;
    const registrar = await apiSession(server.url, 'registrar');
    const base = {
      channel: 'letter',
      regionCode: '440305',
      petitioners: [{ name: '赵检举', phone: '13700000000' }],
    };
    const r1 = await registrar.call<Registered>(
      'POST',
      '/api/matters',
      {
        ...base,
        purpose: 'accusation',
        subject: '检举住建局工作人员收受好处费',
        content: '南山区住房和建设局某工作人员在验收时收受施工单位好处费，特此检举。',
        isMisconductReport: true,
        reportedUnitId: housingUnitId,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r1.status).toBe(201);
    report = r1.body;
    const r2 = await registrar.call<Registered>(
      'POST',
      '/api/matters',
      {
        ...base,
        purpose: 'request',
        subject: '工地夜间施工噪音扰民',
        content: '某工地连续多晚在二十二点后施工，噪音严重影响周边居民休息，请求查处。',
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r2.status).toBe(201);
    ordinary = r2.body;
    // Online, the reported unit arrives as the petitioner's own words only.
    const submitted = await fetch(`${server.url}/api/public/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '钱网举',
        phone: '13700000001',
        regionCode: '440305',
        purpose: 'accusation',
        isMisconductReport: true,
        target: '南山区住建局',
        subject: '网上检举住建局验收人员索要好处',
        content: '南山区住建局验收人员在竣工验收时索要好处，特此网上检举。',
      }),
    });
    expect(submitted.status).toBe(201);
    const { caseNumber } = (await submitted.json()) as { caseNumber: string };
    const found = await registrar.call<{ items: Registered[] }>('GET', `/api/matters?q=${caseNumber}`);
    online = found.body.items[0]!;
    const accepted = await registrar.call('POST', `/api/matters/${ordinary.id}/decide`, {
      decision: 'accept',
      leadUnitId: housingUnitId,
    });
    expect(accepted.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pageFor = (user: string): Promise<Page> => signedInPage(browser, server.url, user);

  it('the reported unit does not find the misconduct report in its queue, and its address shows not-found', async () => {
    const page = await pageFor('officer');
    await page.goto(`${server.url}/queue?q=${encodeURIComponent(report.caseNumber)}`);
    await page.getByText('没有符合条件的信访事项').waitFor();
    await page.goto(`${server.url}/queue`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-tbody').textContent()).not.toContain(report.caseNumber);
    await page.goto(`${server.url}/matters/${report.id}`);
    await page.getByText('该信访事项不存在，或不在您的工作范围内。').waitFor();
    expect(await page.content()).not.toContain('赵检举');
    await shot(page, '30-misconduct-not-found-for-reported-unit');
    await page.context().close();
  });

  it('the petition bureau does see the report and its petitioner', async () => {
    const page = await pageFor('registrar');
    await page.goto(`${server.url}/matters/${report.id}`);
    await page.getByTestId('petitioners').getByText('赵检举').waitFor();
    // Their petition history: this matter is left out, the list says so.
    await page
      .getByTestId('petitioners')
      .getByRole('button', { name: /信访记录/ })
      .click();
    await page
      .getByTestId('petitioners')
      .getByText(/信访记录 \(\d+\)/)
      .waitFor();
    await shot(page, '31-misconduct-visible-to-bureau');
    await page.context().close();
  });

  it('the registrar confirms the reported unit of an online report, from the petitioner’s words', async () => {
    const officer = await pageFor('officer');
    await officer.goto(`${server.url}/matters/${online.id}`);
    await officer.getByText('该信访事项不存在，或不在您的工作范围内。').waitFor();
    await officer.context().close();

    const page = await pageFor('registrar');
    await page.goto(`${server.url}/matters/${online.id}`);
    await page.getByTestId('reported-unit-unconfirmed').waitFor();
    await page.locator('[data-action="identify_reported_unit"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('petitioner-target').getByText('南山区住建局').waitFor();
    await dialog
      .getByTestId('reported-unit-suggestions')
      .getByRole('button', { name: '南山区住房和建设局' })
      .click();
    await shot(page, '35-confirm-reported-unit');
    await dialog.getByRole('button', { name: '确认被反映单位' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('reported-unit-unconfirmed').waitFor({ state: 'detached' });
    await page.getByText('南山区住房和建设局').first().waitFor();
    await page.getByText('确认被反映单位').first().waitFor(); // in the timeline
    await page.context().close();
  });

  it('offers no reply before sign-for, and no decision on a replied matter', async () => {
    const head = await pageFor('unithead');
    await head.goto(`${server.url}/matters/${ordinary.id}`);
    await head.getByTestId('action-bar').waitFor();
    await head.locator('[data-action="sign_for"]').waitFor();
    expect(await head.locator('[data-action="reply"]').count()).toBe(0);
    expect(await head.locator('[data-action="accept"]').count()).toBe(0);
    await shot(head, '32-accepted-no-reply-before-sign-for');

    // The server agrees: replying now is refused with a message saying what is allowed.
    const api = await apiSession(server.url, 'unithead');
    const early = await api.call<{ error: { code: string; message_zh: string } }>(
      'POST',
      `/api/matters/${ordinary.id}/reply`,
      {
        outcome: 'explained',
        facts: '尚未签收',
        legalBasis: '无',
      },
    );
    expect(early.status).toBe(409);

    await head.locator('[data-action="sign_for"]').click();
    await head
      .getByRole('dialog')
      .getByRole('button', { name: /签\s?收/ })
      .last()
      .click();
    await head.locator('[data-action="reply"]').waitFor();
    await head.locator('[data-action="reply"]').click();
    const dialog = head.getByRole('dialog');
    // Client-side validation with the API's schema: an empty reply is refused field by field.
    await dialog.getByRole('button', { name: '出具处理意见' }).click();
    await dialog
      .getByText(/查明事实/)
      .first()
      .waitFor();
    await shot(head, '33-reply-validation');
    await dialog.getByLabel('解释说明（诉求合理但缺乏依据）').check();
    await dialog.getByLabel('查明事实').fill('经核查，该工地已办理夜间施工许可，但超出许可时段施工。');
    await dialog.getByLabel('法律、政策依据').fill('《中华人民共和国噪声污染防治法》第四十三条。');
    await dialog.getByRole('button', { name: '出具处理意见' }).click();
    await head.locator('[data-state="replied"]').first().waitFor();
    for (const a of ['accept', 'forward', 'hand_down', 'not_accept', 'merge', 'reply', 'sign_for']) {
      expect(await head.locator(`[data-action="${a}"]`).count(), a).toBe(0);
    }
    await shot(head, '34-replied-no-decide');
    await head.context().close();

    const registrar = await pageFor('registrar');
    await registrar.goto(`${server.url}/matters/${ordinary.id}`);
    await registrar.getByTestId('action-bar').waitFor();
    expect(await registrar.locator('[data-action="accept"]').count()).toBe(0);
    await registrar.context().close();
  });

  it('each role sees only its menu; the administrator manages the reference data (and can switch to English)', async () => {
    const officer = await pageFor('officer');
    const nav = officer.getByRole('navigation');
    await nav.getByText('信访事项').waitFor();
    expect(await nav.getByText('系统管理').count()).toBe(0);
    await officer.goto(`${server.url}/admin`);
    await officer.getByText('您的角色无权访问此页面。').waitFor();
    await officer.context().close();

    const admin = await pageFor('admin');
    const adminNav = admin.getByRole('navigation');
    await adminNav.getByText('系统管理').click();
    await admin.getByRole('tab', { name: '单位' }).waitFor();
    expect(await adminNav.getByText('登记信访').count()).toBe(0);
    await admin.locator('.ant-table-row').first().waitFor();
    await shot(admin, '40-admin-units');
    await admin.getByRole('tab', { name: '办理时限' }).click();
    await admin.getByText('受理期限').first().waitFor();
    await shot(admin, '41-admin-time-limits');
    await admin.getByRole('tab', { name: '分办规则' }).click();
    await admin.locator('.ant-table-row').first().waitFor();
    await admin
      .getByRole('button', { name: /编\s?辑/ })
      .first()
      .click();
    await admin.getByRole('dialog').getByLabel('理由（中文）').waitFor();
    await shot(admin, '42-admin-routing-rule-edit');
    await admin
      .getByRole('dialog')
      .getByRole('button', { name: /取\s?消/ })
      .click();
    await admin.getByRole('tab', { name: '节假日调整' }).click();
    await admin.getByRole('button', { name: /新\s?增/ }).click();
    await admin
      .getByRole('dialog')
      .getByRole('button', { name: /保\s?存/ })
      .click();
    // The API's field message lands next to the date field.
    await admin.getByRole('dialog').locator('.ant-form-item-explain-error').first().waitFor();
    await shot(admin, '43-admin-calendar-validation');
    await admin
      .getByRole('dialog')
      .getByRole('button', { name: /取\s?消/ })
      .click();
    await admin.getByRole('button', { name: /English/ }).click();
    await admin.getByRole('tab', { name: 'Units' }).waitFor();
    await shot(admin, '44-admin-english');
    await admin.context().close();
  });

  it('the administrator gives a user another role, then deactivates them; they can no longer sign in', async () => {
    const admin = await pageFor('admin');
    await admin.getByRole('navigation').getByText('系统管理').click();
    await admin.getByRole('tab', { name: '用户与角色' }).click();
    await admin.getByRole('searchbox', { name: '搜索用户名、姓名或单位' }).fill('analyst');
    await admin.getByRole('searchbox', { name: '搜索用户名、姓名或单位' }).press('Enter');
    await admin.getByRole('button', { name: '编辑 analyst' }).click();
    const dialog = admin.getByRole('dialog');
    await choose(admin, '角色', '督查督办员');
    await admin.keyboard.press('Escape');
    await dialog.locator('.ant-select-selection-item').filter({ hasText: '督查督办员' }).waitFor();
    await shot(admin, '45-admin-user-edit');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.locator('.ant-table-row').filter({ hasText: 'analyst' });
    await row.getByText('督查督办员').waitFor();

    await row.getByRole('button', { name: '停用 analyst' }).click();
    await admin.getByText('停用后该用户不能登录').waitFor();
    await admin
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /停\s?用/ })
      .click();
    await row.getByText('已停用').waitFor();
    await shot(admin, '46-admin-user-deactivated');

    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').fill('analyst');
    await page.getByLabel('密码').fill('minsheng-demo');
    await page
      .getByRole('button', { name: '登 录' })
      .or(page.getByRole('button', { name: '登录' }))
      .click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
    await page.context().close();

    await row.getByRole('button', { name: '启用 analyst' }).click();
    await row.getByRole('button', { name: '停用 analyst' }).waitFor();
    await admin.context().close();
  });

  it('an analyst opens the hot issues of the last 30 days and goes from an issue to one of its matters', async () => {
    const page = await pageFor('analyst');
    await page.getByRole('navigation').getByText('热点问题').click();
    await page.getByRole('heading', { name: '热点问题' }).waitFor();
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await page.locator('canvas').first().waitFor();
    await shot(page, '50-hot-issues');
    await rows
      .first()
      .getByRole('button', { name: /展开|Expand/ })
      .click();
    const link = page.locator('.ant-table-expanded-row a').first();
    const caseNumber = (await link.textContent()) ?? '';
    expect(caseNumber).toMatch(/^\d{6}/);
    await link.click();
    await page.getByText(caseNumber).first().waitFor();
    expect(page.url()).toMatch(/\/matters\/\d+$/);
    await page.context().close();
  });

  it('the administrator sees an account locked by wrong passwords and unlocks it', async () => {
    const attempt = (password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'supervisor', password }),
      });
    for (let i = 0; i < 3; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const locked = await attempt('minsheng-demo');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    const admin = await pageFor('admin');
    await admin.getByRole('navigation').getByText('系统管理').click();
    await admin.getByRole('tab', { name: '登录锁定' }).click();
    const row = admin.locator('.ant-table-row').filter({ hasText: 'supervisor' });
    await row.getByText('刘敏').waitFor();
    await shot(admin, '47-admin-login-locks');
    await row.getByRole('button', { name: /解\s?锁/ }).click();
    await row.waitFor({ state: 'detached' });
    expect((await attempt('minsheng-demo')).status).toBe(200);
    await admin.context().close();
  });

  // Issue 10, item 7: the policy the server sends is one the pages keep (no refused script, style,
  // image or connection on any page of this journey).
  it('meets the Content-Security-Policy on every page it opened', () => {
    expect(cspViolations).toEqual([]);
  });
});

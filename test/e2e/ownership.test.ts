import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, shot, signedInPage } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** Issue 13, item 8: a leader owns a case, adds a plan with two steps, and a step is reported done. */
describe.skipIf(!hasChromium)('case ownership (领导包案)', () => {
  let server: RunningServer;
  let browser: Browser;
  let matter: { id: number; caseNumber: string };
  let officerName: string;

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    const officer = await apiSession(server.url, 'officer');
    officerName = officer.user.displayName;
    const registrar = await apiSession(server.url, 'registrar');
    const r = await registrar.call<{ id: number; caseNumber: string }>(
      'POST',
      '/api/matters',
      {
        channel: 'visit',
        purpose: 'request',
        regionCode: '440305',
        subject: '小区电梯停运两个月无人维修',
        content: '我们小区三部电梯停运两个月，物业公司称没有维修资金，多次反映没有结果。',
        petitioners: [{ name: '孙包案', phone: '13700000021' }],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r.status).toBe(201);
    matter = r.body;
    const accepted = await registrar.call('POST', `/api/matters/${matter.id}/decide`, {
      decision: 'accept',
      leadUnitId: officer.user.unit.id,
    });
    expect(accepted.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

  it('a leader owns a case with a plan of two steps; the officer reports a step done; the plan’s progress rolls up', async () => {
    const leader = await signedInPage(browser, server.url, 'leader');
    await leader.goto(`${server.url}/matters/${matter.id}`);
    await leader.getByTestId('take-ownership').click();
    const dialog = leader.getByTestId('take-ownership-dialog');
    await dialog.getByLabel('问题（一个问题）').fill('电梯停运两个月，维修资金来源不明，业主多次集体信访');
    await dialog.getByTestId('add-plan-step').click();
    await dialog.getByTestId('add-plan-step').click();
    const rows = dialog.getByTestId('plan-step-row');
    const fillStep = async (i: number, title: string, due: string) => {
      const row = rows.nth(i);
      await row.getByLabel('步骤内容').fill(title);
      await row.getByLabel('负责人').click();
      await row.getByLabel('负责人').fill(officerName);
      await leader.keyboard.press('Enter');
      await row.getByLabel('完成期限').fill(due);
    };
    await fillStep(0, '约谈物业公司，明确维修方案', inDays(7));
    // A date in the past is refused by the server, next to that step's date.
    await fillStep(1, '协调动用专项维修资金', '2020-01-01');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await rows.nth(1).getByText('完成期限不能早于今天').waitFor();
    await rows.nth(1).getByLabel('完成期限').fill(inDays(20));
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const owned = leader.getByTestId('ownership-panel').getByTestId('ownership');
    await owned.getByText('约谈物业公司，明确维修方案').waitFor();
    expect(await owned.getAttribute('data-state')).toBe('owned');
    expect(await owned.getByTestId('ownership-step').count()).toBe(2);
    await leader.getByTestId('timeline').getByText('领导包案').first().waitFor();
    await shot(leader, '66-leader-owns-case');

    const officer = await signedInPage(browser, server.url, 'officer');
    await officer.getByTestId('inbox-badge').click();
    const item = officer
      .locator('[data-testid="inbox-item"][data-kind="ownership_step_assigned"]')
      .filter({ hasText: matter.caseNumber })
      .first();
    await item.getByText(matter.caseNumber).click();
    await officer.getByTestId('matter-title').waitFor();
    const step = officer.getByTestId('ownership-step').first();
    await step.getByTestId('ownership-report').click();
    const report = officer.getByTestId('ownership-dialog');
    await report.getByLabel('步骤状态').click();
    await officer
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '已完成' })
      .click();
    await report.getByLabel('进展情况').fill('已约谈物业公司，维修方案和报价已确定。');
    await report.getByRole('button', { name: /提\s?交/ }).click();
    await report.waitFor({ state: 'hidden' });
    await officer.locator('[data-testid="ownership-step"][data-status="done"]').waitFor();
    await shot(officer, '67-step-reported-done');

    await leader.goto(`${server.url}/instructions`);
    await leader.getByRole('button', { name: '我的包案' }).click();
    const mine = leader.locator('[data-testid="ownership"]').filter({ hasText: matter.caseNumber });
    await mine.getByText('维修方案和报价已确定').waitFor();
    expect(await mine.getByTestId('ownership-progress').textContent()).toContain('50%');
    await leader.getByTestId('ownership-summary').waitFor();
    await shot(leader, '68-leader-owned-cases');
    await leader.context().close();
    await officer.context().close();
  });
});

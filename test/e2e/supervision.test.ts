import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, shot, signedInPage } from './helpers/browser.ts';
import {
  acceptedMatter,
  apiSession,
  ensureWebBuild,
  startServer,
  type RunningServer,
} from './helpers/server.ts';

/** Today's date in Beijing, as the server's calendar counts it. */
const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Issue 13, items 5 and 8: a card on a unit's set of matters, answered from the unit's workbench; a
 * supervisor's card goes unanswered and escalates to yellow on the next scan.
 * The server is restarted on the same database with its clock two days on (MINSHENG_CLOCK_OFFSET_HOURS,
 * the drill setting), and the scan at start escalates the card.
 */
describe.skipIf(!hasChromium)('supervision cards escalate', () => {
  let server: RunningServer | undefined;
  let browser: Browser;
  let dataDir: string;
  let matter: { id: number; caseNumber: string };

  beforeAll(async () => {
    ensureWebBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'minsheng-e2e-cards-'));
    server = await startServer({}, { dataDir });
    browser = await launch();
    matter = await acceptedMatter(server.url, {
      channel: 'visit',
      subject: '小区供水管网老化频繁停水',
      content: '我们小区供水管网老化，一个月停水五次，物业和水务公司互相推诿，请求督促维修。',
      petitioner: { name: '孙督办', phone: '13700000021' },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a supervisor issues one card on a unit’s matters; the unit answers it from its workbench', async () => {
    const officerApi = await apiSession(server!.url, 'officer');
    const supervisor = await signedInPage(browser, server!.url, 'supervisor');
    await supervisor.goto(`${server!.url}/supervision`);
    await supervisor.getByTestId('issue-unit-card').click();
    const dialog = supervisor.getByTestId('unit-card-dialog');
    await dialog.getByTestId('unit-select').click();
    await supervisor.keyboard.type(officerApi.user.unit.name);
    await supervisor
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: officerApi.user.unit.name })
      .first()
      .click();
    // The unit's matters in hand are offered; this one is not overdue, so it is not ticked yet.
    const candidate = dialog.getByTestId('card-candidates').getByText(matter.caseNumber);
    await candidate.waitFor();
    await candidate.click();
    await dialog.getByLabel('督办事由').fill('该单位在办事项进度缓慢');
    await dialog.getByLabel('督办要求').fill('请逐件报告办理进度');
    await dialog.getByTestId('card-answer-by').fill(beijingToday());
    await shot(supervisor, '66-unit-card-form');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const issued = supervisor.locator('[data-testid="card"]').filter({ hasText: '请逐件报告办理进度' });
    await issued.getByTestId('unit-card-link').waitFor();
    expect(await issued.getByTestId('card-matters').textContent()).toContain(matter.caseNumber);
    await supervisor.context().close();

    const officer = await signedInPage(browser, server!.url, 'officer');
    await officer.goto(`${server!.url}/supervision`);
    const toAnswer = officer.locator('[data-testid="card"]').filter({ hasText: '请逐件报告办理进度' });
    await toAnswer.getByTestId('card-answer').click();
    const answer = officer.getByTestId('card-dialog');
    await answer.getByLabel('办理情况（答复内容）').fill('已逐件报告，供水管网本周内完成抢修。');
    await answer.getByRole('button', { name: /提\s?交/ }).click();
    await answer.waitFor({ state: 'hidden' });
    await expect.poll(() => toAnswer.getAttribute('data-state')).toBe('answered');
    await shot(officer, '67-unit-card-answered');
    await officer.context().close();
  });

  it('a card nobody answers turns yellow at the next scan after its date, and the unit is told', async () => {
    const supervisor = await signedInPage(browser, server!.url, 'supervisor');
    await supervisor.goto(`${server!.url}/matters/${matter.id}`);
    await supervisor.getByTestId('issue-card').click();
    const dialog = supervisor.getByTestId('issue-card-dialog');
    await dialog.getByLabel('督办事由').fill('群众反映一个月停水五次，办理进度缓慢');
    await dialog.getByLabel('督办要求').fill('请今日内报送抢修方案和时间表');
    await dialog.getByTestId('card-answer-by').fill(beijingToday());
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The panel also lists the card on the unit's set that includes this matter.
    const card = supervisor
      .getByTestId('cards-panel')
      .getByTestId('card')
      .filter({ hasText: '请今日内报送抢修方案和时间表' });
    await card.getByText('请今日内报送抢修方案和时间表').waitFor();
    expect(await card.getAttribute('data-level')).toBe('normal');
    await shot(supervisor, '64-card-issued');
    await supervisor.context().close();

    // Two days later nobody has answered: the scanner, at the restart, escalates the card.
    await server!.stop();
    server = await startServer({ MINSHENG_CLOCK_OFFSET_HOURS: '48' }, { dataDir });
    const again = await signedInPage(browser, server.url, 'supervisor');
    await again.goto(`${server.url}/supervision`);
    const escalated = again
      .locator('[data-testid="card"]')
      .filter({ hasText: '请今日内报送抢修方案和时间表' });
    // The scan at start may still be running when the page first loads.
    await expect
      .poll(
        async () => {
          await again.reload();
          await escalated.waitFor();
          return escalated.getAttribute('data-level');
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe('yellow');
    await escalated.getByText('黄牌督办').waitFor();
    await shot(again, '65-card-escalated-yellow');
    await again.context().close();

    const officer = await signedInPage(browser, server.url, 'officer');
    await officer.getByTestId('inbox-badge').click();
    await officer
      .locator('[data-testid="inbox-item"][data-kind="card_escalated"]')
      .filter({ hasText: matter.caseNumber })
      .waitFor();
    await officer.context().close();
  });
});

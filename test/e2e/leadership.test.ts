import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, shot, signedInPage } from './helpers/browser.ts';
import { acceptedMatter, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** Issue 13, item 8: a leader instructs on a letter, the handling unit learns of it in its inbox and answers. */
describe.skipIf(!hasChromium)('leaders’ instructions and the inbox', () => {
  let server: RunningServer;
  let browser: Browser;
  let matter: { id: number; caseNumber: string };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    matter = await acceptedMatter(server.url, {
      channel: 'letter',
      subject: '老旧小区加装电梯协调不下来',
      content: '我们小区六层无电梯，申请加装电梯，但一楼住户反对，街道和住建局协调半年没有结果。',
      petitioner: { name: '钱阅批', phone: '13700000011' },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a leader instructs, the unit finds it in its inbox and answers, the leader sees it answered', async () => {
    const leader = await signedInPage(browser, server.url, 'leader');
    await leader.goto(`${server.url}/matters/${matter.id}`);
    await leader.getByTestId('issue-instruction').click();
    const dialog = leader.getByTestId('issue-instruction-dialog');
    // An empty instruction is refused next to its field before anything is sent.
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.getByText('必填').first().waitFor();
    await dialog
      .getByLabel('批示内容')
      .fill('请住建局会同街道一周内召开协调会，拿出加装电梯方案，答复信访人。');
    // A date in the past is refused by the server, next to the date field.
    await dialog.getByTestId('instruction-answer-by').fill('2020-01-01');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.getByText('答复日期不能早于今天').waitFor();
    await dialog.getByTestId('instruction-answer-by').fill('');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = leader.getByTestId('instructions-panel').getByTestId('instruction');
    await card.getByText('请住建局会同街道').waitFor();
    expect(await card.getAttribute('data-state')).toBe('open');
    await leader.getByTestId('timeline').getByText('领导批示').first().waitFor();
    await shot(leader, '60-leader-instruction-issued');

    const officer = await signedInPage(browser, server.url, 'officer');
    await officer.getByTestId('inbox-badge').waitFor();
    expect(Number(await officer.getByTestId('inbox-badge').getAttribute('data-unread'))).toBeGreaterThan(0);
    await officer.getByTestId('inbox-badge').click();
    const item = officer
      .locator('[data-testid="inbox-item"][data-kind="instruction_received"]')
      .filter({ hasText: matter.caseNumber });
    await item.getByText(matter.caseNumber).waitFor();
    await shot(officer, '61-officer-inbox');
    await item.getByText(matter.caseNumber).click();
    await officer.getByTestId('matter-title').waitFor();
    await officer.getByTestId('instruction-answer').click();
    const answer = officer.getByTestId('instruction-dialog');
    await answer
      .getByLabel('答复内容（办理情况）')
      .fill('已于本周召开协调会，一楼住户同意补偿方案，加装电梯下月动工。');
    await answer.getByRole('button', { name: /提\s?交/ }).click();
    await answer.waitFor({ state: 'hidden' });
    await officer
      .getByTestId('instructions-panel')
      .locator('[data-testid="instruction"][data-state="answered"]')
      .waitFor();
    expect(await officer.getByTestId('instruction-answer').count()).toBe(0);
    await shot(officer, '62-instruction-answered');

    await leader.goto(`${server.url}/instructions`);
    await leader.getByTestId('instruction-counts').waitFor();
    const mine = leader.locator('[data-testid="instruction"]').filter({ hasText: '请住建局会同街道' });
    await mine.getByText('加装电梯下月动工').waitFor();
    expect(await mine.getAttribute('data-state')).toBe('answered');
    await shot(leader, '63-leader-instructions');
    await leader.context().close();
    await officer.context().close();
  });
});

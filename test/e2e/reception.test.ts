import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './helpers/a11y.ts';
import { hasChromium, launch, newContext, shot, signedInPage } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/** A Beijing date some days ahead, as a datetime-local input takes it. */
const beijingDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/**
 * Issue 14, item 1: the bureau schedules a published reception day; the portal lists it; a citizen
 * requests an appointment on it; the bureau confirms; the citizen sees the confirmation by the
 * request's query code.
 */
describe.skipIf(!hasChromium)('reception days: schedule, publish, request, confirm', () => {
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

  it('goes from the bureau’s schedule to the citizen’s confirmed appointment', async () => {
    const base = server!.url;
    const place = `南山区信访局二楼接待室（夜间接访 ${Date.now() % 100_000}）`;
    const day = beijingDay(45);

    const bureau = await signedInPage(browser, base, 'supervisor');
    await bureau.goto(`${base}/work/reception`);
    await bureau.getByTestId('schedule-session').click();
    const dialog = bureau.getByTestId('schedule-dialog');
    // Typed and chosen with Enter: the dialog zooms in, and an option clicked while it moves is missed.
    const leader = bureau.getByLabel('接访领导', { exact: true });
    await leader.click();
    await leader.fill('王建国');
    await bureau
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
      .waitFor();
    await leader.press('Enter');
    await dialog.getByTestId('session-starts').fill(`${day}T19:00`);
    await dialog.getByTestId('session-ends').fill(`${day}T21:00`);
    await dialog.getByTestId('session-place').fill(place);
    await dialog.getByTestId('session-topics').fill('住房建设、物业管理');
    await shot(bureau, '140-reception-schedule');
    await dialog.getByRole('button', { name: /提\s?交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const staffApi = await apiSession(base, 'supervisor');
    const stored = async () =>
      (
        await staffApi.call<{ items: { place: string; published: boolean }[] }>(
          'GET',
          `/api/reception/sessions?from=${day}&to=${day}`,
        )
      ).body.items.filter((s) => s.place === place);
    await expect.poll(stored, { timeout: 15_000 }).toEqual([expect.objectContaining({ published: true })]);

    const citizen = await (await newContext(browser)).newPage();
    await citizen.goto(`${base}/portal/reception`);
    await citizen.getByTestId('public-session').filter({ hasText: place }).waitFor();
    await expectAccessible(citizen, 'portal reception schedule');
    const schedule = (await (await fetch(`${base}/api/public/reception-schedule`)).json()) as {
      items: { id: number; place: string }[];
    };
    const session = schedule.items.find((s) => s.place === place)!;
    expect(session).toBeDefined();
    await citizen.getByTestId('appointment-session').selectOption(String(session.id));
    await citizen.getByLabel('姓名', { exact: true }).fill('郭丽华');
    await citizen.getByLabel('联系电话', { exact: true }).fill('13650007788');
    await citizen
      .getByLabel('想反映的问题', { exact: true })
      .fill('小区停车位被占用，物业不作为，希望当面反映。');
    await citizen.getByTestId('appointment-submit').click();
    const number = (await citizen.getByTestId('appointment-number').textContent())!.trim();
    expect(number).toMatch(/^YY-\d{8}-\d{6}$/);
    await shot(citizen, '141-reception-receipt');

    await bureau.reload();
    const item = bureau.locator(`[data-testid="appointment-request"][data-number="${number}"]`);
    await item.getByTestId('request-confirm').click();
    const confirm = bureau.getByTestId('request-confirm-dialog');
    await confirm.getByTestId('request-message').fill('请携带身份证件提前10分钟到达。');
    await confirm.getByRole('button', { name: /提\s?交/ }).click();
    await confirm.waitFor({ state: 'hidden' });

    await citizen.getByTestId('status-lookup').click();
    await expect
      .poll(() => citizen.getByTestId('appointment-state').getAttribute('data-state'))
      .toBe('confirmed');
    expect(await citizen.getByTestId('appointment-confirmed').textContent()).toContain(place);
    expect(await citizen.getByTestId('appointment-result').textContent()).toContain('请携带身份证件');
    await shot(citizen, '142-reception-confirmed');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorSet, Scorecard, UnitComparison, VolumeTable } from '../../src/shared/stats.schema.ts';
import { choose, hasChromium, launch, newContext, login, shot } from './helpers/browser.ts';
import { apiSession, ensureWebBuild, startServer, type RunningServer } from './helpers/server.ts';

/**
 * Issue 12, item 3: the analyst of the demo's district bureau opens 统计分析, sees this year's
 * figures (the same as the API's), clicks a cell and lands in the queue on exactly the matters it
 * counts; a split, a numerator and the exports do the same; a reload keeps the controls.
 */
describe.skipIf(!hasChromium)('the statistics page', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiSession>>;
  const thisYear = () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    return `from=${today.slice(0, 4)}-01-01&to=${today}`;
  };

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launch();
    api = await apiSession(server.url, 'analyst');
    page = await (await newContext(browser)).newPage();
    await login(page, server.url, 'analyst');
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The figure of a cell or card as shown, digits only. */
  const figure = async (testId: string) =>
    Number((await page.getByTestId(testId).textContent())?.replace(/\D/g, ''));
  /** The queue's total as its pager says it ("共 12 条"). */
  const queueTotal = async () => {
    const text = await page.getByText(/^共 \d+ 条$/).textContent();
    return Number(text?.replace(/\D/g, ''));
  };

  it('shows this year’s volume table as the API counts it, and a cell opens exactly its matters', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '统计分析', exact: true }).click();
    await page.getByTestId('cell-total-cases').waitFor();
    const table = (await api.call<VolumeTable>('GET', `/api/stats/volume?${thisYear()}&by=level`)).body;
    expect(await figure('cell-total-cases')).toBe(table.total.cases);
    expect(await figure('cell-total-people')).toBe(table.total.people);
    expect(table.total.cases).toBeGreaterThan(0);
    await shot(page, 'stats-volume');
    const county = table.rows.find((r) => r.key === 'county')!;
    expect(county.cases).toBeGreaterThan(0);
    expect(await figure('cell-county-cases')).toBe(county.cases);

    await page.getByTestId('cell-county-cases').click();
    await page.getByTestId('volume-drill-down-banner').waitFor();
    await expect.poll(queueTotal).toBe(county.cases);
    await expect.poll(() => page.getByTestId('volume-drill-down-banner').textContent()).toContain('县（区）');
    await shot(page, 'stats-drill-down-queue');
    // The queue's export carries the same filters: one CSV line per matter, under the header.
    const csvHref = await page.getByTestId('export-queue-csv').getAttribute('href');
    expect(csvHref).toContain('lodgedLevel=county');
    const csv = await page.request.get(`${server.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(county.cases + 1);
    // Closing the banner lists the whole queue again.
    await page.getByTestId('volume-drill-down-banner').getByRole('button', { name: /close/i }).click();
    await expect.poll(queueTotal).toBeGreaterThan(county.cases);
  });

  it('splits by region and by channel from the address, keeps them on reload, and drills down from a visit cell', async () => {
    await page.goto(`${server.url}/stats?by=region`);
    await page.getByTestId('cell-total-cases').waitFor();
    const byRegion = (await api.call<VolumeTable>('GET', `/api/stats/volume?${thisYear()}&by=region`)).body;
    const top = byRegion.rows[0]!;
    expect(await figure(`cell-${top.key}-cases`)).toBe(top.cases);
    await page.getByTestId(`cell-${top.key}-cases`).click();
    await page.getByTestId('volume-drill-down-banner').waitFor();
    await expect.poll(queueTotal).toBe(top.cases);

    await page.goto(`${server.url}/stats`);
    await page.getByTestId('cell-total-cases').waitFor();
    await choose(page, '分组', '信访渠道');
    await page.getByTestId('cell-visit-visitBatches').waitFor();
    await page.reload();
    await page.getByTestId('cell-visit-visitBatches').waitFor();
    expect(page.url()).toContain('by=channel');
    const visits = await figure('cell-visit-visitBatches');
    await page.getByTestId('cell-visit-visitBatches').click();
    await page.getByTestId('volume-drill-down-banner').waitFor();
    await expect.poll(queueTotal).toBe(visits);
  });

  it('drills down from an indicator’s numerator, and exports the tables', async () => {
    await page.goto(`${server.url}/stats?tab=indicators`);
    // An indicator that counts matters (a limit-counting one counts a matter once per limit).
    const numerator = page.getByTestId('indicator-cross_level_rate-numerator');
    await numerator.waitFor();
    const set = (await api.call<IndicatorSet>('GET', `/api/stats/indicators?${thisYear()}`)).body;
    const f = set.figures.find((x) => x.indicator === 'cross_level_rate')!;
    expect(f.numerator).toBeGreaterThan(0);
    expect(await figure('indicator-cross_level_rate-numerator')).toBe(f.numerator);
    await shot(page, 'stats-indicators');
    await numerator.click();
    await page.getByTestId('drill-down-banner').waitFor();
    await expect.poll(queueTotal).toBe(f.numerator);

    await page.goto(`${server.url}/stats?tab=trend`);
    await page.getByTestId('monthly-trend').locator('canvas').waitFor();
    await page.getByTestId('region-bars').locator('canvas').waitFor();
    await shot(page, 'stats-trend');

    await page.goto(`${server.url}/stats?tab=annual`);
    await page.getByTestId('annual-table').locator('.ant-table-row').first().waitFor();
    for (const [id, type] of [
      ['export-annual-xlsx', 'spreadsheetml'],
      ['export-annual-csv', 'text/csv'],
      // The annual report of the table's last year, as an editable Word document.
      ['annual-report-docx', 'wordprocessingml'],
    ] as const) {
      const href = await page.getByTestId(id).getAttribute('href');
      const res = await page.request.get(`${server.url}${href}`);
      expect(res.status(), id).toBe(200);
      expect(res.headers()['content-type'], id).toContain(type);
    }
    const download = page.waitForEvent('download');
    await page.getByTestId('export-annual-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('ranks the units by an indicator as the API does, a unit’s figure opens its matters, and scores them', async () => {
    await page.goto(`${server.url}/stats?tab=units&indicator=cross_level_rate`);
    const table = page.getByTestId('units-table');
    await table.locator('.ant-table-row').first().waitFor();
    const ranking = (
      await api.call<UnitComparison>('GET', `/api/stats/units?${thisYear()}&indicator=cross_level_rate`)
    ).body;
    const best = ranking.rows.find((r) => r.numerator > 0)!;
    expect(best).toBeDefined();
    const row = table.locator('.ant-table-row', { hasText: best.unitName });
    await expect.poll(() => row.first().textContent()).toContain(`${best.rank} / ${best.peers}`);
    await shot(page, 'stats-units');
    await row
      .first()
      .getByRole('link', { name: new RegExp(`${best.unitName}，越级访率分子`) })
      .click();
    await page.getByTestId('drill-down-banner').waitFor();
    await expect.poll(queueTotal).toBe(best.numerator);

    await page.goto(`${server.url}/stats?tab=scorecard`);
    const cards = page.getByTestId('scorecard-table');
    await cards.locator('.ant-table-row').first().waitFor();
    const scorecard = (await api.call<Scorecard>('GET', `/api/stats/scorecard?${thisYear()}`)).body;
    const scored = scorecard.rows.find((r) => r.score !== null && r.figures.some((f) => f.target !== null))!;
    expect(scored).toBeDefined();
    const scoredRow = cards.locator('.ant-table-row', { hasText: scored.unitName }).first();
    await expect.poll(() => scoredRow.textContent()).toContain(scored.score!.toFixed(2));
    await expect.poll(() => scoredRow.textContent()).toContain('目标');
    await shot(page, 'stats-scorecard');
  });

  it('fits a phone screen on every tab: nothing runs past the edge of the page', async () => {
    const phone = await (await newContext(browser, { mobile: true })).newPage();
    await login(phone, server.url, 'analyst');
    for (const tab of ['volume', 'indicators', 'units', 'scorecard', 'trend', 'annual']) {
      await phone.goto(`${server.url}/stats?tab=${tab}`);
      await phone.locator('.ant-tabs-tab-active').waitFor();
      await phone.waitForLoadState('networkidle');
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `tab ${tab}`).toBeLessThanOrEqual(390);
    }
    await shot(phone, 'stats-annual-phone');
    await phone.context().close();
  });

  it('is refused to a role that reads no statistics, and has no menu entry for it', async () => {
    const clerk = await (await newContext(browser)).newPage();
    await login(clerk, server.url, 'registrar');
    expect(await clerk.getByRole('navigation').getByRole('link', { name: '统计分析' }).count()).toBe(0);
    await clerk.goto(`${server.url}/stats`);
    await clerk.getByText('您的角色无权访问此页面。').waitFor();
    await clerk.context().close();
  });
});

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.1 levels A and AA: what GB/T 37668 (信息无障碍) asks of web content. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails on any serious or critical violation, listing
 * each rule, its help text and the elements it found (minor and moderate ones are printed only).
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Wait for antd's enter animations to settle: half-faded text would be judged on its fading colour.
  await page.waitForTimeout(400);
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const describe = (v: (typeof violations)[number]) =>
    `${v.impact ?? '?'} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes
      .slice(0, 8)
      .map(
        (n) =>
          `    ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`,
      )
      .join('\n')}`;
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !blocking.includes(v));
  if (minor.length) console.warn(`axe ${name}: minor or moderate\n${minor.map(describe).join('\n')}`);
  expect(blocking.map(describe), `axe ${name}: serious or critical violations`).toEqual([]);
}

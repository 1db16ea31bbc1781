import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { BUDGET_KB, initialSizes } from '../../scripts/web-bundle-size.mjs';
import { ensureWebBuild } from './helpers/server.ts';

type Sizes = Record<string, { jsKb: number }>;

// The portal is what a citizen's phone downloads before they can write: its first load has a budget.
describe('web bundle budget', () => {
  it('keeps each entry’s initial JavaScript within its budget', () => {
    ensureWebBuild();
    const sizes = initialSizes() as Sizes;
    const budget = BUDGET_KB as Record<string, number>;
    expect(sizes['portal.html']!.jsKb).toBeGreaterThan(50); // measured a real build, not an empty page
    for (const [page, s] of Object.entries(sizes)) expect(s.jsKb, page).toBeLessThanOrEqual(budget[page]!);
  });
});

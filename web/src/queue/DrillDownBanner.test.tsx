import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { loadLanguage } from '../i18n/i18n.tsx';
import { renderUi } from '../../test/render.tsx';
import { DrillDownBanner } from './DrillDownBanner.tsx';
import {
  DRILL_DOWN_CLEARED,
  drillDownSearch,
  nextQueueSearch,
  QueueSearch,
  queueQueryOf,
} from './queue-search.ts';

const set = {
  period: { from: '2026-03-01', to: '2026-06-30' },
  region: { code: '440305', name: '南山区' },
  unitId: 12,
  category: 'urban_construction',
};

describe('the queue’s drill-down from a statistics figure', () => {
  it('reads the figure, its part, its period and its filters from the address', () => {
    // As TanStack Router hands them over: numbers parsed, codes and dates as they came.
    const search = QueueSearch.parse({
      indicator: 'on_time_completion',
      part: 'denominator',
      from: '2026-03-01',
      to: '2026-06-30',
      regionCode: 440305,
      statsUnit: 12,
      statsCategory: 'urban_construction',
    });
    expect(search).toEqual(drillDownSearch(set, 'on_time_completion', 'denominator'));
    expect(search.regionCode).toBe('440305');
    // A hand-edited figure or part falls back to no drill-down, not to a broken page.
    expect(QueueSearch.parse({ indicator: 'happiness', part: 'half' })).toEqual({});
  });

  it('names the figure, the part and the period, with its definition, and clears only the drill-down', async () => {
    const update = vi.fn();
    const search = { ...drillDownSearch(set, 'on_time_completion', 'denominator'), state: 'replied' };
    const query = queueQueryOf(search);
    const { user } = renderUi(<DrillDownBanner query={query} update={update} />);
    const banner = screen.getByTestId('drill-down-banner');
    expect(banner.textContent).toContain(
      '统计指标“按期办结率”分母所计的事项（统计期间 2026-03-01 至 2026-06-30）',
    );
    expect(banner.textContent).toContain('经批准延期的，原期限作废不计');
    // The figure counts limits, the list matters: the banner says why the two numbers may differ.
    expect(screen.getByTestId('drill-down-items').textContent).toContain('件数可能少于指标数');
    await user.click(screen.getByRole('button', { name: /close/i }));
    expect(update).toHaveBeenCalledWith(DRILL_DOWN_CLEARED);
    // Dismissing keeps the queue's own filters (the region, the state) and drops every drill-down parameter.
    expect(nextQueueSearch(search, DRILL_DOWN_CLEARED)).toEqual({ regionCode: '440305', state: 'replied' });
  });

  it('says a count is live, in English too, and shows nothing without a figure', async () => {
    await loadLanguage('en');
    renderUi(
      <DrillDownBanner query={queueQueryOf({ indicator: 'overdue_now' })} update={() => undefined} />,
      {
        lang: 'en',
      },
    );
    expect(screen.getByTestId('drill-down-banner').textContent).toContain(
      'The matters counted in “Overdue now” (live)',
    );
    expect(screen.getByTestId('drill-down-items').textContent).toContain('may be shorter than the figure');
    // The backlog counts matters themselves: nothing to explain.
    renderUi(<DrillDownBanner query={queueQueryOf({ indicator: 'backlog' })} update={() => undefined} />);
    expect(screen.getAllByTestId('drill-down-items')).toHaveLength(1);
    const { container } = renderUi(<DrillDownBanner query={queueQueryOf({})} update={() => undefined} />);
    expect(container.textContent).toBe('');
  });
});

import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { volumeDrillDown } from '../../../src/shared/stats-drill-down.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, http, server } from '../../test/server.ts';
import { nextQueueSearch, QueueSearch, queueQueryOf, VOLUME_DRILL_DOWN_CLEARED } from './queue-search.ts';
import { VolumeDrillDownBanner } from './VolumeDrillDownBanner.tsx';

const table = {
  period: { from: '2026-01-01', to: '2026-11-30' },
  previousPeriod: { from: '2025-01-01', to: '2025-11-30' },
  region: { code: '440305', name: '南山区' },
};

describe('the queue’s drill-down from a volume cell', () => {
  it('reads a cell’s filter from the address as volumeDrillDown wrote it', () => {
    const cell = volumeDrillDown({ ...table, by: 'unit' }, { key: '12' }, 'collectiveBatches', true)!;
    // Through the address: every value a string, the region code kept as text.
    const search = QueueSearch.parse(Object.fromEntries(new URLSearchParams({ ...cell })));
    expect(search).toEqual({
      receivedFrom: '2025-01-01',
      receivedTo: '2025-11-30',
      regionCode: '440305',
      leadUnit: '12',
      collective: 'true',
    });
  });

  it('names the days, the unit, the category and collective visits, and clears only the cell’s filter', async () => {
    server.use(
      http.get('/api/units', () =>
        HttpResponse.json({
          items: [
            {
              id: 12,
              name: '南山区住房和建设局',
              kind: 'x',
              level: 'county',
              regionCode: '440305',
              parentId: null,
              active: true,
            },
          ],
        }),
      ),
      http.get('/api/categories', () =>
        HttpResponse.json({
          items: [
            { code: 'urban_construction', nameZh: '城乡建设', nameEn: 'Urban', parentCode: null, level: 1 },
          ],
        }),
      ),
    );
    const search = {
      ...volumeDrillDown({ ...table, by: 'unit' }, { key: '12' }, 'collectiveBatches')!,
      category: 'urban_construction',
      state: 'accepted',
    };
    const update = vi.fn();
    const { user } = renderUi(<VolumeDrillDownBanner query={queueQueryOf(search)} update={update} />);
    const banner = screen.getByTestId('volume-drill-down-banner');
    expect(banner.textContent).toContain('2026-01-01 至 2026-11-30 收到');
    await waitFor(() => expect(banner.textContent).toContain('主办单位：南山区住房和建设局'));
    await waitFor(() => expect(banner.textContent).toContain('问题分类：城乡建设'));
    expect(banner.textContent).toContain('集体访');
    await user.click(screen.getByRole('button', { name: /close/i }));
    expect(update).toHaveBeenCalledWith(VOLUME_DRILL_DOWN_CLEARED);
    expect(nextQueueSearch(search, VOLUME_DRILL_DOWN_CLEARED)).toEqual({
      regionCode: '440305',
      state: 'accepted',
    });
  });

  it('shows nothing without a cell’s filter', () => {
    const { container } = renderUi(
      <VolumeDrillDownBanner query={queueQueryOf({ state: 'accepted' })} update={() => undefined} />,
    );
    expect(container.textContent).toBe('');
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../../src/shared/api.schema.ts';
import {
  RATE_INDICATORS,
  type ScorecardWeights,
  type UnitTargets,
} from '../../../src/shared/stats.schema.ts';
import { renderUi } from '../../test/render.tsx';
import { HttpResponse, http, server } from '../../test/server.ts';
import { ScorecardAdmin } from './ScorecardAdmin.tsx';

const unit = (id: number, name: string): Unit => ({
  id,
  name,
  kind: 'functional_department',
  level: 'county',
  regionCode: '440305',
  parentId: null,
  active: true,
});

let put: { url: string; body: unknown }[] = [];
let targets: UnitTargets[] = [];

beforeEach(() => {
  put = [];
  targets = [
    {
      unitId: 12,
      unitName: '南山区住房和建设局',
      year: 2026,
      targets: { on_time_completion: 0.9525, satisfaction: 0.9 },
      updatedAt: null,
      updatedBy: null,
    },
  ];
  const weights: ScorecardWeights = {
    weights: { on_time_acceptance: 5, on_time_completion: 10, satisfaction: 10, rating_rate: 5 },
    repeatPenalty: 1,
    cardPenalty: 0,
  };
  server.use(
    http.get('/api/units', () =>
      HttpResponse.json({ items: [unit(12, '南山区住房和建设局'), unit(13, '南山区人力资源局')] }),
    ),
    http.get('/api/admin/unit-targets', ({ request }) =>
      HttpResponse.json({ year: Number(new URL(request.url).searchParams.get('year')), items: targets }),
    ),
    http.get('/api/admin/scorecard-weights', () => HttpResponse.json(weights)),
    http.put('/api/admin/unit-targets/:unitId/:year', async ({ request }) => {
      const body = await request.json();
      put.push({ url: new URL(request.url).pathname, body });
      return HttpResponse.json(targets[0]);
    }),
  );
});

describe('the targets and weights of the scorecards', () => {
  it('lists each unit’s targets in per cent and the weights of the published scheme', async () => {
    renderUi(<ScorecardAdmin />);
    const row = (await screen.findByText('南山区住房和建设局')).closest('tr')!;
    expect(row).toHaveTextContent('95.25%');
    expect(row).toHaveTextContent('90%');
    expect(screen.getByText('南山区人力资源局').closest('tr')).toHaveTextContent('—');
    await waitFor(() =>
      expect(screen.getByTestId('scorecard-weights')).toHaveTextContent(
        '及时受理率 ×5；按期办结率 ×10；参评率 ×5；满意率 ×10',
      ),
    );
    expect(screen.getByTestId('scorecard-weights')).toHaveTextContent('重复信访每件扣 1 分');
  });

  it('saves a unit’s targets as ratios, clearing the fields left empty', async () => {
    const { user } = renderUi(<ScorecardAdmin />);
    await user.click(await screen.findByRole('button', { name: '编辑 南山区住房和建设局 的目标' }));
    const dialog = await screen.findByRole('dialog');
    const completion = within(dialog).getByLabelText('按期办结率（%）');
    expect(completion).toHaveValue('95.25');
    await user.clear(completion);
    await user.type(completion, '97');
    await user.clear(within(dialog).getByLabelText('满意率（%）'));
    await user.type(within(dialog).getByLabelText('及时受理率（%）'), '98.5');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(put).toHaveLength(1));
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .slice(0, 4);
    expect(put[0]!.url).toBe(`/api/admin/unit-targets/12/${year}`);
    const sent = (put[0]!.body as { targets: Record<string, number | null> }).targets;
    expect(sent).toMatchObject({ on_time_completion: 0.97, on_time_acceptance: 0.985, satisfaction: null });
    expect(Object.keys(sent).sort()).toEqual([...RATE_INDICATORS].sort());
  });
});

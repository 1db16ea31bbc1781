import { describe, expect, it } from 'vitest';
import { campaignProgress } from './campaign-progress.ts';

describe('campaign progress', () => {
  const housing = { leadUnitId: 1, leadUnitName: '住建局' };
  const labour = { leadUnitId: 2, leadUnitName: '人社局' };

  it('counts every outcome as resolved, by unit and by outcome, against the target', () => {
    const p = campaignProgress(
      [
        { ...housing, outcome: 'resolved' },
        { ...housing, outcome: 'concluded' },
        { ...housing, outcome: null },
        { ...labour, outcome: 'hardship_assistance' },
        { ...labour, outcome: 'legal_channel' },
      ],
      80,
    );
    expect(p).toMatchObject({ total: 5, resolved: 4, share: 0.8, targetPercent: 80, reached: true });
    expect(p.byUnit).toEqual([
      { unitId: 1, unitName: '住建局', total: 3, resolved: 2, share: 2 / 3 },
      { unitId: 2, unitName: '人社局', total: 2, resolved: 2, share: 1 },
    ]);
    expect(Object.fromEntries(p.byOutcome.map((o) => [o.outcome, o.count]))).toEqual({
      resolved: 1,
      legal_channel: 1,
      explained_accepted: 0,
      hardship_assistance: 1,
      concluded: 1,
    });
  });

  it('misses the target by one matter, and has no share without matters', () => {
    expect(
      campaignProgress(
        [
          { ...housing, outcome: null },
          { ...housing, outcome: 'resolved' },
        ],
        60,
      ).reached,
    ).toBe(false);
    expect(campaignProgress([], 80)).toMatchObject({ total: 0, share: null, reached: false, byUnit: [] });
  });
});

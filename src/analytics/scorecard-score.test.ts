import { describe, expect, it } from 'vitest';
import { COUNT_INDICATORS } from '../shared/stats-definitions.ts';
import {
  DEFAULT_SCORECARD_WEIGHTS,
  INDICATORS,
  RATE_INDICATORS,
  type IndicatorFigure,
} from '../shared/stats.schema.ts';
import { attainment, competitionRanks, scoreUnit } from './scorecard-score.ts';

/** Every indicator with nothing counted, then the given ones as [numerator, denominator]. */
function figures(
  given: Partial<Record<(typeof INDICATORS)[number], [number, number | null]>>,
): IndicatorFigure[] {
  return INDICATORS.map((indicator) => {
    const [numerator, denominator] = given[indicator] ?? [0, COUNT_INDICATORS.includes(indicator) ? null : 0];
    return {
      indicator,
      numerator,
      denominator,
      value: denominator ? numerator / denominator : null,
    };
  });
}

describe('scorecard arithmetic', () => {
  it('splits the indicators into rates, which take targets and weights, and the two counts', () => {
    expect([...RATE_INDICATORS, ...COUNT_INDICATORS].sort()).toEqual([...INDICATORS].sort());
  });

  it('scores the published scheme: Σ weight × rate, minus one point per repeat matter', () => {
    const s = scoreUnit(
      figures({
        on_time_acceptance: [9, 10],
        on_time_completion: [3, 4],
        rating_rate: [1, 2],
        satisfaction: [2, 3],
        repeat_rate: [2, 40],
      }),
      { on_time_completion: 0.8, repeat_rate: 0.1 },
      DEFAULT_SCORECARD_WEIGHTS,
      true,
    );
    // 5 × 0.9 + 10 × 0.75 + 5 × 0.5 + 10 × 2/3 − 2 = 4.5 + 7.5 + 2.5 + 6.6667 − 2
    expect(s.score).toBe(19.1667);
    expect([s.repeatMatters, s.penalty]).toEqual([2, 2]);
    const byKey = Object.fromEntries(s.figures.map((f) => [f.indicator, f]));
    expect(byKey.on_time_completion).toMatchObject({ target: 0.8, gap: -0.05, weight: 10, points: 7.5 });
    expect(byKey.satisfaction).toMatchObject({ target: null, gap: null, points: 6.6667 });
    expect(byKey.repeat_rate).toMatchObject({ target: 0.1, gap: -0.05, weight: null, points: null });
    expect(byKey.backlog).toMatchObject({ target: null, weight: null, points: null });
  });

  it('gives no points to a rate with nothing counted, and no score to a unit with no rows', () => {
    const empty = figures({});
    expect(scoreUnit(empty, {}, DEFAULT_SCORECARD_WEIGHTS, true).score).toBe(0);
    expect(scoreUnit(empty, {}, DEFAULT_SCORECARD_WEIGHTS, false)).toMatchObject({ score: null, penalty: 0 });
    const some = scoreUnit(figures({ on_time_completion: [1, 1] }), {}, DEFAULT_SCORECARD_WEIGHTS, true);
    expect(some.score).toBe(10);
    expect(some.figures.find((f) => f.indicator === 'satisfaction')).toMatchObject({
      weight: 10,
      points: null,
    });
  });

  it('scores 1 − rate where less is better', () => {
    expect(attainment('repeat_rate', 0.25)).toBe(0.75);
    expect(attainment('satisfaction', 0.25)).toBe(0.25);
    expect(attainment('changed_on_review', null)).toBeNull();
    const s = scoreUnit(
      figures({ changed_on_review: [1, 4] }),
      {},
      { weights: { changed_on_review: 8 }, repeatPenalty: 0, cardPenalty: 0 },
      true,
    );
    expect(s.score).toBe(6);
  });

  it('ties scores that are equal to four decimals, whatever the floating-point route to them', () => {
    const w = { weights: { rating_rate: 1, satisfaction: 1 }, repeatPenalty: 0, cardPenalty: 0 };
    const a = scoreUnit(figures({ rating_rate: [1, 10], satisfaction: [2, 10] }), {}, w, true).score;
    const b = scoreUnit(figures({ rating_rate: [3, 10] }), {}, w, true).score;
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(a).toBe(b);
  });

  it('takes points off for each supervised matter when the scheme says so', () => {
    const given = figures({ satisfaction: [3, 4], repeat_rate: [1, 10], cards_received: [3, null] });
    const w = { weights: { satisfaction: 10 }, repeatPenalty: 1, cardPenalty: 0.5 };
    const s = scoreUnit(given, {}, w, true);
    // 10 × 0.75 − 1 × 1 − 0.5 × 3
    expect([s.score, s.repeatMatters, s.cardMatters, s.penalty]).toEqual([5, 1, 3, 2.5]);
    expect(scoreUnit(given, {}, { ...w, cardPenalty: 0 }, true).score).toBe(6.5);
  });

  it('ranks 1, 2, 2, 4 with nulls sharing the last rank, either way round', () => {
    expect(competitionRanks([15, 24, null, 15, 3])).toEqual([2, 1, 5, 2, 4]);
    expect(competitionRanks([0.5, 0, 0, null], true)).toEqual([3, 1, 1, 4]);
    expect(competitionRanks([null, null])).toEqual([1, 1]);
    expect(competitionRanks([])).toEqual([]);
    expect(competitionRanks([-2, 0, -2])).toEqual([2, 1, 2]);
  });
});

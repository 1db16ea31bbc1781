import {
  LOWER_IS_BETTER,
  RATE_INDICATORS,
  type Indicator,
  type IndicatorFigure,
  type RateIndicator,
  type ScorecardFigure,
  type ScorecardWeights,
} from '../shared/stats.schema.ts';

/**
 * The arithmetic of a unit scorecard (issue 12, item 4), over figures already counted: no SQL, no
 * clock. The score of a unit is
 *
 *     score = Σ over the weighted rates of  weight × attainment
 *             −  repeatPenalty × repeat matters  −  cardPenalty × supervised matters
 *
 * where attainment is the rate as 0..1 (1 − rate where less is better, LOWER_IS_BETTER), and a rate
 * with nothing counted (denominator 0) earns no points: a unit is scored on the work it had, not
 * credited for work it did not have. Repeat matters are the numerator of the unit's repeat rate (its
 * repeat matters received in the period); supervised matters the numerator of its 被督办件次.
 * With the default scheme the best score is 30 (every rate 100 %, no repeat); it has no floor.
 * Scores are rounded to four decimals, so two units with the same figures, or figures worth the
 * same, tie exactly.
 */

const isRate = (k: Indicator): k is RateIndicator => (RATE_INDICATORS as readonly Indicator[]).includes(k);

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The rate as a score counts it: higher is better; null when nothing was counted. */
export function attainment(indicator: Indicator, value: number | null): number | null {
  if (value === null) return null;
  return LOWER_IS_BETTER.includes(indicator) ? 1 - value : value;
}

export interface UnitScore {
  figures: ScorecardFigure[];
  score: number | null;
  repeatMatters: number;
  cardMatters: number;
  penalty: number;
}

/**
 * One unit's scorecard figures: each indicator with its target, gap (value − target), weight and
 * points, and the score. `hasRows` false (nothing of the unit counted at all): the score is null.
 */
export function scoreUnit(
  figures: readonly IndicatorFigure[],
  targets: Partial<Record<RateIndicator, number>>,
  weights: ScorecardWeights,
  hasRows: boolean,
): UnitScore {
  let sum = 0;
  const out = figures.map((f): ScorecardFigure => {
    const rate = isRate(f.indicator);
    const target = rate ? (targets[f.indicator as RateIndicator] ?? null) : null;
    const weight = rate ? (weights.weights[f.indicator as RateIndicator] ?? null) : null;
    const a = attainment(f.indicator, f.value);
    const points = weight === null || a === null ? null : round4(weight * a);
    if (points !== null) sum += weight! * a!;
    return {
      ...f,
      target,
      gap: target === null || f.value === null ? null : round4(f.value - target),
      weight,
      points,
    };
  });
  const count = (k: Indicator) => figures.find((f) => f.indicator === k)?.numerator ?? 0;
  const repeatMatters = count('repeat_rate');
  const cardMatters = count('cards_received');
  const off = weights.repeatPenalty * repeatMatters + weights.cardPenalty * cardMatters;
  return {
    figures: out,
    score: hasRows ? round4(sum - off) : null,
    repeatMatters,
    cardMatters,
    penalty: round4(off),
  };
}

/**
 * Competition ranks (1, 2, 2, 4): 1 is the best key, equal keys share the better rank, and every item
 * whose key is null shares the rank after the last keyed one. `lowerIsBetter` orders keys ascending.
 * Returns the ranks in the items' order.
 */
export function competitionRanks(keys: readonly (number | null)[], lowerIsBetter = false): number[] {
  const keyed = keys.filter((k): k is number => k !== null);
  const sorted = [...keyed].sort((a, b) => (lowerIsBetter ? a - b : b - a));
  const rankOf = new Map<number, number>();
  sorted.forEach((k, i) => {
    if (!rankOf.has(k)) rankOf.set(k, i + 1);
  });
  return keys.map((k) => (k === null ? keyed.length + 1 : rankOf.get(k)!));
}

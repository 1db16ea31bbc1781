import { AppError, type FieldError } from '../errors/app-error.ts';
import {
  LETTER_INDICATORS,
  NEVER_TARGETED,
  targetIsCeiling,
  type LetterIndicator,
  type LetterTarget,
  type TargetStatus,
} from '../shared/assessment.schema.ts';
import { INDICATOR_DEFINITIONS } from '../shared/stats-definitions.ts';
import { INDICATORS, type Indicator, type IndicatorFigure } from '../shared/stats.schema.ts';

/**
 * The rules of a letter's targets, over plain data: which indicators a target may name, the range
 * of a target, and whether a live figure meets it. No SQL, no clock.
 */

export interface CheckedTarget {
  indicator: LetterIndicator;
  target: number;
}

const isIndicator = (k: string): k is Indicator => (INDICATORS as readonly string[]).includes(k);
const isLetterIndicator = (k: string): k is LetterIndicator =>
  (LETTER_INDICATORS as readonly string[]).includes(k);

/**
 * Checks a letter's targets: each names an indicator of the set that a letter may target, once, with
 * a ratio 0..1 of at most four decimals (what unit_targets stores). Every wrong field is named at
 * once (`targets.N.indicator`, `targets.N.target`); nothing is stored when any is wrong.
 */
export function checkLetterTargets(
  targets: readonly { indicator: string; target: number }[],
  path = 'targets',
): CheckedTarget[] {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const bad = (p: string, zh: string, en: string) => fields.push({ path: p, message_zh: zh, message_en: en });
  targets.forEach((t, i) => {
    const at = `${path}.${i}`;
    if (!isIndicator(t.indicator))
      bad(
        `${at}.indicator`,
        `未知的统计指标「${t.indicator}」`,
        `unknown indicator "${t.indicator}": name one of the statistics' indicators`,
      );
    else if (NEVER_TARGETED.includes(t.indicator))
      bad(
        `${at}.indicator`,
        `「${INDICATOR_DEFINITIONS[t.indicator].label.zh}」反映事项未在本级化解的情况，只作参考，不得设为控制目标`,
        `${INDICATOR_DEFINITIONS[t.indicator].label.en} shows where matters were not resolved; it is never a target`,
      );
    else if (!isLetterIndicator(t.indicator))
      bad(
        `${at}.indicator`,
        `「${INDICATOR_DEFINITIONS[t.indicator].label.zh}」是实时件数，不能设定年度目标`,
        `${INDICATOR_DEFINITIONS[t.indicator].label.en} is a live count and carries no yearly target`,
      );
    else if (seen.has(t.indicator))
      bad(`${at}.indicator`, '同一指标只能设定一个目标', 'an indicator may have one target only');
    seen.add(t.indicator);
    const fourDecimals = Math.abs(Math.round(t.target * 10_000) - t.target * 10_000) < 1e-6;
    if (!Number.isFinite(t.target) || t.target < 0 || t.target > 1 || !fourDecimals)
      bad(
        `${at}.target`,
        '目标值应为0至1之间的比率（0.95即95%），最多四位小数',
        'a target is a ratio from 0 to 1 (0.95 = 95 %) with at most four decimals',
      );
  });
  if (fields.length > 0) {
    const zh = fields.map((f) => `${f.path}：${f.message_zh}`).join('；');
    const en = fields.map((f) => `${f.path}: ${f.message_en}`).join('; ');
    throw new AppError('validation_failed', `输入有误：${zh}`, `Invalid input: ${en}`, fields);
  }
  return targets.map((t) => ({
    indicator: t.indicator as LetterIndicator,
    target: Math.round(t.target * 10_000) / 10_000,
  }));
}

/**
 * Whether a live figure meets its target: at least the target, or at most it where less is better
 * (the direction is the indicator's, LOWER_IS_BETTER). Nothing counted yet: no data, neither.
 */
export function targetStatus(indicator: Indicator, target: number, value: number | null): TargetStatus {
  if (value === null) return 'no_data';
  const met = targetIsCeiling(indicator) ? value <= target : value >= target;
  return met ? 'met' : 'not_met';
}

/** Each target beside the unit's live figure of the same indicator. */
export function compareTargets(
  targets: readonly CheckedTarget[],
  figures: readonly IndicatorFigure[],
): LetterTarget[] {
  return targets.map((t) => {
    const f = figures.find((x) => x.indicator === t.indicator);
    const value = f?.value ?? null;
    return {
      indicator: t.indicator,
      target: t.target,
      ceiling: targetIsCeiling(t.indicator),
      numerator: f?.numerator ?? 0,
      denominator: f?.denominator ?? 0,
      actual: value,
      status: targetStatus(t.indicator, t.target, value),
    };
  });
}

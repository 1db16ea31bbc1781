/**
 * What the scorecard's own figures mean, in the words a reader sees beside them (tooltips, help, the
 * exported table's title block): the target, the gap, the score and the rank. The indicators'
 * definitions are in stats-definitions.ts; the arithmetic is src/analytics/scorecard-score.ts.
 *
 * No server-only imports here: the web app bundles this module.
 */
import { INDICATOR_DEFINITIONS, type Bilingual, type FigureDefinition } from './stats-definitions.ts';
import { RATE_INDICATORS, type ScorecardWeights } from './stats.schema.ts';

export const SCORECARD_DEFINITIONS: Record<'target' | 'gap' | 'score' | 'rank' | 'peers', FigureDefinition> =
  {
    target: {
      label: { zh: '目标值', en: 'Target' },
      definition: {
        zh: '管理员为该单位设定的当年目标（责任书目标），按统计期间截止日所在年度取值；未设定的为空。',
        en: "The unit's target for the year set by an administrator (the responsibility letter), for the year of the period's last day; blank when none is set.",
      },
    },
    gap: {
      label: { zh: '差距', en: 'Gap' },
      definition: {
        zh: '实际值减目标值。越低越好的指标（重复信访率、越级访率、复查复核改变率）为正数表示未达标。',
        en: 'Value minus target. For figures where less is better (repeat, cross-level, changed on review) a positive gap falls short.',
      },
    },
    score: {
      label: { zh: '综合得分', en: 'Score' },
      definition: {
        zh:
          '综合得分 = Σ（权重 × 比率）− 每件重复信访扣分 × 重复信访件数 − 每件被督办扣分 × 被督办件次。比率按0至1计；越低越好的指标按（1 − 比率）计；' +
          '统计期间内分母为0的指标不得分。重复信访件数为本单位主办、期间内登记的重复件；被督办件次为期间内向本单位发出的督办单所督办的事项件次。得分保留四位小数，相同者并列。',
        en:
          'Score = Σ (weight × rate) − penalty per repeat matter × repeat matters − penalty per supervised matter × supervised matters. ' +
          'Rates count as 0..1, figures where less is better as (1 − rate); a rate with nothing counted in the period earns nothing. ' +
          'Repeat matters are those the unit leads, received in the period; supervised matters those under the cards issued to the unit in the period. ' +
          'Rounded to four decimals; equal scores tie.',
      },
    },
    rank: {
      label: { zh: '同类排名', en: 'Rank among peers' },
      definition: {
        zh: '在同层级、同类别单位中的名次，1为最好；得分相同的并列（如1、2、2、4）；期间内无任何统计数据的单位列最后。',
        en: 'Rank among units of the same level and kind, 1 the best; equal scores share a rank (1, 2, 2, 4); a unit with nothing counted in the period is last.',
      },
    },
    peers: {
      label: { zh: '同类单位数', en: 'Peers' },
      definition: {
        zh: '同层级、同类别的单位数（含本单位）。',
        en: 'Units of the same level and kind, this one included.',
      },
    },
  };

/** The weights as a reader sees them named, e.g. 及时受理率×5、按期办结率×10…，每件重复信访扣1分. */
export function describeWeights(w: ScorecardWeights): Bilingual {
  const parts = RATE_INDICATORS.filter((k) => w.weights[k] !== undefined).map((k) => ({
    zh: `${INDICATOR_DEFINITIONS[k].label.zh}×${w.weights[k]}`,
    en: `${INDICATOR_DEFINITIONS[k].label.en} ×${w.weights[k]}`,
  }));
  return {
    zh:
      `${parts.map((p) => p.zh).join('、') || '无加权指标'}，每件重复信访扣${w.repeatPenalty}分` +
      (w.cardPenalty > 0 ? `，每件被督办扣${w.cardPenalty}分` : ''),
    en:
      `${parts.map((p) => p.en).join(', ') || 'no weighted rate'}, −${w.repeatPenalty} per repeat matter` +
      (w.cardPenalty > 0 ? `, −${w.cardPenalty} per supervised matter` : ''),
  };
}

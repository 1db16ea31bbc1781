/**
 * What every figure counts, in the words a reader sees beside it (tooltips and help; issue 12:
 * "show each definition where the figure is shown"). The wording follows
 * ../shared/spec/indicators.md; the SQL that counts each indicator is src/analytics/indicators.sql.ts,
 * which reads the same constants, so a changed threshold changes the text and the count together.
 *
 * No server-only imports here: the web app bundles this module.
 */
import { LIMITS } from './enums.ts';
import type { Indicator, VolumeFiguresSchema } from './stats.schema.ts';
import type { z } from 'zod';

/**
 * 初信初访一次性化解: a first-time matter counts as resolved at the first attempt when nothing came
 * back within this many days of its closing. A local assessment choice, not law; a later issue makes
 * it a setting.
 */
export const FIRST_CONTACT_WINDOW_DAYS = 90;
/**
 * 积案: an open matter is backlog once this many days have passed since it was received... (local
 * assessment practice, not law; a later issue makes it a setting)
 */
export const BACKLOG_AGE_DAYS = 90;
/** ...or once this many matters have been linked to it as repeats (same; a setting later). */
export const BACKLOG_REPEATS = 3;

export interface Bilingual {
  zh: string;
  en: string;
}
export interface FigureDefinition {
  label: Bilingual;
  definition: Bilingual;
}

type VolumeFigure = keyof z.infer<typeof VolumeFiguresSchema>;

/** The six figures of the volume table. */
export const VOLUME_DEFINITIONS: Record<VolumeFigure, FigureDefinition> = {
  cases: {
    label: { zh: '信访总量（件次）', en: 'Matters (cases)' },
    definition: {
      zh: '统计期间内登记的信访事项件数，按收到日期（北京时间）计入期间，重复信访也计入。',
      en: 'Matters registered in the period, by the day they were received (Beijing time); repeats are included.',
    },
  },
  people: {
    label: { zh: '信访总量（人次）', en: 'People' },
    definition: {
      zh: '各件信访事项的人数之和：来访按到访人数计，其他渠道按信访人数计。',
      en: 'The people of each matter summed: the head count of a visit, the petitioners of any other matter.',
    },
  },
  visitBatches: {
    label: { zh: '来访（批次）', en: 'Visits (batches)' },
    definition: {
      zh: '统计期间内登记的来访事项件数，每次来访为一批。',
      en: 'Visit matters registered in the period; each visit is one batch.',
    },
  },
  visitPeople: {
    label: { zh: '来访（人次）', en: 'Visits (people)' },
    definition: {
      zh: '上述来访事项的到访人数之和。',
      en: 'The head count of those visits, summed.',
    },
  },
  collectiveBatches: {
    label: { zh: '集体访（批次）', en: 'Collective visits (batches)' },
    definition: {
      zh: `到访人数为${LIMITS.collectiveThreshold}人及以上的来访事项件数。`,
      en: `Visits of ${LIMITS.collectiveThreshold} or more people.`,
    },
  },
  collectivePeople: {
    label: { zh: '集体访（人次）', en: 'Collective visits (people)' },
    definition: {
      zh: '上述集体访的到访人数之和。',
      en: 'The head count of those collective visits, summed.',
    },
  },
};

const HANDLING = '办理期限（含意见建议类、检举控告类及交办事项的期限）';

/** The procedure indicators: numerator / denominator, filters by period, region, unit and category. */
export const INDICATOR_DEFINITIONS: Record<Indicator, FigureDefinition> = {
  on_time_acceptance: {
    label: { zh: '及时受理率', en: 'On-time acceptance' },
    definition: {
      zh:
        '分子：在受理期限内（期限截止前）作出受理决定的件次；分母：受理期限截止日在统计期间内、且已作出决定或已过期限的受理期限件次。' +
        '被撤销的期限（如异议退回后重新起算）不计；按期限所属单位统计单位。',
      en:
        'Numerator: acceptance decisions made within their limit. Denominator: acceptance limits due in the period that were ' +
        'decided or have run out. A cancelled limit (e.g. one restarted after an objection) is not counted; the unit is the one the limit was set for.',
    },
  },
  on_time_completion: {
    label: { zh: '按期办结率', en: 'On-time completion' },
    definition: {
      zh:
        `分子：在${HANDLING}内出具处理意见的件次；分母：期限截止日在统计期间内、且已办结或已过期限的办理期限件次。` +
        '经批准延期的，原期限作废不计，按延长后的期限计算；中止后恢复的，按顺延后的期限计算。按期限所属单位统计单位。',
      en:
        'Numerator: replies issued within the handling limit (including the limits of suggestions, accusations and handed-down matters). ' +
        'Denominator: handling limits due in the period that were met or have run out. An approved extension cancels the old limit, ' +
        'which is not counted, and the extended limit is; after a suspension the moved-on limit counts. The unit is the one the limit was set for.',
    },
  },
  rating_rate: {
    label: { zh: '参评率', en: 'Rating rate' },
    definition: {
      zh: '分子：信访人已作出评价的处理意见件数；分母：统计期间内出具的处理意见件数。按出具处理意见的单位统计单位。',
      en: 'Numerator: replies the petitioner rated. Denominator: replies issued in the period. The unit is the one that issued the reply.',
    },
  },
  satisfaction: {
    label: { zh: '满意率', en: 'Satisfaction' },
    definition: {
      zh: '分子：评价为“满意”或“基本满意”的件数；分母：统计期间内出具且已评价的处理意见件数。按出具处理意见的单位统计单位。',
      en: 'Numerator: ratings of satisfied or basically satisfied. Denominator: replies issued in the period and rated. The unit is the one that issued the reply.',
    },
  },
  repeat_rate: {
    label: { zh: '重复信访率', en: 'Repeat rate' },
    definition: {
      zh: '分子：关联为同一信访人同一事项此前信访的重复件（含合并的事项）；分母：统计期间内登记（按收到日期）的信访事项件数。按当前主办单位统计单位。',
      en: 'Numerator: matters linked as repeats of an earlier matter of the same petitioner and issue (merged ones included). Denominator: matters registered (received) in the period. The unit is the current lead unit.',
    },
  },
  first_contact_resolution: {
    label: { zh: '初信初访一次性化解率', en: 'First-contact resolution' },
    definition: {
      zh:
        `分子：办结后${FIRST_CONTACT_WINDOW_DAYS}日内未申请复查、复核，也没有同一事项的重复信访的件数；` +
        `分母：办结（办结或终结）日期在统计期间内、且距今已满${FIRST_CONTACT_WINDOW_DAYS}日的初次信访事项（非重复件）。按当前主办单位统计单位。`,
      en:
        `Numerator: those with no review or second review and no repeat received within ${FIRST_CONTACT_WINDOW_DAYS} days of closing. ` +
        `Denominator: first-time matters (not repeats) closed or concluded in the period, at least ${FIRST_CONTACT_WINDOW_DAYS} days ago. The unit is the current lead unit.`,
    },
  },
  cross_level_rate: {
    label: { zh: '越级访率', en: 'Cross-level rate' },
    definition: {
      zh:
        '分子：提出层级高于主办单位层级的事项（层级由低到高：乡镇（含村、网格）、县、市、省、国家）；分母：统计期间内登记的信访事项件数。' +
        '尚未确定主办单位的事项计入分母、不计入分子。按当前主办单位统计单位。',
      en:
        'Numerator: matters lodged above the level of their lead unit (township, village and grid < county < city < province < national). ' +
        'Denominator: matters registered in the period. A matter not yet routed to a lead unit is in the denominator, never the numerator. The unit is the current lead unit.',
    },
  },
  changed_on_review: {
    label: { zh: '复查复核改变率', en: 'Changed on review' },
    definition: {
      zh: '分子：复查、复核意见改变原处理意见的件数；分母：统计期间内作出的复查、复核意见件数。按被复查的处理意见的出具单位统计单位。',
      en: 'Numerator: reviews and second reviews that changed the original answer. Denominator: reviews and second reviews decided in the period. The unit is the one whose reply was reviewed.',
    },
  },
  follow_up_coverage: {
    label: { zh: '回访率', en: 'Follow-up coverage' },
    definition: {
      zh: '分子：出具后已回访（电话、走访、短信或网上回访，在处理意见出具之后记录）的处理意见件数；分母：统计期间内出具的处理意见件数。按出具处理意见的单位统计单位。',
      en: 'Numerator: replies followed up (by phone, visit, text or online, recorded after the reply). Denominator: replies issued in the period. The unit is the one that issued the reply.',
    },
  },
  follow_up_solved: {
    label: { zh: '回访解决率', en: 'Solved at follow-up' },
    definition: {
      zh: '分子：最近一次联系上信访人的回访表示问题“已解决”的件数；分母：统计期间内出具、且回访时联系上信访人的处理意见件数（部分解决、未解决计入分母）。按出具处理意见的单位统计单位。',
      en: 'Numerator: replies whose latest follow-up that reached the petitioner found the problem solved. Denominator: replies issued in the period with a follow-up that reached the petitioner (partly solved and not solved count in it). The unit is the one that issued the reply.',
    },
  },
  cards_received: {
    label: { zh: '被督办件次', en: 'Supervised (cards)' },
    definition: {
      zh: '统计期间内向该单位发出的督办单所督办的事项件次：对单位督办的督办单按所含事项各计一次，已撤销的督办单不计。按被督办单位统计单位。',
      en: 'Matters under the supervision cards issued to the unit in the period: a card on a unit’s set of matters counts once for each of its matters; withdrawn cards are not counted. The unit is the one the card was issued to.',
    },
  },
  overdue_now: {
    label: { zh: '当前超期', en: 'Overdue now' },
    definition: {
      zh: '此刻已超过当前期限仍未办理的事项件数（实时，不受统计期间限制）。按期限所属单位统计单位。',
      en: 'Matters past their current limit at this moment (live, whatever the period). The unit is the one the limit was set for.',
    },
  },
  backlog: {
    label: { zh: '积案', en: 'Backlog' },
    definition: {
      zh:
        `未办结事项中，收到已超过${BACKLOG_AGE_DAYS}日，或已有${BACKLOG_REPEATS}件及以上重复信访的件数（实时，不受统计期间限制；` +
        '已办结、终结、不予受理、已合并及已转送、交办待签收的不计）。按当前主办单位统计单位。',
      en:
        `Open matters received more than ${BACKLOG_AGE_DAYS} days ago or with ${BACKLOG_REPEATS} or more repeats (live, whatever the period; ` +
        'closed, concluded, not accepted, merged, and forwarded or handed down awaiting sign-for are not counted). The unit is the current lead unit.',
    },
  },
};

/** Which indicators are counts (no denominator). */
export const COUNT_INDICATORS: readonly Indicator[] = ['cards_received', 'overdue_now', 'backlog'];
/** Which counts are live: as of now, whatever the period. */
export const LIVE_INDICATORS: readonly Indicator[] = ['overdue_now', 'backlog'];

/**
 * What each indicator counts, where it is not the matter itself: a limit (acceptance, handling), an
 * answer (a reply, a review) or a supervision card on the matter. A matter with two such rows counts twice in the figure and is
 * listed once in the queue behind it, which the queue says.
 */
export const INDICATOR_ITEMS: Partial<Record<Indicator, 'limit' | 'reply' | 'review' | 'card'>> = {
  on_time_acceptance: 'limit',
  on_time_completion: 'limit',
  overdue_now: 'limit',
  rating_rate: 'reply',
  satisfaction: 'reply',
  changed_on_review: 'review',
  follow_up_coverage: 'reply',
  follow_up_solved: 'reply',
  cards_received: 'card',
};

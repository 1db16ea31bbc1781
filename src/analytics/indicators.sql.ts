import { sql, type RawBuilder } from 'kysely';
import type { Indicator } from '../shared/stats.schema.ts';
import { BACKLOG_AGE_DAYS, BACKLOG_REPEATS, FIRST_CONTACT_WINDOW_DAYS } from '../shared/stats-definitions.ts';

/**
 * Each procedure indicator of indicators.md written once, as SQL conditions over the matter `m` and
 * the row that is counted (a deadline `sd`, a decision `sdc`, or the matter itself). Two readers:
 * computeIndicators (indicators.ts) counts the rows that meet them, and the queue's drill-down
 * (lifecycle/matter.queries.ts) lists the matters that have such a row — so a figure and the list
 * behind it cannot drift apart. Definitions for the reader: shared/stats-definitions.ts.
 */

type Cond = RawBuilder<boolean>;
/** A unit's id as an SQL value. */
type UnitValue = RawBuilder<number | null>;

/**
 * Where an indicator's counted rows live. `cards`: each matter of each supervision card, a card on a
 * unit's set of matters counting once for each of its matters (the rows of
 * `supervision_card_matters`, with the card's unit and when it was issued).
 */
export type ItemSource = 'deadlines' | 'decisions' | 'matters' | 'cards';

export interface IndicatorParams {
  /** The period's instants [start, end) and its Beijing dates (both included). */
  start: Date;
  end: Date;
  from: string;
  to: string;
  now: Date;
}

export interface IndicatorSql {
  source: ItemSource;
  /** A count (overdue now, backlog, cards): no denominator. */
  count: boolean;
  /** Live: counted as of now, whatever the period (overdue now, backlog). */
  live: boolean;
  /** The rows in the denominator (for a count: the rows counted). */
  items: (p: IndicatorParams) => Cond;
  /** Of those, the rows in the numerator (for a count: always true). */
  numerator: (p: IndicatorParams) => Cond;
  /** The row belongs to the unit asked about. */
  unit: (unitId: number) => Cond;
  /**
   * The unit the row belongs to, as a value (null: no unit, e.g. a matter not yet routed): what
   * `unit` compares, written for a GROUP BY over every unit at once (scorecards, unit comparison).
   * The same constant for indicators that name their unit the same way, so they share a query.
   */
  unitOf: UnitValue;
}

const DAY_MS = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const TRUE: Cond = sql<boolean>`true`;

/** The deadline kinds of the acceptance decision (条例 §24) and of handling (§34, and handed-down matters). */
export const ACCEPTANCE_KINDS = ['acceptance'] as const;
export const HANDLING_KINDS = [
  'handling',
  'handling_suggestion',
  'handling_accusation',
  'handed_down',
] as const;

/** The states that end a matter for the backlog count (the brief's list; the rest are open). */
export const BACKLOG_CLOSED_STATES = [
  'closed',
  'concluded',
  'forwarded',
  'handed_down',
  'not_accepted',
  'merged',
] as const;

const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/**
 * A limit due in the period and already decided or run out: cancelled limits (an extension's
 * replaced limit, a suspended one, one restarted after an objection) are never counted.
 */
const dueInPeriod = (kinds: readonly string[]) => (p: IndicatorParams) =>
  sql<boolean>`(sd.kind IN (${list(kinds)}) AND sd.status <> 'cancelled'
    AND sd.due_date >= ${p.from} AND sd.due_date <= ${p.to}
    AND (sd.status <> 'open' OR sd.due_at < ${p.now}))`;
const metInTime: Cond = sql<boolean>`(sd.status = 'met' AND sd.closed_at <= sd.due_at)`;
const deadlineUnit = (unitId: number) => sql<boolean>`(sd.unit_id = ${unitId})`;
const DEADLINE_UNIT: UnitValue = sql`sd.unit_id`;

const decidedInPeriod = (p: IndicatorParams) =>
  sql<boolean>`(sdc.decided_at >= ${p.start} AND sdc.decided_at < ${p.end})`;
const rated = (ratings?: readonly string[]) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ratings sr WHERE sr.decision_id = sdc.id${
    ratings ? sql` AND sr.rating IN (${list(ratings)})` : sql``
  })`;
const replyUnit = (unitId: number) => sql<boolean>`(sdc.unit_id = ${unitId})`;
const REPLY_UNIT: UnitValue = sql`sdc.unit_id`;
/**
 * The unit whose answer a review decided on: the matter's latest reply before the review, kept on
 * the review by a trigger (migration 0027).
 */
const REVIEWED_UNIT: UnitValue = sql`sdc.reviewed_unit_id`;

/**
 * 回访 after a reply: the follow-ups recorded on the reply's matter at or after the reply. The
 * latest that reached the petitioner says whether the problem was solved.
 */
const afterReply = sql`sfc.type = 'follow_up' AND sfc.matter_id = sdc.matter_id
  AND sfc.opened_at >= sdc.decided_at`;
const followedUp: Cond = sql<boolean>`EXISTS (SELECT 1 FROM cases sfc WHERE ${afterReply})`;
const latestReachedSays = sql`(SELECT sfu.solved FROM cases sfc JOIN follow_ups sfu ON sfu.case_id = sfc.id
  WHERE ${afterReply} AND sfu.reached ORDER BY sfc.opened_at DESC, sfc.id DESC LIMIT 1)`;
const replyInPeriod = (p: IndicatorParams) => sql<boolean>`(sdc.kind = 'reply' AND ${decidedInPeriod(p)})`;

const receivedInPeriod = (p: IndicatorParams) =>
  sql<boolean>`(m.received_at >= ${p.start} AND m.received_at < ${p.end})`;
/**
 * The matter's current lead unit (a released assignment no longer counts), kept on the matter by a
 * trigger on its assignments (migration 0027).
 */
const leadUnit = (unitId: number) => sql<boolean>`(m.lead_unit_id = ${unitId})`;
const LEAD_UNIT: UnitValue = sql`m.lead_unit_id`;

/**
 * Levels ranked for the cross-level rate: a matter lodged at the county about a township's business
 * went one level up. Village and grid units answer at township level (they have no petition office).
 */
export const LEVEL_RANK: Record<string, number> = {
  grid: 1,
  village: 1,
  township: 1,
  county: 2,
  city: 3,
  province: 4,
  national: 5,
};
const rank = (column: RawBuilder<unknown>) =>
  sql<number>`(CASE ${column} ${sql.join(
    Object.entries(LEVEL_RANK).map(([level, r]) => sql`WHEN ${sql.lit(level)} THEN ${sql.lit(r)}`),
    sql` `,
  )} END)`;

export const INDICATOR_SQL: Record<Indicator, IndicatorSql> = {
  on_time_acceptance: {
    source: 'deadlines',
    count: false,
    live: false,
    items: dueInPeriod(ACCEPTANCE_KINDS),
    numerator: () => metInTime,
    unit: deadlineUnit,
    unitOf: DEADLINE_UNIT,
  },
  on_time_completion: {
    source: 'deadlines',
    count: false,
    live: false,
    items: dueInPeriod(HANDLING_KINDS),
    numerator: () => metInTime,
    unit: deadlineUnit,
    unitOf: DEADLINE_UNIT,
  },
  rating_rate: {
    source: 'decisions',
    count: false,
    live: false,
    items: (p) => sql<boolean>`(sdc.kind = 'reply' AND ${decidedInPeriod(p)})`,
    numerator: () => rated(),
    unit: replyUnit,
    unitOf: REPLY_UNIT,
  },
  satisfaction: {
    source: 'decisions',
    count: false,
    live: false,
    items: (p) => sql<boolean>`(sdc.kind = 'reply' AND ${decidedInPeriod(p)} AND ${rated()})`,
    numerator: () => rated(['satisfied', 'basically_satisfied']),
    unit: replyUnit,
    unitOf: REPLY_UNIT,
  },
  repeat_rate: {
    source: 'matters',
    count: false,
    live: false,
    items: receivedInPeriod,
    numerator: () => sql<boolean>`(m.repeat_of_id IS NOT NULL)`,
    unit: leadUnit,
    unitOf: LEAD_UNIT,
  },
  first_contact_resolution: {
    source: 'matters',
    count: false,
    live: false,
    items: (p) =>
      sql<boolean>`(m.repeat_of_id IS NULL AND m.state IN ('closed', 'concluded')
        AND m.closed_at >= ${p.start} AND m.closed_at < ${p.end}
        AND m.closed_at <= ${daysBefore(p.now, FIRST_CONTACT_WINDOW_DAYS)})`,
    // Whole hours, not days: adding days follows the session's time zone across a DST change.
    numerator: () =>
      sql<boolean>`(NOT EXISTS (SELECT 1 FROM decisions srv WHERE srv.matter_id = m.id
          AND srv.kind IN ('review', 'recheck'))
        AND NOT EXISTS (SELECT 1 FROM matters srp WHERE srp.repeat_of_id = m.id
          AND srp.received_at >= m.closed_at
          AND srp.received_at <= m.closed_at + interval '1 hour' * ${sql.lit(FIRST_CONTACT_WINDOW_DAYS * 24)}))`,
    unit: leadUnit,
    unitOf: LEAD_UNIT,
  },
  cross_level_rate: {
    source: 'matters',
    count: false,
    live: false,
    items: receivedInPeriod,
    // An unrouted matter has no lead row: it stays in the denominator and out of the numerator.
    numerator: () =>
      sql<boolean>`EXISTS (SELECT 1 FROM units su WHERE su.id = m.lead_unit_id
        AND ${rank(sql.ref('m.lodged_level'))} > ${rank(sql.ref('su.level'))})`,
    unit: leadUnit,
    unitOf: LEAD_UNIT,
  },
  changed_on_review: {
    source: 'decisions',
    count: false,
    live: false,
    items: (p) => sql<boolean>`(sdc.kind IN ('review', 'recheck') AND ${decidedInPeriod(p)})`,
    numerator: () => sql<boolean>`(sdc.outcome = 'changed')`,
    // The unit whose answer was reviewed: the matter's latest reply before this decision.
    unit: (unitId) => sql<boolean>`(sdc.reviewed_unit_id = ${unitId})`,
    unitOf: REVIEWED_UNIT,
  },
  follow_up_coverage: {
    source: 'decisions',
    count: false,
    live: false,
    items: replyInPeriod,
    numerator: () => followedUp,
    unit: replyUnit,
    unitOf: REPLY_UNIT,
  },
  follow_up_solved: {
    source: 'decisions',
    count: false,
    live: false,
    items: (p) => sql<boolean>`(${replyInPeriod(p)} AND ${latestReachedSays} IS NOT NULL)`,
    numerator: () => sql<boolean>`(${latestReachedSays} = 'solved')`,
    unit: replyUnit,
    unitOf: REPLY_UNIT,
  },
  cards_received: {
    source: 'cards',
    count: true,
    live: false,
    // A withdrawn card (issued in error, or made moot) is not held against the unit.
    items: (p) =>
      sql<boolean>`(scm.state <> 'withdrawn' AND scm.opened_at >= ${p.start} AND scm.opened_at < ${p.end})`,
    numerator: () => TRUE,
    unit: (unitId) => sql<boolean>`(scm.target_unit_id = ${unitId})`,
    unitOf: sql`scm.target_unit_id`,
  },
  overdue_now: {
    source: 'deadlines',
    count: true,
    live: true,
    // The queue's `overdue` badge (deadlines/badge.sql.ts): the open main limit, past due now.
    items: (p) => sql<boolean>`(sd.status = 'open' AND sd.main AND sd.due_at < ${p.now})`,
    numerator: () => TRUE,
    unit: deadlineUnit,
    unitOf: DEADLINE_UNIT,
  },
  backlog: {
    source: 'matters',
    count: true,
    live: true,
    items: (p) =>
      sql<boolean>`(m.state NOT IN (${list(BACKLOG_CLOSED_STATES)})
        AND (m.received_at < ${daysBefore(p.now, BACKLOG_AGE_DAYS)}
          OR (SELECT count(*) FROM matters srp WHERE srp.repeat_of_id = m.id) >= ${sql.lit(BACKLOG_REPEATS)}))`,
    numerator: () => TRUE,
    unit: leadUnit,
    unitOf: LEAD_UNIT,
  },
};

/** The rows of the `cards` source: a card's matter, the unit the card is to, its state and issue time. */
export const CARD_ROWS = sql`(SELECT cm.matter_id, s.target_unit_id, c.state, c.opened_at
  FROM supervision_card_matters cm JOIN supervision_cards s ON s.case_id = cm.case_id
  JOIN cases c ON c.id = cm.case_id)`;

export type IndicatorPart = 'numerator' | 'denominator';

/** The rows of one indicator (and part) for the unit asked about, as a condition over its source. */
export function rowCondition(
  indicator: Indicator,
  part: IndicatorPart,
  p: IndicatorParams,
  unitId: number | null,
): Cond {
  const def = INDICATOR_SQL[indicator];
  const parts = [def.items(p)];
  if (unitId !== null) parts.push(def.unit(unitId));
  if (part === 'numerator') parts.push(def.numerator(p));
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The queue's reading: the matter `m` has at least one row counted in this part of the indicator
 * (a matter with two counted limits is listed once).
 */
export function matterHasRows(
  indicator: Indicator,
  part: IndicatorPart,
  p: IndicatorParams,
  unitId: number | null,
): Cond {
  const def = INDICATOR_SQL[indicator];
  const rows = rowCondition(indicator, part, p, unitId);
  switch (def.source) {
    case 'matters':
      return rows;
    case 'deadlines':
      return sql<boolean>`EXISTS (SELECT 1 FROM deadlines sd WHERE sd.matter_id = m.id AND ${rows})`;
    case 'decisions':
      return sql<boolean>`EXISTS (SELECT 1 FROM decisions sdc WHERE sdc.matter_id = m.id AND ${rows})`;
    case 'cards':
      return sql<boolean>`EXISTS (SELECT 1 FROM ${CARD_ROWS} scm WHERE scm.matter_id = m.id AND ${rows})`;
  }
}

/** The matters a figure is about: the region subtree and, if asked, the category subtree. */
export function matterFilter(regionPrefix: string, categoryCodes: readonly string[] | null): Cond {
  const like = `${regionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const region = sql<boolean>`m.region_code LIKE ${like}`;
  if (categoryCodes === null) return region;
  if (categoryCodes.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${region} AND m.category_code IN (${sql.join([...categoryCodes])}))`;
}

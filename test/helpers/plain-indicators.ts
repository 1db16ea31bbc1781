import { sql, type RawBuilder } from 'kysely';
import { periodBounds, type Period } from '../../src/analytics/period.ts';
import type { Db, Trx } from '../../src/db/database.ts';
import { INDICATORS, type Indicator } from '../../src/shared/stats.schema.ts';

const DAY = 86_400_000;

export interface Counted {
  numerator: number;
  denominator: number | null;
  /** The matters behind each part, sorted. */
  numeratorIds: number[];
  denominatorIds: number[];
}

/**
 * Every indicator again, as plain SQL over the raw rows of the given matters, written apart from
 * src/analytics/indicators.sql.ts: one SELECT of the counted rows each, with a boolean for the
 * numerator, finding each row's unit from the assignments and replies themselves (not from the
 * copies the figures read). The matters are listed by the caller (a test lists the ones a user may
 * see by hand), or given as a condition over `m` (the benchmark's plain GROUP BY).
 */
export async function plainIndicators(
  db: Db | Trx,
  matters: number[] | RawBuilder<boolean>,
  period: Period,
  now: Date,
  unitId: number | null,
): Promise<Record<Indicator, Counted>> {
  const { start, end } = periodBounds(period);
  const unitOf = (col: string) => (unitId === null ? sql`true` : sql`${sql.ref(col)} = ${unitId}`);
  const lead = sql`(SELECT mu.unit_id FROM matter_units mu WHERE mu.matter_id = m.id AND mu.role = 'lead' AND mu.released_at IS NULL)`;
  const leadIs = unitId === null ? sql`true` : sql`${lead} = ${unitId}`;
  const idList = Array.isArray(matters)
    ? matters.length
      ? sql.join(matters)
      : sql`NULL`
    : sql`SELECT m.id FROM matters m WHERE ${matters}`;
  const deadlineRows = (kinds: string[]) => sql<{ matter_id: number; num: boolean }>`
    SELECT d.matter_id, (d.status = 'met' AND d.closed_at <= d.due_at) AS num
    FROM deadlines d
    WHERE d.matter_id IN (${idList}) AND d.kind IN (${sql.join(kinds)}) AND d.status <> 'cancelled'
      AND d.due_date BETWEEN ${period.from} AND ${period.to}
      AND (d.status <> 'open' OR d.due_at < ${now}) AND ${unitOf('d.unit_id')}`;
  const queries: Record<Indicator, ReturnType<typeof sql<{ matter_id: number; num: boolean }>>> = {
    on_time_acceptance: deadlineRows(['acceptance']),
    on_time_completion: deadlineRows([
      'handling',
      'handling_suggestion',
      'handling_accusation',
      'handed_down',
    ]),
    rating_rate: sql`
      SELECT dc.matter_id, (r.id IS NOT NULL) AS num
      FROM decisions dc LEFT JOIN ratings r ON r.decision_id = dc.id
      WHERE dc.matter_id IN (${idList}) AND dc.kind = 'reply' AND dc.decided_at >= ${start} AND dc.decided_at < ${end}
        AND ${unitOf('dc.unit_id')}`,
    satisfaction: sql`
      SELECT dc.matter_id, (r.rating <> 'unsatisfied') AS num
      FROM decisions dc JOIN ratings r ON r.decision_id = dc.id
      WHERE dc.matter_id IN (${idList}) AND dc.kind = 'reply' AND dc.decided_at >= ${start} AND dc.decided_at < ${end}
        AND ${unitOf('dc.unit_id')}`,
    repeat_rate: sql`
      SELECT m.id AS matter_id, (m.repeat_of_id IS NOT NULL) AS num FROM matters m
      WHERE m.id IN (${idList}) AND m.received_at >= ${start} AND m.received_at < ${end} AND ${leadIs}`,
    first_contact_resolution: sql`
      SELECT m.id AS matter_id,
        (SELECT count(*) FROM decisions v WHERE v.matter_id = m.id AND v.kind <> 'reply') = 0
        AND (SELECT count(*) FROM matters r WHERE r.repeat_of_id = m.id
             AND r.received_at BETWEEN m.closed_at AND m.closed_at + interval '90 days') = 0 AS num
      FROM matters m
      WHERE m.id IN (${idList}) AND m.repeat_of_id IS NULL AND m.state IN ('closed', 'concluded')
        AND m.closed_at >= ${start} AND m.closed_at < ${end}
        AND m.closed_at <= ${new Date(now.getTime() - 90 * DAY)} AND ${leadIs}`,
    cross_level_rate: sql`
      SELECT m.id AS matter_id,
        coalesce(array_position(ARRAY['township','county','city','province','national'], m.lodged_level)
          > array_position(ARRAY['township','county','city','province','national'],
              CASE WHEN u.level IN ('village', 'grid') THEN 'township' ELSE u.level END), false) AS num
      FROM matters m
      LEFT JOIN matter_units mu ON mu.matter_id = m.id AND mu.role = 'lead' AND mu.released_at IS NULL
      LEFT JOIN units u ON u.id = mu.unit_id
      WHERE m.id IN (${idList}) AND m.received_at >= ${start} AND m.received_at < ${end} AND ${leadIs}`,
    changed_on_review: sql`
      SELECT dc.matter_id, (dc.outcome = 'changed') AS num
      FROM decisions dc
      WHERE dc.matter_id IN (${idList}) AND dc.kind IN ('review', 'recheck')
        AND dc.decided_at >= ${start} AND dc.decided_at < ${end}
        AND ${
          unitId === null
            ? sql`true`
            : sql`${unitId} = (SELECT rp.unit_id FROM decisions rp WHERE rp.matter_id = dc.matter_id
                AND rp.kind = 'reply' AND rp.decided_at <= dc.decided_at ORDER BY rp.decided_at DESC, rp.id DESC LIMIT 1)`
        }`,
    follow_up_coverage: sql`
      SELECT dc.matter_id, EXISTS (SELECT 1 FROM cases c WHERE c.matter_id = dc.matter_id
        AND c.type = 'follow_up' AND c.opened_at >= dc.decided_at) AS num
      FROM decisions dc
      WHERE dc.matter_id IN (${idList}) AND dc.kind = 'reply' AND dc.decided_at >= ${start} AND dc.decided_at < ${end}
        AND ${unitOf('dc.unit_id')}`,
    follow_up_solved: sql`
      SELECT dc.matter_id, (last.solved = 'solved') AS num
      FROM decisions dc
      JOIN LATERAL (
        SELECT f.solved, c.opened_at, c.id FROM follow_ups f JOIN cases c ON c.id = f.case_id
        WHERE c.matter_id = dc.matter_id AND f.reached AND c.opened_at >= dc.decided_at
      ) last ON NOT EXISTS (
        SELECT 1 FROM follow_ups f2 JOIN cases c2 ON c2.id = f2.case_id
        WHERE c2.matter_id = dc.matter_id AND f2.reached AND c2.opened_at >= dc.decided_at
          AND (c2.opened_at, c2.id) > (last.opened_at, last.id))
      WHERE dc.matter_id IN (${idList}) AND dc.kind = 'reply' AND dc.decided_at >= ${start} AND dc.decided_at < ${end}
        AND ${unitOf('dc.unit_id')}`,
    cards_received: sql`
      SELECT cm.matter_id, true AS num
      FROM supervision_card_matters cm
      JOIN cases c ON c.id = cm.case_id
      JOIN supervision_cards s ON s.case_id = c.id
      WHERE cm.matter_id IN (${idList}) AND c.state <> 'withdrawn'
        AND c.opened_at >= ${start} AND c.opened_at < ${end} AND ${unitOf('s.target_unit_id')}`,
    overdue_now: sql`
      SELECT d.matter_id, true AS num FROM deadlines d
      WHERE d.matter_id IN (${idList}) AND d.main AND d.status = 'open' AND d.due_at < ${now}
        AND ${unitOf('d.unit_id')}`,
    backlog: sql`
      SELECT m.id AS matter_id, true AS num FROM matters m
      WHERE m.id IN (${idList})
        AND m.state NOT IN ('closed', 'concluded', 'forwarded', 'handed_down', 'not_accepted', 'merged')
        AND (m.received_at < ${new Date(now.getTime() - 90 * DAY)}
          OR (SELECT count(*) FROM matters r WHERE r.repeat_of_id = m.id) >= 3)
        AND ${leadIs}`,
  };
  const out = {} as Record<Indicator, Counted>;
  for (const k of INDICATORS) {
    const rows = (await queries[k].execute(db)).rows;
    const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
    const isCount = k === 'overdue_now' || k === 'backlog' || k === 'cards_received';
    out[k] = {
      numerator: rows.filter((r) => r.num).length,
      denominator: isCount ? null : rows.length,
      numeratorIds: sorted(rows.filter((r) => r.num).map((r) => r.matter_id)),
      denominatorIds: sorted(rows.map((r) => r.matter_id)),
    };
  }
  return out;
}

import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { Db, Trx } from '../db/database.ts';

/**
 * The statistics rollups of migrations 0017–0025. Triggers append signed rows to `stats_pending` as matters
 * change; `foldPending` moves them into the day rollup `stats_volume`; `rebuildRollups` recomputes the
 * rollup from the matters; `verifyRollups` compares the two. A figure reads rollup + pending in one
 * snapshot (analytics/volume.ts), so folding is housekeeping, never a condition of being up to date.
 */

const MEASURES = [
  'cases',
  'people',
  'visit_batches',
  'visit_people',
  'collective_batches',
  'collective_people',
  'repeats',
] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * Expands rows of counted facts (a relation `src` with sign, day, region_code, lodged_level, channel,
 * purpose, category_code, unit_id, state, head_count, is_collective, is_repeat) into the rollup's
 * rows: one per rollup subtree the region lies in × dimension × day × value, summed.
 */
function aggregated(src: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    SELECT s.scope, d.viewer, v.dim, d.day, v.value,
      sum(d.sign)::int AS cases,
      sum(d.sign * d.head_count)::int AS people,
      sum(CASE WHEN d.channel = 'visit' THEN d.sign ELSE 0 END)::int AS visit_batches,
      sum(CASE WHEN d.channel = 'visit' THEN d.sign * d.head_count ELSE 0 END)::int AS visit_people,
      sum(CASE WHEN d.is_collective THEN d.sign ELSE 0 END)::int AS collective_batches,
      sum(CASE WHEN d.is_collective THEN d.sign * d.head_count ELSE 0 END)::int AS collective_people,
      sum(CASE WHEN d.is_repeat THEN d.sign ELSE 0 END)::int AS repeats
    FROM ${src} d
    JOIN stats_region_scopes s ON s.region_code = d.region_code
    CROSS JOIN LATERAL (VALUES
      ('all', ''), ('level', d.lodged_level), ('channel', d.channel), ('purpose', d.purpose),
      ('category', coalesce(d.category_code, '')), ('region', s.child),
      ('unit', coalesce(d.unit_id::text, '')), ('state', d.state)
    ) AS v (dim, value)
    GROUP BY s.scope, d.viewer, v.dim, d.day, v.value`;
}

const MEASURE_LIST = sql.join(MEASURES.map((m) => sql.ref(m)));
const MEASURE_SUMS = sql.join(MEASURES.map((m) => sql`sum(${sql.ref(m)})::int AS ${sql.ref(m)}`));

/** Day rows (a relation with scope, dim, day, value and the measures) summed by month. */
function byMonth(src: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    SELECT scope, viewer, dim, minsheng_stats_month(day) AS month, value, ${MEASURE_SUMS}
    FROM ${src} r GROUP BY 1, 2, 3, 4, 5`;
}

/** Open limits (rows with sign, region_code, warn_at, due_at) by subtree and instants (migration 0026). */
function deadlinesAggregated(src: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    SELECT s.scope, d.viewer, d.warn_at, d.due_at, sum(d.sign)::int AS open
    FROM ${src} d
    JOIN stats_region_scopes s ON s.region_code = d.region_code
    GROUP BY s.scope, d.viewer, d.warn_at, d.due_at`;
}

/** The unit whose figures count a matter in the rollups (migration 0025); NULL: none. */
const viewerOf = sql`minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id, m.reported_unit_id)`;

/** Every open main limit as it is now (what the deadline triggers would have appended). */
const currentOpenDeadlines = sql`(
  SELECT * FROM (
    SELECT 1 AS sign, ${viewerOf} AS viewer, m.region_code, dl.warn_at, dl.due_at
    FROM deadlines dl JOIN matters m ON m.id = dl.matter_id
    WHERE dl.main AND dl.status = 'open'
  ) f WHERE f.viewer IS NOT NULL
)`;

/** The counted facts of every matter as it is now (what the triggers would have appended). */
const currentFacts = sql`(
  SELECT * FROM (
    SELECT 1 AS sign, ${viewerOf} AS viewer, minsheng_stats_day(m.received_at) AS day, m.region_code,
      m.lodged_level, m.channel, m.purpose, m.category_code, lead.unit_id, m.state, m.head_count,
      m.is_collective, m.repeat_of_id IS NOT NULL AS is_repeat
    FROM matters m
    LEFT JOIN matter_units lead ON lead.matter_id = m.id AND lead.role = 'lead' AND lead.released_at IS NULL
  ) f WHERE f.viewer IS NOT NULL
)`;

/**
 * Folds the pending rows into the rollup, in one transaction: the rows it deletes are exactly the
 * rows it adds (rows a writer has not committed yet stay for the next fold). Two instances folding
 * at once cannot count a row twice: the second waits on the first's deletes and then skips them.
 * Returns how many pending rows were folded.
 */
export async function foldPending(ctx: AppContext): Promise<number> {
  const addExcluded = sql.join(
    MEASURES.map((m) => sql`${sql.ref(m)} = t.${sql.ref(m)} + EXCLUDED.${sql.ref(m)}`),
  );
  return withTransaction(ctx, async (tx) => {
    const res = await sql<{ folded: number }>`
      WITH d AS (DELETE FROM stats_pending RETURNING *),
      x AS (${aggregated(sql`d`)}),
      up AS (
        INSERT INTO stats_volume AS t (scope, viewer, dim, day, value, ${MEASURE_LIST})
        SELECT * FROM x
        ON CONFLICT (scope, viewer, dim, day, value) DO UPDATE SET ${addExcluded}
      ),
      upm AS (
        INSERT INTO stats_volume_month AS t (scope, viewer, dim, month, value, ${MEASURE_LIST})
        ${byMonth(sql`x`)}
        ON CONFLICT (scope, viewer, dim, month, value) DO UPDATE SET ${addExcluded}
      )
      SELECT count(*)::int AS folded FROM d`.execute(tx.db);
    const deadlines = await sql<{ folded: number }>`
      WITH d AS (DELETE FROM stats_deadline_pending RETURNING *),
      x AS (${deadlinesAggregated(sql`d`)}),
      up AS (
        INSERT INTO stats_deadlines AS t (scope, viewer, warn_at, due_at, open)
        SELECT * FROM x
        ON CONFLICT (scope, viewer, due_at, warn_at) DO UPDATE SET open = t.open + EXCLUDED.open
      )
      SELECT count(*)::int AS folded FROM d`.execute(tx.db);
    return (res.rows[0]?.folded ?? 0) + (deadlines.rows[0]?.folded ?? 0);
  });
}

/**
 * Recomputes the rollup from the matters. Writers wait while it runs (it locks the pending log
 * against appends, so no change can fall between the recount and the new rollup).
 */
export async function rebuildRollups(ctx: AppContext): Promise<{ rows: number }> {
  return withTransaction(ctx, async (tx) => {
    await lockPending(tx.db);
    for (const table of [
      'stats_pending',
      'stats_deadline_pending',
      'stats_volume',
      'stats_volume_month',
      'stats_deadlines',
    ])
      await sql`DELETE FROM ${sql.table(table)}`.execute(tx.db);
    await sql`SELECT minsheng_stats_rebuild_scopes()`.execute(tx.db);
    // The indicators' unit columns are copies too (migration 0027): a load without triggers left them.
    await sql`SELECT minsheng_stats_sync_all_units()`.execute(tx.db);
    const res = await sql`
      INSERT INTO stats_volume (scope, viewer, dim, day, value, ${MEASURE_LIST})
      ${aggregated(currentFacts)}`.execute(tx.db);
    const months = await sql`
      INSERT INTO stats_volume_month (scope, viewer, dim, month, value, ${MEASURE_LIST})
      ${byMonth(sql`stats_volume`)}`.execute(tx.db);
    const open = await sql`
      INSERT INTO stats_deadlines (scope, viewer, warn_at, due_at, open)
      ${deadlinesAggregated(currentOpenDeadlines)}`.execute(tx.db);
    return {
      rows:
        Number(res.numAffectedRows ?? 0) +
        Number(months.numAffectedRows ?? 0) +
        Number(open.numAffectedRows ?? 0),
    };
  });
}

async function lockPending(trx: Trx): Promise<void> {
  await sql`LOCK TABLE stats_pending, stats_deadline_pending IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}

export interface RollupDifference {
  /** The rollup, or the copied unit column (migration 0027) that differs from the record. */
  table:
    | 'stats_volume'
    | 'stats_volume_month'
    | 'stats_deadlines'
    | 'matters.lead_unit_id'
    | 'decisions.reviewed_unit_id';
  scope: string;
  /** The cell within the subtree: "channel=visit 2026-01-01", "warn 2026-02-28T16:00:00.000Z due …",
   * followed by " (unit 12)" for the figures only unit 12 counts (reports of misconduct it registered). */
  cell: string;
  measure: Measure | 'open' | 'unit';
  /** What the matters say. */
  expected: number;
  /** What the rollup and the pending log say. */
  actual: number;
}

/**
 * Compares the rollup (plus what is pending) with a recount from the matters, in one snapshot, and
 * lists every difference (at most `limit`). An empty list means every figure read from the rollups
 * equals the plain count.
 */
export async function verifyRollups(
  ctx: AppContext,
  limit = 100,
): Promise<{ differences: RollupDifference[]; cells: number }> {
  return withTransaction(ctx, async (tx) => {
    // One snapshot for both sides; writers are not held up.
    if (tx.dbKind === 'postgres')
      await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(tx.db);
    const compare = (table: string, expected: string, actual: string) => sql`
      SELECT ${table} AS tbl, coalesce(e.scope, a.scope) AS scope,
        coalesce(e.viewer, a.viewer) AS viewer, coalesce(e.dim, a.dim) AS dim,
        coalesce(e.at, a.at) AS at, coalesce(e.value, a.value) AS value,
        ${sql.join(
          MEASURES.map(
            (m) =>
              sql`coalesce(e.${sql.ref(m)}, 0) AS ${sql.ref(`e_${m}`)}, coalesce(a.${sql.ref(m)}, 0) AS ${sql.ref(`a_${m}`)}`,
          ),
        )}
      FROM ${sql.table(expected)} e FULL JOIN ${sql.table(actual)} a
        ON a.scope = e.scope AND a.viewer = e.viewer AND a.dim = e.dim AND a.at = e.at AND a.value = e.value`;
    // The matters are counted once and compared with the days and with the months, each side
    // with what is still pending.
    const rows = await sql<Record<string, unknown>>`
      WITH expected AS MATERIALIZED (${aggregated(currentFacts)}),
      pending AS MATERIALIZED (${aggregated(sql`stats_pending`)}),
      expected_day AS (SELECT scope, viewer, dim, day AS at, value, ${MEASURE_LIST} FROM expected),
      actual_day AS (
        SELECT scope, viewer, dim, day AS at, value, ${MEASURE_SUMS} FROM (
          SELECT scope, viewer, dim, day, value, ${MEASURE_LIST} FROM stats_volume
          UNION ALL
          SELECT scope, viewer, dim, day, value, ${MEASURE_LIST} FROM pending
        ) a GROUP BY scope, viewer, dim, day, value
      ),
      expected_month AS (
        SELECT scope, viewer, dim, month AS at, value, ${MEASURE_LIST} FROM (${byMonth(sql`expected`)}) e
      ),
      actual_month AS (
        SELECT scope, viewer, dim, month AS at, value, ${MEASURE_SUMS} FROM (
          SELECT scope, viewer, dim, month, value, ${MEASURE_LIST} FROM stats_volume_month
          UNION ALL
          SELECT scope, viewer, dim, month, value, ${MEASURE_LIST} FROM (${byMonth(sql`pending`)}) p
        ) a GROUP BY scope, viewer, dim, month, value
      ),
      cmp AS (
        ${compare('stats_volume', 'expected_day', 'actual_day')}
        UNION ALL
        ${compare('stats_volume_month', 'expected_month', 'actual_month')}
      )
      SELECT * FROM cmp
      WHERE ${sql.join(
        MEASURES.map((m) => sql`${sql.ref(`e_${m}`)} <> ${sql.ref(`a_${m}`)}`),
        sql` OR `,
      )}
      ORDER BY tbl, scope, viewer, dim, at, value
      LIMIT ${limit}`.execute(tx.db);
    const cells = await countCells(tx.db);
    const differences: RollupDifference[] = [
      ...(await unitDifferences(tx.db, limit)),
      ...(await deadlineDifferences(tx.db, limit)),
    ];
    for (const r of rows.rows) {
      const table = r.tbl === 'stats_volume' ? 'stats_volume' : 'stats_volume_month';
      const at = table === 'stats_volume' ? String(r.at) : String(r.at).slice(0, 7);
      for (const m of MEASURES) {
        const expected = Number(r[`e_${m}`]);
        const actual = Number(r[`a_${m}`]);
        if (expected !== actual)
          differences.push({
            table,
            scope: String(r.scope),
            cell: `${String(r.dim)}=${String(r.value)} ${at}${viewerNote(r.viewer)}`,
            measure: m,
            expected,
            actual,
          });
      }
    }
    return { differences: differences.slice(0, limit), cells };
  });
}

/** A cell counted for one unit only (a report of misconduct it registered) names that unit. */
const viewerNote = (viewer: unknown) => (Number(viewer) === 0 ? '' : ` (unit ${String(viewer)})`);

async function deadlineDifferences(trx: Trx, limit: number): Promise<RollupDifference[]> {
  const rows = await sql<{
    scope: string;
    viewer: number;
    warn_at: Date;
    due_at: Date;
    e: number;
    a: number;
  }>`
    WITH actual AS (
      SELECT scope, viewer, warn_at, due_at, sum(open)::int AS open FROM (
        SELECT scope, viewer, warn_at, due_at, open FROM stats_deadlines
        UNION ALL
        SELECT * FROM (${deadlinesAggregated(sql`stats_deadline_pending`)}) p
      ) a GROUP BY scope, viewer, warn_at, due_at
    ),
    expected AS (${deadlinesAggregated(currentOpenDeadlines)})
    SELECT coalesce(e.scope, a.scope) AS scope, coalesce(e.viewer, a.viewer) AS viewer,
      coalesce(e.warn_at, a.warn_at) AS warn_at, coalesce(e.due_at, a.due_at) AS due_at,
      coalesce(e.open, 0) AS e, coalesce(a.open, 0) AS a
    FROM expected e FULL JOIN actual a
      ON a.scope = e.scope AND a.viewer = e.viewer AND a.warn_at = e.warn_at AND a.due_at = e.due_at
    WHERE coalesce(e.open, 0) <> coalesce(a.open, 0)
    ORDER BY 1, 2, 3, 4
    LIMIT ${limit}`.execute(trx);
  return rows.rows.map((r) => ({
    table: 'stats_deadlines',
    scope: r.scope,
    cell: `warn ${new Date(r.warn_at).toISOString()} due ${new Date(r.due_at).toISOString()}${viewerNote(r.viewer)}`,
    measure: 'open',
    expected: Number(r.e),
    actual: Number(r.a),
  }));
}

/**
 * The copied units the indicators read (migration 0027) against the rows they copy: each matter's
 * current lead assignment, each review's latest earlier reply. `expected`/`actual` are unit ids (0: none).
 */
async function unitDifferences(trx: Trx, limit: number): Promise<RollupDifference[]> {
  const rows = await sql<{ tbl: RollupDifference['table']; id: number; e: number | null; a: number | null }>`
    SELECT * FROM (
      SELECT 'matters.lead_unit_id' AS tbl, m.id, c.unit_id AS e, m.lead_unit_id AS a
      FROM matters m JOIN minsheng_stats_lead_of c ON c.matter_id = m.id
      UNION ALL
      SELECT 'decisions.reviewed_unit_id', r.id, minsheng_stats_reviewed_unit_of(r.matter_id, r.id),
        r.reviewed_unit_id
      FROM decisions r WHERE r.kind IN ('review', 'recheck')
    ) d
    WHERE d.e IS DISTINCT FROM d.a
    ORDER BY 1, 2
    LIMIT ${limit}`.execute(trx);
  return rows.rows.map((r) => ({
    table: r.tbl,
    scope: '',
    cell: `${r.tbl === 'matters.lead_unit_id' ? 'matter' : 'decision'} ${r.id}`,
    measure: 'unit',
    expected: r.e ?? 0,
    actual: r.a ?? 0,
  }));
}

async function countCells(db: Db | Trx): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM stats_volume) + (SELECT count(*) FROM stats_volume_month)
      + (SELECT count(*) FROM stats_deadlines) AS n`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Folds now and then in the background (the server runs it beside the deadline scanner). */
export function startRollupFolder(
  ctx: AppContext,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = foldPending(ctx).catch((err: unknown) => opts.onError?.(err));
  }, opts.intervalMs ?? 10_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { Db, Trx } from '../db/database.ts';

/**
 * The statistics rollups of migration 0017. Triggers append signed rows to `stats_pending` as matters
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
    SELECT s.scope, v.dim, d.day, v.value,
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
    GROUP BY s.scope, v.dim, d.day, v.value`;
}

/** The counted facts of every matter as it is now (what the triggers would have appended). */
const currentFacts = sql`(
  SELECT 1 AS sign, minsheng_stats_day(m.received_at) AS day, m.region_code, m.lodged_level, m.channel,
    m.purpose, m.category_code, lead.unit_id, m.state, m.head_count, m.is_collective,
    m.repeat_of_id IS NOT NULL AS is_repeat
  FROM matters m
  LEFT JOIN matter_units lead ON lead.matter_id = m.id AND lead.role = 'lead' AND lead.released_at IS NULL
  WHERE NOT m.is_misconduct_report
)`;

/**
 * Folds the pending rows into the rollup, in one transaction: the rows it deletes are exactly the
 * rows it adds (rows a writer has not committed yet stay for the next fold). Two instances folding
 * at once cannot count a row twice: the second waits on the first's deletes and then skips them.
 * Returns how many pending rows were folded.
 */
export async function foldPending(ctx: AppContext): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const res = await sql<{ folded: number }>`
      WITH d AS (DELETE FROM stats_pending RETURNING *),
      x AS (${aggregated(sql`d`)}),
      up AS (
        INSERT INTO stats_volume AS t (scope, dim, day, value, ${sql.join(MEASURES.map((m) => sql.ref(m)))})
        SELECT * FROM x
        ON CONFLICT (scope, dim, day, value) DO UPDATE SET
          ${sql.join(MEASURES.map((m) => sql`${sql.ref(m)} = t.${sql.ref(m)} + EXCLUDED.${sql.ref(m)}`))}
      )
      SELECT count(*)::int AS folded FROM d`.execute(tx.db);
    return res.rows[0]?.folded ?? 0;
  });
}

/**
 * Recomputes the rollup from the matters. Writers wait while it runs (it locks the pending log
 * against appends, so no change can fall between the recount and the new rollup).
 */
export async function rebuildRollups(ctx: AppContext): Promise<{ rows: number }> {
  return withTransaction(ctx, async (tx) => {
    await lockPending(tx.db);
    await sql`DELETE FROM stats_pending`.execute(tx.db);
    await sql`DELETE FROM stats_volume`.execute(tx.db);
    await sql`SELECT minsheng_stats_rebuild_scopes()`.execute(tx.db);
    const res = await sql`
      INSERT INTO stats_volume (scope, dim, day, value, ${sql.join(MEASURES.map((m) => sql.ref(m)))})
      ${aggregated(currentFacts)}`.execute(tx.db);
    return { rows: Number(res.numAffectedRows ?? 0) };
  });
}

async function lockPending(trx: Trx): Promise<void> {
  await sql`LOCK TABLE stats_pending IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}

export interface RollupDifference {
  scope: string;
  dim: string;
  day: string;
  value: string;
  measure: Measure;
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
    const cols = sql.join(MEASURES.map((m) => sql`sum(${sql.ref(m)})::int AS ${sql.ref(m)}`));
    const rows = await sql<Record<string, unknown>>`
      WITH actual AS (
        SELECT scope, dim, day, value, ${cols} FROM (
          SELECT scope, dim, day, value, ${sql.join(MEASURES.map((m) => sql.ref(m)))} FROM stats_volume
          UNION ALL
          SELECT * FROM (${aggregated(sql`stats_pending`)}) p
        ) a GROUP BY scope, dim, day, value
      ),
      expected AS (${aggregated(currentFacts)}),
      cmp AS (
        SELECT coalesce(e.scope, a.scope) AS scope, coalesce(e.dim, a.dim) AS dim,
          coalesce(e.day, a.day) AS day, coalesce(e.value, a.value) AS value,
          ${sql.join(
            MEASURES.map(
              (m) =>
                sql`coalesce(e.${sql.ref(m)}, 0) AS ${sql.ref(`e_${m}`)}, coalesce(a.${sql.ref(m)}, 0) AS ${sql.ref(`a_${m}`)}`,
            ),
          )}
        FROM expected e FULL JOIN actual a
          ON a.scope = e.scope AND a.dim = e.dim AND a.day = e.day AND a.value = e.value
      )
      SELECT *, (SELECT count(*)::int FROM expected) AS cells FROM cmp
      WHERE ${sql.join(
        MEASURES.map((m) => sql`${sql.ref(`e_${m}`)} <> ${sql.ref(`a_${m}`)}`),
        sql` OR `,
      )}
      ORDER BY scope, dim, day, value
      LIMIT ${limit}`.execute(tx.db);
    const cells = await countCells(tx.db);
    const differences: RollupDifference[] = [];
    for (const r of rows.rows) {
      for (const m of MEASURES) {
        const expected = Number(r[`e_${m}`]);
        const actual = Number(r[`a_${m}`]);
        if (expected !== actual)
          differences.push({
            scope: String(r.scope),
            dim: String(r.dim),
            day: String(r.day),
            value: String(r.value),
            measure: m,
            expected,
            actual,
          });
      }
    }
    return { differences: differences.slice(0, limit), cells };
  });
}

async function countCells(db: Db | Trx): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stats_volume`.execute(db);
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

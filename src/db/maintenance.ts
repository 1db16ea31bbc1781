import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/** First statistics this long after start: the demo or a first day's work is in by then. */
const FIRST_RUN_MS = 5 * 60_000;
/** Then every six hours. */
const INTERVAL_MS = 6 * 3_600_000;

/**
 * Embedded PGlite has no autovacuum: without statistics the planner guesses (it hashed a whole
 * table for a ten-row join), and updated rows are never reclaimed. This does on PGlite what
 * autovacuum does on a server: `VACUUM (ANALYZE)` soon after start and every six hours. It holds
 * PGlite's one session while it runs (well under a second at 100,000 matters). On PostgreSQL it
 * does nothing. Returns a function that stops it.
 */
export function startDatabaseMaintenance(
  handle: DatabaseHandle,
  log: (msg: string, err?: unknown) => void,
  timing: { firstMs?: number; intervalMs?: number } = {},
): () => void {
  if (handle.kind !== 'pglite') return () => {};
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = async () => {
    const started = performance.now();
    try {
      await runMaintenance(handle);
      log(`database: vacuumed and analysed in ${Math.round(performance.now() - started)} ms`);
    } catch (err) {
      log('database: maintenance failed', err);
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void run().finally(() => schedule(timing.intervalMs ?? INTERVAL_MS)), ms);
    timer.unref();
  };
  schedule(timing.firstMs ?? FIRST_RUN_MS);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** One maintenance pass: reclaim dead rows and refresh the planner's statistics. */
export async function runMaintenance(handle: DatabaseHandle): Promise<void> {
  await sql`VACUUM (ANALYZE)`.execute(handle.db);
}

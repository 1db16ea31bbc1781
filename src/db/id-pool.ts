import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * Hands out matter ids (which are also the running part of case numbers) from blocks fetched 64
 * at a time, so a registration needs no round trip for them. A restart skips the rest of a block:
 * numbers can be skipped, never reused. Completeness is proven by the audit chain, not by gaps.
 */
export function createIdPool(db: Db, sequence = 'matters_id_seq', block = 64) {
  let free: number[] = [];
  let refill: Promise<void> | null = null;
  const load = async () => {
    const r = await sql<{
      n: number;
    }>`SELECT nextval(${sequence}::regclass)::int AS n FROM generate_series(1, ${block})`.execute(db);
    free.push(...r.rows.map((x) => x.n));
    free.sort((a, b) => a - b);
  };
  return {
    async next(): Promise<number> {
      while (free.length === 0) {
        refill ??= load().finally(() => (refill = null));
        await refill;
      }
      return free.shift()!;
    },
    reset() {
      free = [];
    },
  };
}

export type IdPool = ReturnType<typeof createIdPool>;

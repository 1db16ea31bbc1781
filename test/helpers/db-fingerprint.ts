import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

export type Fingerprint = Record<string, string>;

/**
 * A cheap fingerprint of every table in the schema, computed in SQL: the row count and the md5 of
 * the rows' text, in order. Tables are listed when it runs, so tables added by later migrations are
 * covered without naming them here.
 */
export async function dbFingerprint(
  db: Kysely<Database>,
  except: readonly string[] = [],
): Promise<Fingerprint> {
  const tables = (
    await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
      ORDER BY table_name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((t) => !except.includes(t));
  if (tables.length === 0) return {};
  const parts = tables.map(
    (t) =>
      sql`SELECT ${t}::text AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS f FROM ${sql.table(t)} x`,
  );
  const { rows } = await sql<{ t: string; f: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprint differs. */
export function changedTables(a: Fingerprint, b: Fingerprint): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]).sort();
}

import { sql } from 'kysely';
import { hashPassword } from '../src/auth/passwords.ts';
import type { DatabaseHandle } from '../src/db/database.ts';

/** The registrar `fillQueue` creates, and their password. */
export const BENCH_USER = { username: 'registrar', password: 'bench-password' };

/**
 * Bulk-generates `n` matters of one district bureau (南山区信访局) in SQL, 20,000 per statement:
 * four channels and categories, five states, two places, registered over the last year, each with
 * an open handling deadline from 30 days overdue to 60 days ahead. Case numbers are unique up to
 * 3,000,000. Used by bench:queue and bench:export.
 *
 * `order`: `cyclic` (bench:queue's data) puts matter i on day i mod 365, so that most matters share
 * their instant with thousands of others and neighbours in time lie far apart on disk;
 * `chronological` registers them in id order, evenly over the year, as a real register fills.
 *
 * @returns the bureau's id, its registrar's id, and the milliseconds generation took
 */
export async function fillQueue(
  handle: DatabaseHandle,
  n: number,
  order: 'cyclic' | 'chronological' = 'cyclic',
) {
  const db = handle.db;
  await db
    .insertInto('regions')
    .values({ code: '440305001', name: '南头街道', level: 'township', parent_code: '440305' })
    .onConflict((o) => o.doNothing())
    .execute();
  const bureau = await db
    .insertInto('units')
    .values({ name: '南山区信访局', kind: 'petition_bureau', level: 'county', region_code: '440305' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({
      username: BENCH_USER.username,
      display_name: '登记员',
      password_hash: await hashPassword(BENCH_USER.password),
      unit_id: bureau.id,
      roles: ['registrar'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const states = ['registered', 'accepted', 'in_handling', 'replied', 'closed'];
  const age =
    order === 'cyclic'
      ? sql`(i % 365) * interval '1 day'`
      : sql`(${n} - i) * (interval '365 days' / ${Math.max(n, 1)})`;
  const t0 = Date.now();
  for (let start = 1; start <= n; start += 20_000) {
    const end = Math.min(n, start + 19_999);
    // The case number's serial wraps at 1,000,000; with the month (i % 12) it stays unique to 3,000,000.
    await sql`
      INSERT INTO matters (id, case_number, query_code, channel, purpose, category_code, subject, content, region_code, lodged_level,
        state, registering_unit_id, received_at, registered_at, search_text)
      SELECT i, '440305-2026' || lpad((i % 12 + 1)::text, 2, '0') || '01-' || lpad((i % 1000000)::text, 6, '0'), md5(i::text),
        (ARRAY['letter','visit','phone','web'])[i % 4 + 1], 'request', (ARRAY['urban_construction','transport','environment','health'])[i % 4 + 1],
        '小区问题第' || i || '号：' || (ARRAY['电梯故障','噪声扰民','公交线路','垃圾清运','拖欠工资'])[i % 5 + 1],
        '内容' || i, CASE WHEN i % 2 = 0 THEN '440305001' ELSE '440305' END, 'county',
        (${sql.raw(`ARRAY['${states.join("','")}']`)})[i % 5 + 1], ${bureau.id},
        now() - ${age}, now() - ${age},
        '小区问题第' || i || '号 ' || (ARRAY['电梯故障','噪声扰民','公交线路','垃圾清运','拖欠工资'])[i % 5 + 1] || ' 张' || (i % 1000)
      FROM generate_series(${start}::int, ${end}::int) AS i`.execute(db);
    await sql`
      INSERT INTO deadlines (matter_id, kind, main, unit_id, starts_at, due_at, due_date, warn_at)
      SELECT i, 'handling', true, ${bureau.id}, now() - ${age}, now() + ((i % 90) - 30) * interval '1 day',
        (now() + ((i % 90) - 30) * interval '1 day')::date, now() + ((i % 90) - 33) * interval '1 day'
      FROM generate_series(${start}::int, ${end}::int) AS i`.execute(db);
  }
  await sql`SELECT setval('matters_id_seq', ${Math.max(n, 1)})`.execute(db);
  await sql`ANALYZE`.execute(db);
  return { bureauId: bureau.id, userId: user.id, ms: Date.now() - t0 };
}

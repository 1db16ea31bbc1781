import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/index.ts';
import {
  CLOSE_REASONS,
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  LIMIT_UNITS,
  MATTER_EVENT_KINDS,
  TIME_LIMIT_KINDS,
  UNIT_KINDS,
  UNIT_LEVELS,
} from '../../src/shared/enums.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * The codes the server stores are the codes the labels know (src/shared/labels.ts): a new event
 * kind, deadline kind or close reason that nobody labelled would reach the screen raw. The demo
 * walks matters through every state, so its rows hold every code the lifecycle writes.
 */
describeEachDb('stored codes are labelled enumeration values', (env) => {
  beforeAll(async () => {
    await loadDemo(env().ctx, { size: 'small' });
  });

  const distinct = async (query: ReturnType<typeof sql<{ v: string }>>) =>
    (await query.execute(env().ctx.db)).rows.map((r) => r.v).sort();

  it('every time limit and its units', async () => {
    expect(await distinct(sql`SELECT kind AS v FROM time_limits`)).toEqual([...TIME_LIMIT_KINDS].sort());
    const units = await distinct(
      sql`SELECT unit AS v FROM time_limits UNION SELECT warn_unit FROM time_limits`,
    );
    for (const u of units) expect(LIMIT_UNITS).toContain(u);
  });

  it('every kind of event in a matter’s timeline, deadline kind and status, and close reason', async () => {
    const events = await distinct(sql`SELECT DISTINCT kind AS v FROM events WHERE matter_id IS NOT NULL`);
    expect(events.length).toBeGreaterThan(10);
    for (const k of events) expect(MATTER_EVENT_KINDS, k).toContain(k);
    const kinds = await distinct(sql`SELECT DISTINCT kind AS v FROM deadlines`);
    expect(kinds).toContain('review_decision');
    for (const k of kinds) expect(DEADLINE_KINDS, k).toContain(k);
    for (const s of await distinct(sql`SELECT DISTINCT status AS v FROM deadlines`))
      expect(DEADLINE_STATUSES, s).toContain(s);
    const reasons = await distinct(
      sql`SELECT DISTINCT payload->>'reason' AS v FROM events WHERE kind = 'closed' AND payload ? 'reason'`,
    );
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(CLOSE_REASONS, r).toContain(r);
  });

  it('every unit kind and level', async () => {
    for (const k of await distinct(sql`SELECT DISTINCT kind AS v FROM units`))
      expect(UNIT_KINDS, k).toContain(k);
    for (const l of await distinct(sql`SELECT DISTINCT level AS v FROM units`))
      expect(UNIT_LEVELS, l).toContain(l);
  });
});

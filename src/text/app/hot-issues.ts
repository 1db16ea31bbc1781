import { sql, type Kysely } from 'kysely';
import type { StaffUser } from '../../auth/staff-user.ts';
import { endOfLocalDay, startOfLocalDay } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import { visibleTo } from '../../lifecycle/access-rule.ts';
import { findHotIssues } from '../hot-issues/cluster.ts';
import type { HotIssueInput, HotIssueResult } from '../hot-issues/cluster.ts';
import { runOffThread } from './text-jobs.ts';

/** Most matters one hot-issue list reads (the newest in the period); the response says when it was reached. */
export const HOT_ISSUE_MATTER_CAP = 20_000;
/** Characters of each matter's content read for grouping (names and topics sit at the start). */
export const HOT_ISSUE_CONTENT_CHARS = 2_000;
/** From this many matters the grouping runs on a worker thread (about 0.7 ms a matter). */
export const HOT_ISSUE_OFF_THREAD_FROM = 300;

export interface HotIssuesQuery {
  /** First and last local date (Asia/Shanghai) of receipt, inclusive. */
  from: string;
  to: string;
  /** Only matters whose region code starts with this. */
  regionCode?: string | undefined;
  top: number;
}

/** One hot issue with its matters. */
export interface HotIssueItem {
  rank: number;
  label: string;
  entity: string | null;
  keywords: string[];
  matterIds: number[];
  caseNumbers: string[];
  size: number;
  /** Distinct petitioners. */
  people: number;
  first: string | null;
  last: string | null;
  heat: number;
  rising: boolean;
  /** Current lead units of the issue's matters, most matters first. */
  units: { id: number; name: string; matters: number }[];
}

export interface HotIssuesResult {
  items: HotIssueItem[];
  /** Matters read (visible to the user, in the period and region). */
  matters: number;
  /** True when the period held more than {@link HOT_ISSUE_MATTER_CAP} matters and only the newest were read. */
  truncated: boolean;
  cap: number;
  /** Matters without usable text. */
  skipped: number;
}

/**
 * The hot issues among the matters `user` may see, received in the period (and region): matters
 * about the same estate, company or project, or near-duplicates, grouped and ranked by heat
 * ({@link findHotIssues}). "Rising" is judged at `now` or the period's end, whichever is earlier.
 */
export async function hotIssuesFor(
  db: Kysely<Database>,
  user: StaffUser,
  q: HotIssuesQuery,
  opts: { now: Date; cap?: number; offThreadFrom?: number },
): Promise<HotIssuesResult> {
  const cap = opts.cap ?? HOT_ISSUE_MATTER_CAP;
  const start = startOfLocalDay(q.from);
  const end = endOfLocalDay(q.to);
  let query = db
    .selectFrom('matters as m')
    .select([
      'm.id',
      'm.case_number',
      'm.subject',
      'm.received_at',
      sql<string>`left(m.content, ${sql.lit(HOT_ISSUE_CONTENT_CHARS)})`.as('content'),
      sql<
        number | null
      >`(SELECT min(mp.petitioner_id) FROM matter_petitioners mp WHERE mp.matter_id = m.id)`.as('person'),
      sql<
        number | null
      >`(SELECT mu.unit_id FROM matter_units mu WHERE mu.matter_id = m.id AND mu.role = 'lead' AND mu.released_at IS NULL LIMIT 1)`.as(
        'lead_unit',
      ),
    ])
    .where('m.received_at', '>=', start)
    .where('m.received_at', '<=', end)
    .where(visibleTo(user));
  if (q.regionCode) query = query.where('m.region_code', 'like', `${q.regionCode}%`);
  const rows = await query
    .orderBy('m.received_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(cap + 1)
    .execute();
  const truncated = rows.length > cap;
  if (truncated) rows.length = cap;

  const inputs: HotIssueInput[] = rows.map((r) => ({
    id: r.id,
    user: r.person === null ? null : `p${r.person}`,
    subject: r.subject,
    body: r.content,
    time: new Date(r.received_at).toISOString(),
  }));
  const now = new Date(Math.min(opts.now.getTime(), end.getTime())).toISOString();
  const options = { top: q.top, now };
  const result: HotIssueResult =
    inputs.length >= (opts.offThreadFrom ?? HOT_ISSUE_OFF_THREAD_FROM)
      ? await runOffThread({ kind: 'hot-issues', inputs, options })
      : findHotIssues(inputs, options);

  const byId = new Map(rows.map((r) => [r.id, r]));
  const unitIds = [...new Set(rows.map((r) => r.lead_unit).filter((u): u is number => u !== null))];
  const unitNames = new Map(
    unitIds.length === 0
      ? []
      : (await db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute()).map(
          (u) => [u.id, u.name],
        ),
  );
  const items = result.issues.map((issue): HotIssueItem => {
    const ids = issue.ids.map(Number);
    const counts = new Map<number, number>();
    for (const id of ids) {
      const u = byId.get(id)?.lead_unit;
      if (u !== null && u !== undefined) counts.set(u, (counts.get(u) ?? 0) + 1);
    }
    return {
      rank: issue.rank,
      label: issue.label,
      entity: issue.entity,
      keywords: issue.keywords,
      matterIds: ids,
      caseNumbers: ids.map((id) => byId.get(id)?.case_number ?? ''),
      size: issue.size,
      people: issue.people,
      first: issue.first,
      last: issue.last,
      heat: issue.heat,
      rising: issue.rising,
      units: [...counts]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([id, matters]) => ({ id, name: unitNames.get(id) ?? '', matters })),
    };
  });
  return { items, matters: rows.length, truncated, cap, skipped: result.skipped };
}

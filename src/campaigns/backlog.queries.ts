import { sql, type ExpressionBuilder } from 'kysely';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { BACKLOG_CLOSED_STATES } from '../analytics/indicators.sql.ts';
import { visibleTo } from '../lifecycle/access-rule.ts';
import type { BacklogFilter, BacklogQuery, BacklogRule } from '../shared/campaign.schema.ts';
import type { MatterState } from '../shared/enums.ts';
import { ageCutoff, ageInDays } from './backlog-rule.ts';

type Eb = ExpressionBuilder<Database & { m: Database['matters'] }, 'm'>;

/** The matters linked to `m` as its repeats, as the statistics count them (indicators.sql.ts). */
const REPEATS = sql<number>`(SELECT count(*)::int FROM matters srp WHERE srp.repeat_of_id = m.id)`;
const list = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/**
 * 积案 under the rule, as SQL over `matters as m`: not in a state that ends the matter (the same list
 * as the statistics' backlog figure) and received more than `ageDays` days ago or with at least
 * `minRepeats` repeats. Computed from the record each time, never stored.
 */
export const backlogCondition = (rule: BacklogRule, now: Date) =>
  sql<boolean>`(m.state NOT IN (${list(BACKLOG_CLOSED_STATES)})
    AND (m.received_at < ${ageCutoff(rule, now)} OR ${REPEATS} >= ${rule.minRepeats}))`;

/** Whether a matter is in a state that ends it (what "open" means for the backlog). */
export const isOpenState = (state: string): boolean =>
  !(BACKLOG_CLOSED_STATES as readonly string[]).includes(state);

async function categoryTree(db: Db, code: string): Promise<string[]> {
  const rows = await sql<{ code: string }>`
    WITH RECURSIVE sub(code) AS (
      SELECT code FROM categories WHERE code = ${code}
      UNION ALL
      SELECT c.code FROM categories c JOIN sub ON c.parent_code = sub.code
    ) SELECT code FROM sub`.execute(db);
  return rows.rows.map((r) => r.code);
}

/**
 * The backlog matters the user may see (the one access rule, in SQL, as the queue reads it),
 * narrowed by the filter: one definition for the list, its count and "take on every backlog matter
 * matching these filters".
 */
export async function backlogMatters(
  db: Db,
  user: StaffUser,
  rule: BacklogRule,
  filter: BacklogFilter,
  now: Date,
) {
  const categories = filter.categoryCode ? await categoryTree(db, filter.categoryCode) : null;
  let q = db.selectFrom('matters as m').where(visibleTo(user)).where(backlogCondition(rule, now));
  if (filter.regionCode)
    q = q.where('m.region_code', 'like', `${filter.regionCode.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.unitId !== undefined) q = q.where('m.lead_unit_id', '=', filter.unitId);
  if (categories) q = q.where('m.category_code', 'in', categories.length > 0 ? categories : ['']);
  if (filter.minAgeDays !== undefined)
    q = q.where('m.received_at', '<=', new Date(now.getTime() - filter.minAgeDays * 86_400_000));
  if (filter.minRepeats !== undefined && filter.minRepeats > 0)
    q = q.where(sql<boolean>`${REPEATS} >= ${filter.minRepeats}`);
  if (filter.campaign) {
    const inOpen = (eb: Eb) =>
      eb.exists(
        eb
          .selectFrom('campaign_matters as ocm')
          .select('ocm.case_id')
          .whereRef('ocm.matter_id', '=', 'm.id')
          .where('ocm.open', '=', true),
      );
    q = q.where((eb) => (filter.campaign === 'in' ? inOpen(eb) : eb.not(inOpen(eb))));
  }
  return q;
}

const ORDER: Record<BacklogQuery['sort'], ReturnType<typeof sql>> = {
  // The oldest first when "by age, descending": age grows as the date of receipt goes back.
  age: sql`m.received_at`,
  received_at: sql`m.received_at`,
  repeats: REPEATS,
  case_number: sql`m.case_number`,
  subject: sql`m.subject`,
  lead_unit: sql`(SELECT su.name FROM units su WHERE su.id = m.lead_unit_id)`,
  state: sql`m.state`,
};

/** GET /api/backlog: a page of the backlog with age, repeats, owner (包案), state and campaign. */
export async function listBacklog(db: Db, user: StaffUser, rule: BacklogRule, q: BacklogQuery, now: Date) {
  const { sort, order, page, pageSize, ...filter } = q;
  const base = await backlogMatters(db, user, rule, filter, now);
  const total = await base
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
  // "By age, descending" lists the oldest first, so the date of receipt runs the other way.
  const asc = sort === 'age' ? order === 'desc' : order === 'asc';
  const dir = asc ? sql`ASC` : sql`DESC`;
  const rows = await base
    .leftJoin('units as lu', 'lu.id', 'm.lead_unit_id')
    .leftJoin('case_ownerships as co', (j) =>
      j.onRef('co.matter_id', '=', 'm.id').on('co.in_force', '=', true),
    )
    .leftJoin('users as ou', 'ou.id', 'co.leader_id')
    .leftJoin('campaign_matters as cm', (j) => j.onRef('cm.matter_id', '=', 'm.id').on('cm.open', '=', true))
    .leftJoin('campaigns as cg', 'cg.case_id', 'cm.case_id')
    .select([
      'm.id',
      'm.case_number',
      'm.subject',
      'm.region_code',
      'm.category_code',
      'm.lead_unit_id',
      'lu.name as lead_unit_name',
      'm.received_at',
      'm.state',
      'co.leader_id',
      'ou.display_name as owner_name',
      'cg.case_id as campaign_id',
      'cg.name as campaign_name',
      REPEATS.as('repeats'),
    ])
    .orderBy(sql`${ORDER[sort]} ${dir} NULLS LAST, m.id ${dir}`)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const cutoff = ageCutoff(rule, now);
  return {
    items: rows.map((r) => ({
      matterId: r.id,
      caseNumber: r.case_number,
      subject: r.subject,
      regionCode: r.region_code,
      categoryCode: r.category_code,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.lead_unit_name,
      receivedAt: r.received_at,
      ageDays: ageInDays(r.received_at, now),
      repeats: Number(r.repeats),
      ownerId: r.leader_id,
      ownerName: r.owner_name,
      state: r.state as MatterState,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      overAge: r.received_at < cutoff,
      overRepeats: Number(r.repeats) >= rule.minRepeats,
    })),
    total,
    page,
    pageSize,
    rule,
  };
}

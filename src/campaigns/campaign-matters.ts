import type { z } from 'zod';
import type { TxContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { fieldError } from '../errors/app-error.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { staffUsers } from '../inbox/recipients.ts';
import type { MatterAccessFacts } from '../lifecycle/access-rule.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import { CAMPAIGN_LIMITS, type AddCampaignMattersInput } from '../shared/campaign.schema.ts';
import { caseEvent } from '../shared/case-events.ts';
import { mayOwnCampaignMatter } from '../workflow/case-policy.ts';
import { accessFactsOf } from './campaign.binding.ts';
import { readBacklogRule } from './backlog-rule.ts';
import { backlogMatters } from './backlog.queries.ts';

type Choice = z.output<typeof AddCampaignMattersInput>;

/** The campaign matters are added to: its scope, name and how many it already has. */
export interface CampaignTarget {
  caseId: number;
  name: string;
  regionCode: string;
  leadUnitId: number | null;
  existing: readonly number[];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Takes matters on into a campaign: chosen by hand (ids) and/or as every backlog matter matching a
 * filter. Each must be one the actor may see, backlog under the rule in force, within the campaign's
 * scope (its region and, if named, its lead unit) and in no other campaign not yet closed. Each gets
 * an owner: the one named, else the leader who owns the matter (包案) if they may, else none yet.
 * Nothing is stored unless every matter qualifies (the caller's transaction).
 */
export async function addCampaignMatters(
  tx: TxContext,
  actor: StaffUser,
  target: CampaignTarget,
  choice: Choice,
  opts: { required: boolean },
): Promise<{ events: ReturnType<typeof caseEvent>[]; notify: NotificationDraft[]; added: number[] }> {
  const db = tx.db;
  const now = tx.clock();
  const rule = await readBacklogRule(db);
  const byHand = [...new Set(choice.matterIds ?? [])].filter((id) => !target.existing.includes(id));
  if (opts.required && !choice.matterIds?.length && !choice.filter)
    throw fieldError('matterIds', '请选择要纳入的积案或给出筛选条件', 'choose matters or give a filter');

  const facts = await accessFactsOf(db, byHand);
  const inScope = (f: MatterAccessFacts) =>
    f.regionCode.startsWith(target.regionCode) &&
    (target.leadUnitId === null || f.leadUnitId === target.leadUnitId);
  const backlog = byHand.length
    ? new Set(
        (
          await (
            await backlogMatters(db, actor, rule, {}, now)
          )
            .select('m.id')
            .where('m.id', 'in', byHand)
            .execute()
        ).map((r) => r.id),
      )
    : new Set<number>();
  const names = new Map(
    byHand.length
      ? (
          await db.selectFrom('matters').select(['id', 'case_number']).where('id', 'in', byHand).execute()
        ).map((r) => [r.id, r.case_number])
      : [],
  );
  for (const id of byHand) {
    const i = choice.matterIds!.indexOf(id);
    const f = facts.get(id);
    // Not found and not visible read alike, so the message names no matter the actor may not see.
    if (!f || !canSeeMatter(actor, f))
      throw fieldError(
        `matterIds.${i}`,
        `事项 ${id} 不存在或您无权查看`,
        `matter ${id} does not exist or is not yours to see`,
      );
    const no = names.get(id)!;
    if (!backlog.has(id))
      throw fieldError(
        `matterIds.${i}`,
        `事项 ${no} 不属于积案（须未办结，且收到已超过${rule.ageDays}日或重复信访${rule.minRepeats}次以上）`,
        `matter ${no} is not backlog (it must be open and older than ${rule.ageDays} days or have ${rule.minRepeats}+ repeats)`,
      );
    if (!inScope(f))
      throw fieldError(
        `matterIds.${i}`,
        `事项 ${no} 不在本专项行动的范围内`,
        `matter ${no} lies outside the campaign's scope`,
      );
  }

  let byFilter: number[] = [];
  if (choice.filter) {
    let q = (await backlogMatters(db, actor, rule, { ...choice.filter, campaign: 'out' }, now))
      .select('m.id')
      .where('m.region_code', 'like', `${escapeLike(target.regionCode)}%`);
    if (target.leadUnitId !== null) q = q.where('m.lead_unit_id', '=', target.leadUnitId);
    const rows = await q
      .orderBy('m.id')
      .limit(CAMPAIGN_LIMITS.mattersMax + 1)
      .execute();
    byFilter = rows.map((r) => r.id).filter((id) => !byHand.includes(id) && !target.existing.includes(id));
    if (byFilter.length === 0 && byHand.length === 0)
      throw fieldError(
        'filter',
        '没有符合条件且尚未纳入专项行动的积案',
        'no backlog matter matches that is not already in a campaign',
      );
  }
  const ids = [...byHand, ...byFilter];
  if (target.existing.length + ids.length > CAMPAIGN_LIMITS.mattersMax)
    throw fieldError(
      choice.filter ? 'filter' : 'matterIds',
      `一项专项行动最多纳入${CAMPAIGN_LIMITS.mattersMax}件事项，请缩小范围`,
      `a campaign takes on at most ${CAMPAIGN_LIMITS.mattersMax} matters: narrow the choice`,
    );
  if (ids.length === 0) return { events: [], notify: [], added: [] };

  // A matter is in at most one campaign not yet closed (the partial unique index is the net).
  const taken = await db
    .selectFrom('campaign_matters as cm')
    .innerJoin('campaigns as c', 'c.case_id', 'cm.case_id')
    .innerJoin('matters as m', 'm.id', 'cm.matter_id')
    .select(['cm.matter_id', 'c.name', 'm.case_number'])
    .where('cm.open', '=', true)
    .where('cm.matter_id', 'in', ids)
    .where('cm.case_id', '<>', target.caseId)
    .executeTakeFirst();
  if (taken) {
    const i = choice.matterIds?.indexOf(taken.matter_id) ?? -1;
    throw fieldError(
      i >= 0 ? `matterIds.${i}` : 'filter',
      `事项 ${taken.case_number} 已纳入专项行动「${taken.name}」`,
      `matter ${taken.case_number} is already taken on by the campaign “${taken.name}”`,
    );
  }

  const allFacts = await accessFactsOf(db, ids);
  const owners = await chooseOwners(tx, target.regionCode, ids, allFacts, choice.ownerId);
  await db
    .insertInto('campaign_matters')
    .values(
      ids.map((matter_id) => ({
        case_id: target.caseId,
        matter_id,
        owner_id: owners.get(matter_id) ?? null,
        added_by: actor.id,
        added_at: now,
      })),
    )
    .execute();
  const ownerIds = ids.map((id) => owners.get(id) ?? null);
  return {
    added: ids,
    events: [
      caseEvent('campaign_matters_added', { matterIds: ids, ownerIds, byFilter: byFilter.length > 0 }),
    ],
    notify: ids.flatMap((id) => {
      const owner = owners.get(id);
      return owner === undefined || owner === actor.id ? [] : [ownerNotice(target, id, owner)];
    }),
  };
}

/** The notice to a matter's new owner; only users who may see the matter receive it (notify.ts). */
export const ownerNotice = (target: { caseId: number; name: string }, matterId: number, ownerId: number) => ({
  kind: 'campaign_matter_owned' as const,
  userIds: [ownerId],
  matterId,
  caseId: target.caseId,
  payload: { excerpt: target.name.slice(0, 80) },
});

/** Checks that a person may own each matter: a field error on `ownerId` otherwise. */
export async function checkOwner(
  tx: TxContext,
  ownerId: number,
  regionCode: string,
  matters: readonly { id: number; caseNumber?: string; facts: MatterAccessFacts }[],
): Promise<StaffUser> {
  const [owner] = await staffUsers(tx.db, [ownerId]);
  if (!owner) throw fieldError('ownerId', '责任人不存在或已停用', 'no such active user');
  for (const m of matters)
    if (!mayOwnCampaignMatter(owner, regionCode, m.facts))
      throw fieldError(
        'ownerId',
        `「${owner.displayName}」不能担任事项 ${m.caseNumber ?? m.id} 的责任人（须为本区域内可查看该事项的办理人员）`,
        `${owner.displayName} may not own matter ${m.caseNumber ?? m.id} (a case worker of the region who may see it)`,
      );
  return owner;
}

async function chooseOwners(
  tx: TxContext,
  regionCode: string,
  ids: readonly number[],
  facts: Map<number, MatterAccessFacts>,
  named: number | undefined,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (named !== undefined) {
    await checkOwner(
      tx,
      named,
      regionCode,
      ids.map((id) => ({ id, facts: facts.get(id)! })),
    );
    for (const id of ids) out.set(id, named);
    return out;
  }
  const leaders = await tx.db
    .selectFrom('case_ownerships')
    .select(['matter_id', 'leader_id'])
    .where('matter_id', 'in', [...ids])
    .where('in_force', '=', true)
    .execute();
  const people = new Map(
    (await staffUsers(tx.db, [...new Set(leaders.map((l) => l.leader_id))])).map((u) => [u.id, u]),
  );
  for (const l of leaders) {
    const leader = people.get(l.leader_id);
    if (leader && mayOwnCampaignMatter(leader, regionCode, facts.get(l.matter_id)!))
      out.set(l.matter_id, leader.id);
  }
  return out;
}

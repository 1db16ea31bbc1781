import type { AppContext } from '../app/context.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { localDateOf } from '../calendar/index.ts';
import {
  assignCampaignOwner,
  createCampaign,
  recordCampaignOutcome,
  startCampaign,
} from '../campaigns/campaign.commands.ts';
import { getCampaign } from '../campaigns/campaign.queries.ts';
import { AppError } from '../errors/app-error.ts';
import type { CampaignOutcome } from '../shared/campaign.schema.ts';
import type { DemoOrg } from './org.ts';

/** What the owners report for each outcome, in the words a bureau's record uses. */
const NOTES: Record<CampaignOutcome, string> = {
  resolved: '经包案领导多次协调，问题已实际解决，信访人签字确认。',
  legal_channel: '诉求属于诉讼范围，已告知并引导信访人通过司法途径解决，提供法律援助联系方式。',
  explained_accepted: '经当面解释政策依据，信访人表示理解，书面承诺息诉罢访。',
  hardship_assistance: '信访人家庭确有困难，已协调民政部门给予临时救助。',
  concluded: '已经复查复核，依法终结，不再受理同一事项。',
};
const MIX: CampaignOutcome[] = [
  'resolved',
  'explained_accepted',
  'resolved',
  'legal_channel',
  'hardship_assistance',
  'resolved',
  'concluded',
];

/**
 * 积案专项治理, through the real commands: the bureau's supervisor sets up this year's campaign over
 * the district's backlog with a target of 80 %, every matter gets an owner (its 包案 leader, else the
 * head of the unit leading it), the campaign starts, and the owners record a realistic mix of
 * outcomes on about seven matters in ten, so progress stands below the target overall, near it
 * in some units and far from it in others.
 */
export async function seedCampaigns(ctx: AppContext, org: DemoOrg, now: Date, problems: string[]) {
  const supervisor = org.users.get('supervisor');
  const leader = org.users.get('leader');
  if (!supervisor || !leader) return;
  if (await ctx.db.selectFrom('campaigns').select('case_id').executeTakeFirst()) return;
  const sup = { kind: 'staff' as const, user: supervisor };
  const year = localDateOf(now).slice(0, 4);
  try {
    const { id } = await createCampaign(ctx, sup, {
      campaignName: `${year}年信访积案化解专项行动`,
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      targetPercent: 80,
      workPlan:
        '对全区未办结超过90日或重复信访3次以上的积案逐件建立台账，落实包案领导和责任人，' +
        '一案一策，限期化解；每月通报化解进度。',
      filter: {},
    });
    const staffCache = new Map<number, StaffUser | null>();
    const staffOf = async (userId: number) => {
      if (!staffCache.has(userId)) staffCache.set(userId, (await loadStaffUser(ctx, userId)) ?? null);
      return staffCache.get(userId) ?? null;
    };
    const heads = await ctx.db
      .selectFrom('users')
      .select(['id', 'unit_id'])
      .where('active', '=', true)
      .where((eb) => eb(eb.val('unit_head'), '=', eb.fn.any('roles')))
      .orderBy('id')
      .execute();
    const campaign = await getCampaign(ctx, supervisor, id);
    for (const m of campaign.matters) {
      if (m.ownerId !== null) continue;
      const head = heads.find((h) => h.unit_id === m.leadUnitId);
      await assignCampaignOwner(ctx, sup, id, { matterId: m.matterId, ownerId: head?.id ?? leader.id });
    }
    if (campaign.matters.length === 0) return;
    await startCampaign(ctx, sup, id, { note: '专项行动启动，各责任人按月报告化解进展。' });
    const owned = await getCampaign(ctx, supervisor, id);
    // Three matters in ten stay open (two of the first five): 60–70 % against a target of 80 %,
    // and the units, holding different matters, stand at different distances from it.
    for (const [i, m] of owned.matters.entries()) {
      if ([2, 4, 7].includes(i % 10)) continue;
      const owner = m.ownerId === null ? null : await staffOf(m.ownerId);
      if (!owner) continue;
      const outcome = MIX[i % MIX.length]!;
      await recordCampaignOutcome(ctx, { kind: 'staff', user: owner }, id, {
        matterId: m.matterId,
        outcome,
        note: NOTES[outcome],
      });
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(`campaign refused: ${err.messageEn}`);
  }
}

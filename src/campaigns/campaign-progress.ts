import type { z } from 'zod';
import {
  CAMPAIGN_OUTCOMES,
  type CampaignOutcome,
  type CampaignProgressSchema,
} from '../shared/campaign.schema.ts';

export type CampaignProgress = z.output<typeof CampaignProgressSchema>;

/** A campaign's matter as progress counts it: its lead unit now and its current outcome. */
export interface ProgressItem {
  leadUnitId: number | null;
  leadUnitName: string | null;
  outcome: CampaignOutcome | null;
}

const shareOf = (resolved: number, total: number) => (total === 0 ? null : resolved / total);

/**
 * Live progress of a campaign: the share of its matters with a current outcome against the target,
 * by the unit leading each matter and by outcome. Every one of the five outcomes (化解, 导入法定途径,
 * 解释说明并息诉, 困难救助, 依法终结) ends the matter's place in the campaign, so each counts as
 * resolved; `byOutcome` shows each separately. The target is reached when the share, in per cent,
 * is at least the target (80 of 100 matters meet a target of 80 %).
 */
export function campaignProgress(items: readonly ProgressItem[], targetPercent: number): CampaignProgress {
  const resolved = items.filter((i) => i.outcome !== null).length;
  const units = new Map<number | null, { name: string | null; total: number; resolved: number }>();
  for (const i of items) {
    const u = units.get(i.leadUnitId) ?? { name: i.leadUnitName, total: 0, resolved: 0 };
    u.total += 1;
    if (i.outcome !== null) u.resolved += 1;
    units.set(i.leadUnitId, u);
  }
  return {
    total: items.length,
    resolved,
    share: shareOf(resolved, items.length),
    targetPercent,
    // Whole numbers compared, so 4 of 5 reaches 80 % without a rounding doubt.
    reached: items.length > 0 && resolved * 100 >= targetPercent * items.length,
    byUnit: [...units.entries()]
      .map(([unitId, u]) => ({
        unitId,
        unitName: u.name,
        total: u.total,
        resolved: u.resolved,
        share: shareOf(u.resolved, u.total),
      }))
      .sort((a, b) => b.total - a.total || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh')),
    byOutcome: CAMPAIGN_OUTCOMES.map((outcome) => ({
      outcome,
      count: items.filter((i) => i.outcome === outcome).length,
    })),
  };
}

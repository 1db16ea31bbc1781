import type { Kysely, Selectable } from 'kysely';
import type { CampaignsTable, Database } from '../db/schema.ts';
import type { MatterAccessFacts } from '../lifecycle/access-rule.ts';
import { CASE_TYPE_LABELS } from '../shared/case-labels.ts';
import { CAMPAIGN_COMMAND_LABELS, CAMPAIGN_STATE_LABELS } from '../shared/campaign-labels.ts';
import type { UnitLevel } from '../shared/enums.ts';
import { canRunCampaign, canSeeCampaign, type CampaignFacts } from '../workflow/case-policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import { CAMPAIGN_WORKFLOW } from './campaign.workflow.ts';

/**
 * The access facts of many matters in two queries: what the one access rule reads (region,
 * registering unit, the units handling it now, misconduct and the unit reported). The review
 * facts, which only the matter's own commands read, are left empty.
 */
export async function accessFactsOf(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, MatterAccessFacts>> {
  const out = new Map<number, MatterAccessFacts>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('matters')
    .select(['id', 'region_code', 'registering_unit_id', 'is_misconduct_report', 'reported_unit_id'])
    .where('id', 'in', [...ids])
    .execute();
  const units = await db
    .selectFrom('matter_units as mu')
    .innerJoin('units as u', 'u.id', 'mu.unit_id')
    .select(['mu.matter_id', 'mu.unit_id', 'mu.role', 'u.level', 'u.kind'])
    .where('mu.matter_id', 'in', [...ids])
    .where('mu.released_at', 'is', null)
    .execute();
  for (const r of rows) {
    const mine = units.filter((u) => u.matter_id === r.id);
    const lead = mine.find((u) => u.role === 'lead');
    out.set(r.id, {
      regionCode: r.region_code,
      registeringUnitId: r.registering_unit_id,
      leadUnitId: lead?.unit_id ?? null,
      leadUnitLevel: (lead?.level as UnitLevel | undefined) ?? null,
      leadUnitKind: lead?.kind ?? null,
      coUnitIds: mine.filter((u) => u.role === 'co').map((u) => u.unit_id),
      isMisconductReport: r.is_misconduct_report,
      reportedUnitId: r.reported_unit_id,
      reviewUnitLevel: null,
      reviewUnitKind: null,
      recheckUnitId: null,
    });
  }
  return out;
}

export interface CampaignMatterRow {
  matterId: number;
  caseNumber: string;
  state: string;
  ownerId: number | null;
  facts: MatterAccessFacts;
}

export interface CampaignExtra {
  campaign: Selectable<CampaignsTable>;
  facts: CampaignFacts;
  matters: CampaignMatterRow[];
  /** Outcome rows recorded (a campaign with any is never withdrawn). */
  outcomes: number;
}
export type LockedCampaign = LockedCase<CampaignExtra>;

/** What a campaign's rules and handlers read beside its case row. */
export async function loadCampaign(db: Kysely<Database>, row: CaseRow): Promise<CampaignExtra> {
  const campaign = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('campaign_matters as cm')
    .innerJoin('matters as m', 'm.id', 'cm.matter_id')
    .select(['cm.matter_id', 'cm.owner_id', 'm.case_number', 'm.state'])
    .where('cm.case_id', '=', row.id)
    .orderBy('cm.matter_id')
    .execute();
  const facts = await accessFactsOf(
    db,
    rows.map((r) => r.matter_id),
  );
  const matters = rows.map((r) => ({
    matterId: r.matter_id,
    caseNumber: r.case_number,
    state: r.state,
    ownerId: r.owner_id,
    facts: facts.get(r.matter_id)!,
  }));
  const counted = await db
    .selectFrom('campaign_outcomes')
    .select(db.fn.countAll<number>().as('n'))
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  return {
    campaign,
    matters,
    outcomes: Number(counted.n),
    facts: {
      regionCode: campaign.region_code,
      matters: matters.map((m) => ({ matter: m.facts, ownerId: m.ownerId })),
    },
  };
}

export const CAMPAIGN_BINDING = casesTableBinding({
  workflow: CAMPAIGN_WORKFLOW,
  noun: CASE_TYPE_LABELS.campaign,
  stateLabels: CAMPAIGN_STATE_LABELS,
  commandLabels: CAMPAIGN_COMMAND_LABELS,
  load: loadCampaign,
  canSee: (user, c) => canSeeCampaign(user, c.extra.facts),
  canRun: (user, command, c) => canRunCampaign(user, command, c.extra.facts),
});

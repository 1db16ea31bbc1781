import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../errors/app-error.ts';
import { hasRegionScope, visibleTo } from '../lifecycle/access-rule.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type {
  CampaignListQuery,
  CampaignSchema,
  CampaignState,
  CampaignSummarySchema,
} from '../shared/campaign.schema.ts';
import type { MatterState } from '../shared/enums.ts';
import {
  canManageCampaignIn,
  canRunCampaign,
  canSeeCampaign,
  mayOwnCampaignMatter,
  mayRecordCampaignOutcome,
} from '../workflow/case-policy.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { loadCampaign, type CampaignExtra } from './campaign.binding.ts';
import { campaignProgress } from './campaign-progress.ts';
import { CAMPAIGN_WORKFLOW } from './campaign.workflow.ts';

type Campaign = z.output<typeof CampaignSchema>;
type Summary = z.output<typeof CampaignSummarySchema>;

/** Campaigns listed at most at once. */
export const CAMPAIGN_LIST_MAX = 200;

/**
 * The matters of a campaign the reader may see, with names, owners and every outcome row. A reader
 * who may not see a matter (the unit a misconduct report is about) reads the campaign without it:
 * its row, its outcome and its place in the progress figures are left out for them.
 */
async function visibleMatters(db: Db, user: StaffUser, row: CaseRow, extra: CampaignExtra) {
  const ids = extra.matters.filter((m) => canSeeMatter(user, m.facts)).map((m) => m.matterId);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('campaign_matters as cm')
    .innerJoin('matters as m', 'm.id', 'cm.matter_id')
    .leftJoin('units as lu', 'lu.id', 'm.lead_unit_id')
    .leftJoin('users as o', 'o.id', 'cm.owner_id')
    .select([
      'cm.matter_id',
      'cm.owner_id',
      'cm.added_at',
      'm.case_number',
      'm.subject',
      'm.state',
      'm.lead_unit_id',
      'lu.name as lead_unit_name',
      'o.display_name as owner_name',
    ])
    .where('cm.case_id', '=', row.id)
    .where('cm.matter_id', 'in', ids)
    .orderBy('m.case_number')
    .execute();
  const outcomes = await db
    .selectFrom('campaign_outcomes as o')
    .innerJoin('users as u', 'u.id', 'o.recorded_by')
    .selectAll('o')
    .select('u.display_name')
    .where('o.case_id', '=', row.id)
    .where('o.matter_id', 'in', ids)
    .orderBy('o.id')
    .execute();
  const files = outcomes.length
    ? await db
        .selectFrom('campaign_outcome_attachments as e')
        .innerJoin('attachments as f', 'f.id', 'e.attachment_id')
        .select(['e.outcome_id', 'f.id', 'f.filename'])
        .where(
          'e.outcome_id',
          'in',
          outcomes.map((o) => o.id),
        )
        .orderBy('f.id')
        .execute()
    : [];
  const state = row.state as CampaignState;
  return rows.map((r) => {
    const history = outcomes
      .filter((o) => o.matter_id === r.matter_id)
      .map((o) => ({
        id: o.id,
        outcome: o.outcome,
        note: o.note,
        recordedById: o.recorded_by,
        recordedByName: o.display_name,
        recordedAt: o.recorded_at,
        correctionOf: o.correction_of,
        correctionReason: o.correction_reason,
        attachments: files
          .filter((f) => f.outcome_id === o.id)
          .map((f) => ({ id: f.id, filename: f.filename })),
      }));
    const facts = extra.matters.find((m) => m.matterId === r.matter_id)!;
    const canRecord =
      state === 'active'
        ? mayRecordCampaignOutcome(user, { matter: facts.facts, ownerId: r.owner_id })
        : state === 'closed' && history.length > 0 && canRunCampaign(user, 'correct_outcome', extra.facts);
    return {
      matterId: r.matter_id,
      caseNumber: r.case_number,
      subject: r.subject,
      state: r.state as MatterState,
      leadUnitId: r.lead_unit_id,
      leadUnitName: r.lead_unit_name,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      addedAt: r.added_at,
      outcome: history.at(-1) ?? null,
      history,
      canRecord,
    };
  });
}

async function header(db: Db, row: CaseRow, extra: CampaignExtra) {
  const c = extra.campaign;
  const names = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.display_name', 'n.name'])
    .where('u.id', '=', staffOpenerOf(row))
    .executeTakeFirstOrThrow();
  const region = await db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', c.region_code)
    .executeTakeFirst();
  const lead = c.lead_unit_id
    ? await db.selectFrom('units').select('name').where('id', '=', c.lead_unit_id).executeTakeFirst()
    : undefined;
  return {
    id: row.id,
    name: c.name,
    state: row.state as CampaignState,
    version: row.version,
    periodStart: c.starts_on,
    periodEnd: c.ends_on,
    regionCode: c.region_code,
    regionName: region?.name ?? c.region_code,
    leadUnitId: c.lead_unit_id,
    leadUnitName: lead?.name ?? null,
    targetPercent: c.target_percent,
    workPlan: c.description,
    openedByName: names.display_name,
    openerUnitName: names.name,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
  };
}

async function view(db: Db, user: StaffUser, row: CaseRow): Promise<Campaign | null> {
  const extra = await loadCampaign(db, row);
  if (!canSeeCampaign(user, extra.facts)) return null;
  const matters = await visibleMatters(db, user, row, extra);
  const progress = campaignProgress(
    matters.map((m) => ({
      leadUnitId: m.leadUnitId,
      leadUnitName: m.leadUnitName,
      outcome: m.outcome?.outcome ?? null,
    })),
    extra.campaign.target_percent,
  );
  return {
    ...(await header(db, row, extra)),
    progress,
    matters,
    // Offered only where the server would allow it: a campaign with outcomes is never withdrawn.
    allowedActions: allowedCommands(CAMPAIGN_WORKFLOW, row.state as CampaignState).filter(
      (c) => canRunCampaign(user, c, extra.facts) && !(c === 'withdraw' && extra.outcomes > 0),
    ),
  };
}

async function caseRow(db: Db, id: number) {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'campaign')
    .executeTakeFirst();
}

export async function getCampaign(ctx: AppContext, user: StaffUser, id: number): Promise<Campaign> {
  const row = await caseRow(ctx.db, id);
  const v = row ? await view(ctx.db, user, row) : null;
  if (!v) throw notFound('积案专项治理', 'Backlog campaign');
  return v;
}

/** GET /api/campaigns/:id/progress: the live figures alone. */
export async function campaignProgressOf(ctx: AppContext, user: StaffUser, id: number) {
  return (await getCampaign(ctx, user, id)).progress;
}

/**
 * The campaigns the user may read, newest first: those of the region their unit answers for, and
 * those that took on a matter they may see (the one access rule, in SQL).
 */
export async function listCampaigns(
  ctx: AppContext,
  user: StaffUser,
  query: z.output<typeof CampaignListQuery>,
): Promise<{ items: Summary[]; canCreate: boolean }> {
  const db = ctx.db;
  const viaMatters = await db
    .selectFrom('matters as m')
    .where(visibleTo(user))
    .innerJoin('campaign_matters as cm', 'cm.matter_id', 'm.id')
    .select('cm.case_id')
    .distinct()
    .execute();
  let q = db
    .selectFrom('cases as c')
    .innerJoin('campaigns as g', 'g.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'campaign');
  const ids = viaMatters.map((r) => r.case_id);
  const prefix = `${user.unit.regionCode.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  q = q.where((eb) =>
    eb.or([
      ...(hasRegionScope(user.unit) ? [eb('g.region_code', 'like', prefix)] : []),
      ...(ids.length ? [eb('c.id', 'in', ids)] : []),
      eb.lit(false),
    ]),
  );
  if (query.state) q = q.where('c.state', '=', query.state);
  const rows = await q.orderBy('c.id', 'desc').limit(CAMPAIGN_LIST_MAX).execute();
  const items: Summary[] = [];
  for (const row of rows) {
    const v = await view(db, user, row);
    if (!v) continue;
    const { matters: _m, allowedActions: _a, ...summary } = v;
    items.push(summary);
  }
  return { items, canCreate: canManageCampaignIn(user, user.unit.regionCode) };
}

/** The files of the campaign's matters the user may see: evidence to name with an outcome. */
export async function campaignAttachments(ctx: AppContext, user: StaffUser, id: number) {
  const c = await getCampaign(ctx, user, id);
  const ids = c.matters.map((m) => m.matterId);
  if (ids.length === 0) return { items: [] };
  const items = await ctx.db
    .selectFrom('attachments as f')
    .innerJoin('matters as m', 'm.id', 'f.matter_id')
    .select(['f.id', 'f.filename', 'f.matter_id as matterId', 'm.case_number as caseNumber'])
    .where('f.matter_id', 'in', ids)
    .orderBy('f.id')
    .execute();
  return { items };
}

/** Who may be named owner: staff of units in the campaign's region who may see every visible matter. */
export async function campaignOwnerCandidates(ctx: AppContext, user: StaffUser, id: number) {
  const row = await caseRow(ctx.db, id);
  const extra = row ? await loadCampaign(ctx.db, row) : null;
  if (!row || !extra || !canSeeCampaign(user, extra.facts))
    throw notFound('积案专项治理', 'Backlog campaign');
  const region = extra.campaign.region_code;
  const people = await ctx.db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'n.id as unit_id',
      'n.name',
      'n.kind',
      'n.level',
      'n.region_code',
    ])
    .where('u.active', '=', true)
    .where('n.active', '=', true)
    .where('n.region_code', 'like', `${region}%`)
    .orderBy('n.name')
    .orderBy('u.display_name')
    .limit(500)
    .execute();
  const items = people
    .map((p) => ({
      id: p.id,
      username: p.username,
      displayName: p.display_name,
      roles: p.roles as StaffUser['roles'],
      unit: {
        id: p.unit_id,
        name: p.name,
        kind: p.kind,
        level: p.level as StaffUser['unit']['level'],
        regionCode: p.region_code,
      },
    }))
    .filter(
      (p) =>
        extra.matters.length === 0 || extra.matters.some((m) => mayOwnCampaignMatter(p, region, m.facts)),
    )
    .map((p) => ({ id: p.id, name: p.displayName, unitName: p.unit.name }));
  return { items };
}

import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import {
  AddCampaignMattersInput,
  AssignCampaignOwnerInput,
  CampaignCommentInput,
  CampaignNoteInput,
  CorrectCampaignOutcomeInput,
  CreateCampaignInput,
  RecordCampaignOutcomeInput,
  RemoveCampaignMatterInput,
} from '../shared/campaign.schema.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canManageCampaignIn, mayRecordCampaignOutcome } from '../workflow/case-policy.ts';
import { openCase } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { CAMPAIGN_BINDING, type LockedCampaign } from './campaign.binding.ts';
import { addCampaignMatters, checkOwner, ownerNotice } from './campaign-matters.ts';

type Staff = CaseActor & { kind: 'staff' };

/**
 * 积案专项治理: a supervisor or leader of a region-scope unit sets up a campaign in their region —
 * name, period, scope, target share and work plan — in draft, optionally taking on its first matters
 * (by hand or by a filter over the backlog) in the same transaction.
 */
export async function createCampaign(ctx: AppContext, actor: Staff, body: unknown) {
  const input = parseOrThrow(CreateCampaignInput, body);
  const user = actor.user;
  const regionCode = input.scopeRegionCode ?? user.unit.regionCode;
  if (!canManageCampaignIn(user, user.unit.regionCode))
    throw forbidden(
      '只有信访部门或党委政府的督查人员、领导可以组织专项治理',
      'Only a supervisor or leader of a petition bureau or a government may organise a campaign',
    );
  if (!canManageCampaignIn(user, regionCode))
    throw fieldError(
      'scopeRegionCode',
      '只能在本单位负责的区域内组织专项治理',
      'a campaign lies within your unit’s region',
    );
  if (input.periodEnd < input.periodStart)
    throw fieldError(
      'periodEnd',
      '结束日期不能早于开始日期',
      'the end date must not be before the start date',
    );
  return withTransaction(ctx, async (tx) => {
    const region = await tx.db
      .selectFrom('regions')
      .select('code')
      .where('code', '=', regionCode)
      .executeTakeFirst();
    if (!region)
      throw fieldError('scopeRegionCode', `行政区划 ${regionCode} 不存在`, `no region ${regionCode}`);
    if (input.leadUnitId !== undefined) {
      const unit = await tx.db
        .selectFrom('units')
        .select(['region_code', 'active'])
        .where('id', '=', input.leadUnitId)
        .executeTakeFirst();
      if (!unit?.active || !unit.region_code.startsWith(regionCode))
        throw fieldError(
          'leadUnitId',
          '牵头单位不存在、已停用或不在治理区域内',
          'no such active unit within the campaign’s region',
        );
    }
    return openCase(
      tx,
      actor,
      { type: 'campaign', state: 'draft', matterId: null, regionCode },
      async (caseId) => {
        await tx.db
          .insertInto('campaigns')
          .values({
            case_id: caseId,
            name: input.campaignName,
            starts_on: input.periodStart,
            ends_on: input.periodEnd,
            region_code: regionCode,
            lead_unit_id: input.leadUnitId ?? null,
            target_percent: input.targetPercent,
            description: input.workPlan ?? null,
          })
          .execute();
        const added = await addCampaignMatters(
          tx,
          user,
          {
            caseId,
            name: input.campaignName,
            regionCode,
            leadUnitId: input.leadUnitId ?? null,
            existing: [],
          },
          input,
          { required: false },
        );
        return {
          events: [
            caseEvent('campaign_opened', {
              name: input.campaignName,
              periodStart: input.periodStart,
              periodEnd: input.periodEnd,
              regionCode,
              leadUnitId: input.leadUnitId ?? null,
              targetPercent: input.targetPercent,
            }),
            ...added.events,
          ],
          notify: added.notify,
        };
      },
    );
  });
}

const targetOf = (c: LockedCampaign) => ({
  caseId: c.row.id,
  name: c.extra.campaign.name,
  regionCode: c.extra.campaign.region_code,
  leadUnitId: c.extra.campaign.lead_unit_id,
  existing: c.extra.matters.map((m) => m.matterId),
});

/** The campaign's matter a command names, or a field error on `matterId`. */
function matterOf(c: LockedCampaign, matterId: number) {
  const m = c.extra.matters.find((x) => x.matterId === matterId);
  if (!m) throw fieldError('matterId', '该事项不在本专项行动中', 'the matter is not in this campaign');
  return m;
}

export async function addMattersToCampaign(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AddCampaignMattersInput, body);
  return runWorkflowCommand(
    ctx,
    CAMPAIGN_BINDING,
    actor,
    caseId,
    'add_matters',
    async ({ ctx: tx, locked }) => {
      const added = await addCampaignMatters(tx, actor.user, targetOf(locked), input, { required: true });
      return { events: added.events, notify: added.notify, result: { added: added.added.length } };
    },
  );
}

/** A matter leaves a campaign only while it has no outcome: what was recorded stays on the record. */
export async function removeMatterFromCampaign(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(RemoveCampaignMatterInput, body);
  return runWorkflowCommand(
    ctx,
    CAMPAIGN_BINDING,
    actor,
    caseId,
    'remove_matter',
    async ({ trx, locked }) => {
      matterOf(locked, input.matterId);
      const outcome = await trx
        .selectFrom('campaign_outcomes')
        .select('id')
        .where('case_id', '=', caseId)
        .where('matter_id', '=', input.matterId)
        .executeTakeFirst();
      if (outcome)
        throw new AppError(
          'conflict',
          '该事项已登记化解结果，不能移出专项行动',
          'The matter has a recorded outcome and stays in the campaign',
        );
      await trx
        .deleteFrom('campaign_matters')
        .where('case_id', '=', caseId)
        .where('matter_id', '=', input.matterId)
        .execute();
      return {
        events: [caseEvent('campaign_matter_removed', { matterId: input.matterId, reason: input.reason })],
      };
    },
  );
}

export async function assignCampaignOwner(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AssignCampaignOwnerInput, body);
  return runWorkflowCommand(
    ctx,
    CAMPAIGN_BINDING,
    actor,
    caseId,
    'assign_owner',
    async ({ trx, ctx: tx, locked }) => {
      const m = matterOf(locked, input.matterId);
      await checkOwner(tx, input.ownerId, locked.extra.campaign.region_code, [
        { id: m.matterId, caseNumber: m.caseNumber, facts: m.facts },
      ]);
      await trx
        .updateTable('campaign_matters')
        .set({ owner_id: input.ownerId })
        .where('case_id', '=', caseId)
        .where('matter_id', '=', input.matterId)
        .execute();
      return {
        events: [
          caseEvent('campaign_owner_assigned', {
            matterId: input.matterId,
            ownerId: input.ownerId,
            previousOwnerId: m.ownerId,
          }),
        ],
        notify:
          input.ownerId === actor.user.id
            ? []
            : [ownerNotice(targetOf(locked), input.matterId, input.ownerId)],
      };
    },
  );
}

export async function startCampaign(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CampaignNoteInput, body ?? {});
  return runWorkflowCommand(ctx, CAMPAIGN_BINDING, actor, caseId, 'start', async ({ locked }) => {
    if (locked.extra.matters.length === 0)
      throw new AppError(
        'conflict',
        '专项行动尚未纳入任何积案，不能启动',
        'The campaign has no matters yet and cannot start',
      );
    return {
      events: [
        caseEvent('campaign_started', { note: input.note ?? null, matters: locked.extra.matters.length }),
      ],
    };
  });
}

/** The matters of a campaign with a current outcome (any of the five counts as resolved). */
async function resolvedCount(tx: TxContext, caseId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('campaign_outcomes')
    .select((eb) => eb.fn.count<number>('matter_id').distinct().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A matter leaves the "one campaign not yet closed" rule when its campaign ends either way. */
const release = (tx: TxContext, caseId: number) =>
  tx.db.updateTable('campaign_matters').set({ open: false }).where('case_id', '=', caseId).execute();

export async function closeCampaign(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CampaignNoteInput, body ?? {});
  return runWorkflowCommand(
    ctx,
    CAMPAIGN_BINDING,
    actor,
    caseId,
    'close',
    async ({ ctx: tx, now, locked }) => {
      await release(tx, caseId);
      return {
        // `closed` is not terminal in the table (see campaign.workflow.ts): the date is stamped here.
        set: { closed_at: now },
        events: [
          caseEvent('campaign_closed', {
            note: input.note ?? null,
            matters: locked.extra.matters.length,
            resolved: await resolvedCount(tx, caseId),
            targetPercent: locked.extra.campaign.target_percent,
          }),
        ],
      };
    },
  );
}

export async function withdrawCampaign(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CampaignNoteInput, body ?? {});
  return runWorkflowCommand(ctx, CAMPAIGN_BINDING, actor, caseId, 'withdraw', async ({ ctx: tx, locked }) => {
    if (locked.extra.outcomes > 0)
      throw new AppError(
        'conflict',
        '专项行动已登记化解结果，不能撤销；请结束专项行动',
        'The campaign has recorded outcomes and cannot be withdrawn; close it instead',
      );
    await release(tx, caseId);
    return { events: [caseEvent('campaign_withdrawn', { note: input.note ?? null })] };
  });
}

/** The named files must be attachments of the matter: a field error otherwise. */
async function checkEvidence(tx: TxContext, matterId: number, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await tx.db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', unique)
    .where('matter_id', '=', matterId)
    .execute();
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0)
    throw fieldError(
      'attachmentIds',
      `附件 ${missing.join('、')} 不是该事项的附件；请先在事项的附件中上传`,
      `attachment(s) ${missing.join(', ')} are not attached to the matter: upload them to the matter first`,
    );
  return unique;
}

async function currentOutcome(tx: TxContext, caseId: number, matterId: number) {
  return tx.db
    .selectFrom('campaign_outcomes')
    .select(['id', 'outcome'])
    .where('case_id', '=', caseId)
    .where('matter_id', '=', matterId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function insertOutcome(
  tx: TxContext,
  row: {
    caseId: number;
    matterId: number;
    outcome: string;
    note: string;
    by: number;
    at: Date;
    correctionOf: number | null;
    reason: string | null;
  },
  attachmentIds: readonly number[],
): Promise<number> {
  const { id } = await tx.db
    .insertInto('campaign_outcomes')
    .values({
      case_id: row.caseId,
      matter_id: row.matterId,
      outcome: row.outcome as 'resolved',
      note: row.note,
      recorded_by: row.by,
      recorded_at: row.at,
      correction_of: row.correctionOf,
      correction_reason: row.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (attachmentIds.length > 0)
    await tx.db
      .insertInto('campaign_outcome_attachments')
      .values(attachmentIds.map((attachment_id) => ({ outcome_id: id, attachment_id })))
      .execute();
  return id;
}

/**
 * The owner or the lead unit records a matter's outcome while the campaign runs. A second record
 * replaces the first as current; both rows stay (append-only), so the history shows each.
 */
export async function recordCampaignOutcome(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(RecordCampaignOutcomeInput, body);
  return runWorkflowCommand(
    ctx,
    CAMPAIGN_BINDING,
    actor,
    caseId,
    'record_outcome',
    async ({ ctx: tx, now, locked }) => {
      const m = matterOf(locked, input.matterId);
      if (!mayRecordCampaignOutcome(actor.user, { matter: m.facts, ownerId: m.ownerId }))
        throw forbidden(
          '只有该事项的责任人或牵头办理单位可以登记化解结果',
          'Only the matter’s owner or its lead unit may record its outcome',
        );
      const evidence = await checkEvidence(tx, input.matterId, input.attachmentIds);
      const previous = await currentOutcome(tx, caseId, input.matterId);
      const outcomeId = await insertOutcome(
        tx,
        {
          caseId,
          matterId: input.matterId,
          outcome: input.outcome,
          note: input.note,
          by: actor.user.id,
          at: now,
          correctionOf: null,
          reason: null,
        },
        evidence,
      );
      return {
        events: [
          caseEvent('campaign_outcome_recorded', {
            outcomeId,
            matterId: input.matterId,
            outcome: input.outcome,
            note: input.note,
            attachmentIds: evidence,
            previousOutcomeId: previous?.id ?? null,
          }),
        ],
        result: { outcomeId },
      };
    },
  );
}

/**
 * A closed campaign's outcome is corrected only by a new row naming the row it corrects, with a
 * reason, by those who answer for the campaign: never in place (the table refuses updates).
 */
export async function correctCampaignOutcome(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CorrectCampaignOutcomeInput, body);
  return runWorkflowCommand(
    ctx,
    CAMPAIGN_BINDING,
    actor,
    caseId,
    'correct_outcome',
    async ({ ctx: tx, now, locked }) => {
      matterOf(locked, input.matterId);
      const current = await currentOutcome(tx, caseId, input.matterId);
      if (!current)
        throw fieldError('matterId', '该事项没有可更正的化解结果', 'the matter has no outcome to correct');
      const evidence = await checkEvidence(tx, input.matterId, input.attachmentIds);
      const outcomeId = await insertOutcome(
        tx,
        {
          caseId,
          matterId: input.matterId,
          outcome: input.outcome,
          note: input.note,
          by: actor.user.id,
          at: now,
          correctionOf: current.id,
          reason: input.reason,
        },
        evidence,
      );
      return {
        events: [
          caseEvent('campaign_outcome_corrected', {
            outcomeId,
            correctionOf: current.id,
            matterId: input.matterId,
            outcome: input.outcome,
            note: input.note,
            reason: input.reason,
            attachmentIds: evidence,
          }),
        ],
        result: { outcomeId },
      };
    },
  );
}

export async function commentOnCampaign(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CampaignCommentInput, body);
  return runWorkflowCommand(ctx, CAMPAIGN_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('campaign_comment', { comment: input.comment })],
  }));
}

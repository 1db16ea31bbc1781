/**
 * The API contract of the backlog (积案) and backlog campaigns (积案专项治理, issue 14 item 2),
 * shared with the web app.
 */
import { z } from 'zod';
import { localDate, timestamp } from './api.schema.ts';
import { MATTER_STATES } from './enums.ts';
import { intQuery, isoDate, regionCode, text } from './schemas.ts';
import { BACKLOG_AGE_DAYS, BACKLOG_REPEATS } from './stats-definitions.ts';

export const CAMPAIGN_STATES = ['draft', 'active', 'closed', 'withdrawn'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_COMMANDS = [
  'start',
  'close',
  'withdraw',
  'add_matters',
  'remove_matter',
  'assign_owner',
  'record_outcome',
  'correct_outcome',
  'comment',
] as const;
export type CampaignCommand = (typeof CAMPAIGN_COMMANDS)[number];

/**
 * The resolution outcomes of procedure.md §5 (化解, 导入法定途径, 解释说明并息诉, 困难救助, 依法终结).
 * Every one of them ends the matter's place in the campaign: each counts as resolved in the
 * progress figure, and each is also shown on its own.
 */
export const CAMPAIGN_OUTCOMES = [
  'resolved',
  'legal_channel',
  'explained_accepted',
  'hardship_assistance',
  'concluded',
] as const;
export type CampaignOutcome = (typeof CAMPAIGN_OUTCOMES)[number];

export const CAMPAIGN_LIMITS = {
  /** Matters one campaign takes on at most (by hand or by a filter). */
  mattersMax: 500,
  evidenceMax: 10,
} as const;

/** The backlog rule (configuration, app_settings 'backlog_rule'): indicators.md's 90 days and 3 repeats. */
export const BacklogRuleSchema = z
  .object({
    /** An open matter received more than this many calendar days ago is backlog... */
    ageDays: z.number().int().min(1).max(3650),
    /** ...and so is one with at least this many matters linked to it as repeats. */
    minRepeats: z.number().int().min(1).max(100),
  })
  .strict();
export type BacklogRule = z.output<typeof BacklogRuleSchema>;
export const DEFAULT_BACKLOG_RULE: BacklogRule = { ageDays: BACKLOG_AGE_DAYS, minRepeats: BACKLOG_REPEATS };

export const BACKLOG_SORTS = [
  'age',
  'repeats',
  'case_number',
  'received_at',
  'subject',
  'lead_unit',
  'state',
] as const;

/** The filters of the backlog list, and of "all backlog matters matching these filters". */
export const BacklogFilter = z
  .object({
    regionCode: regionCode.optional(),
    /** The matter's lead unit now. */
    unitId: z.number().int().positive().optional(),
    /** A category and everything under it. */
    categoryCode: z.string().min(1).max(80).optional(),
    minAgeDays: z.number().int().min(0).max(36500).optional(),
    minRepeats: z.number().int().min(0).max(1000).optional(),
    /** in: taken on by a campaign not yet closed; out: not. */
    campaign: z.enum(['in', 'out']).optional(),
  })
  .strict();
export type BacklogFilter = z.output<typeof BacklogFilter>;

const idQuery = intQuery(1, 2_147_483_647);
export const BacklogQuery = z
  .object({
    regionCode: regionCode.optional(),
    unitId: idQuery.optional(),
    categoryCode: z.string().min(1).max(80).optional(),
    minAgeDays: intQuery(0, 36500).optional(),
    minRepeats: intQuery(0, 1000).optional(),
    campaign: z.enum(['in', 'out']).optional(),
    sort: z.enum(BACKLOG_SORTS).default('age'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: intQuery(1, 100_000).default(1),
    pageSize: intQuery(1, 100).default(20),
  })
  .strict();
export type BacklogQuery = z.output<typeof BacklogQuery>;

export const BacklogItemSchema = z.object({
  matterId: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  regionCode: z.string(),
  categoryCode: z.string().nullable(),
  leadUnitId: z.number().int().nullable(),
  leadUnitName: z.string().nullable(),
  /** When the matter was received (its age counts from here, as the statistics' backlog figure). */
  receivedAt: timestamp,
  ageDays: z.number().int(),
  repeats: z.number().int(),
  /** The leader who owns the matter (包案) now, if any. */
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  state: z.enum(MATTER_STATES),
  /** The campaign not yet closed that has taken the matter on. */
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  /** Why it is backlog: its age, its repeats, or both. */
  overAge: z.boolean(),
  overRepeats: z.boolean(),
});
export const BacklogPageSchema = z.object({
  items: z.array(BacklogItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rule: BacklogRuleSchema,
});

const id = z.number().int().positive();
/** Matters to take on: by hand (ids) and/or every backlog matter matching a filter. */
const MattersChoice = {
  matterIds: z.array(id).max(CAMPAIGN_LIMITS.mattersMax).optional(),
  filter: BacklogFilter.optional(),
  /** The owner of each matter added; by default the leader who owns it (包案), if any. */
  ownerId: id.optional(),
};

export const CreateCampaignInput = z
  .object({
    campaignName: text(200),
    periodStart: isoDate,
    periodEnd: isoDate,
    /** The region the campaign covers; by default the region of the creator's unit. */
    scopeRegionCode: regionCode.optional(),
    /** Optionally, only matters this unit leads. */
    leadUnitId: id.optional(),
    /** The share of its matters to resolve, in per cent (1–100). */
    targetPercent: z.number().int().min(1).max(100),
    workPlan: text(4000).optional(),
    ...MattersChoice,
  })
  .strict();
export const AddCampaignMattersInput = z.object(MattersChoice).strict();
export const RemoveCampaignMatterInput = z.object({ matterId: id, reason: text(1000) }).strict();
export const AssignCampaignOwnerInput = z.object({ matterId: id, ownerId: id }).strict();
export const RecordCampaignOutcomeInput = z
  .object({
    matterId: id,
    outcome: z.enum(CAMPAIGN_OUTCOMES),
    note: text(2000),
    /** Files already attached to the matter, named as evidence. */
    attachmentIds: z.array(id).max(CAMPAIGN_LIMITS.evidenceMax).default([]),
  })
  .strict();
export const CorrectCampaignOutcomeInput = RecordCampaignOutcomeInput.extend({ reason: text(2000) }).strict();
export const CampaignNoteInput = z.object({ note: text(1000).optional() }).strict();
export const CampaignCommentInput = z.object({ comment: text(2000) }).strict();

export const CampaignListQuery = z.object({ state: z.enum(CAMPAIGN_STATES).optional() }).strict();

const Count = z.object({ total: z.number().int(), resolved: z.number().int() });
export const CampaignProgressSchema = z.object({
  /** Matters taken on (that the reader may see). */
  total: z.number().int(),
  /** Of those, matters with a current outcome (any of the five). */
  resolved: z.number().int(),
  /** resolved / total, 0..1; null with no matters. */
  share: z.number().nullable(),
  targetPercent: z.number().int(),
  reached: z.boolean(),
  byUnit: z.array(
    Count.extend({
      unitId: z.number().int().nullable(),
      unitName: z.string().nullable(),
      share: z.number().nullable(),
    }),
  ),
  byOutcome: z.array(z.object({ outcome: z.enum(CAMPAIGN_OUTCOMES), count: z.number().int() })),
});

const Evidence = z.object({ id: z.number().int(), filename: z.string() });
export const CampaignOutcomeSchema = z.object({
  id: z.number().int(),
  outcome: z.enum(CAMPAIGN_OUTCOMES),
  note: z.string(),
  recordedById: z.number().int(),
  recordedByName: z.string(),
  recordedAt: timestamp,
  correctionOf: z.number().int().nullable(),
  correctionReason: z.string().nullable(),
  attachments: z.array(Evidence),
});

export const CampaignMatterSchema = z.object({
  matterId: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  state: z.enum(MATTER_STATES),
  leadUnitId: z.number().int().nullable(),
  leadUnitName: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  addedAt: timestamp,
  /** The latest outcome row; null until one is recorded. */
  outcome: CampaignOutcomeSchema.nullable(),
  /** Every outcome row, oldest first (a correction names the row it corrects). */
  history: z.array(CampaignOutcomeSchema),
  /** Whether the reader may record (or, when closed, correct) this matter's outcome. */
  canRecord: z.boolean(),
});

export const CampaignSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  version: z.number().int(),
  periodStart: localDate,
  periodEnd: localDate,
  regionCode: z.string(),
  regionName: z.string(),
  leadUnitId: z.number().int().nullable(),
  leadUnitName: z.string().nullable(),
  targetPercent: z.number().int(),
  workPlan: z.string().nullable(),
  openedByName: z.string(),
  openerUnitName: z.string(),
  openedAt: timestamp,
  closedAt: timestamp.nullable(),
  progress: CampaignProgressSchema,
});
export const CampaignSchema = CampaignSummarySchema.extend({
  matters: z.array(CampaignMatterSchema),
  allowedActions: z.array(z.enum(CAMPAIGN_COMMANDS)),
});
export const CampaignListSchema = z.object({
  items: z.array(CampaignSummarySchema),
  /** Whether the reader may create a campaign (a supervisor or leader of a region-scope unit). */
  canCreate: z.boolean(),
});

/** Files of a campaign's matters (those the reader may see), offered as evidence with an outcome. */
export const CampaignAttachmentsSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      filename: z.string(),
      matterId: z.number().int(),
      caseNumber: z.string(),
    }),
  ),
});

/** Who may own a campaign's matter: staff of units in its region (the server checks each matter too). */
export const CampaignOwnerCandidatesSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), unitName: z.string() })),
});

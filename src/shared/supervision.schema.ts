/**
 * The API contract of supervision cards (督办单, issue 13 item 5), shared with the web app.
 */
import { z } from 'zod';
import { localDate, timestamp } from './api.schema.ts';
import { MATTER_STATES } from './enums.ts';

export const CARD_STATES = ['issued', 'answered', 'accepted', 'withdrawn'] as const;
export type CardState = (typeof CARD_STATES)[number];
export const CARD_COMMANDS = ['answer', 'accept', 'return', 'withdraw', 'escalate', 'comment'] as const;
export type CardCommand = (typeof CARD_COMMANDS)[number];
/** Normal, then yellow, then red: an unanswered card goes up one level when its time runs out. */
export const CARD_LEVELS = ['normal', 'yellow', 'red'] as const;
export type CardLevel = (typeof CARD_LEVELS)[number];

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const IssueCardInput = z
  .object({
    reason: trimmed(2000),
    demand: trimmed(2000),
    level: z.enum(CARD_LEVELS).default('normal'),
    answerBy: z.iso.date(),
    /** The unit that must answer; by default the unit leading the matter. */
    unitId: z.number().int().positive().optional(),
  })
  .strict();
/** How many matters one card on a unit's set may name. */
export const UNIT_CARD_MATTERS_MAX = 50;
/** A card on a unit's set of matters (对单位督办): the unit is named, and its matters. */
export const IssueUnitCardInput = z
  .object({
    reason: trimmed(2000),
    demand: trimmed(2000),
    level: z.enum(CARD_LEVELS).default('normal'),
    answerBy: z.iso.date(),
    unitId: z.number().int().positive(),
    matterIds: z.array(z.number().int().positive()).min(1).max(UNIT_CARD_MATTERS_MAX),
  })
  .strict();
export const CARD_EVIDENCE_MAX = 10;
export const AnswerCardInput = z
  .object({
    answer: trimmed(4000),
    /** Files already attached to the card's matter, named as evidence of what was done. */
    attachmentIds: z.array(z.number().int().positive()).max(CARD_EVIDENCE_MAX).default([]),
  })
  .strict();
export const ReturnCardInput = z.object({ reason: trimmed(2000), answerBy: z.iso.date() }).strict();
export const CardNoteInput = z.object({ note: trimmed(1000).optional() }).strict();
export const CardCommentInput = z.object({ comment: trimmed(2000) }).strict();

const CardMatter = z.object({ id: z.number().int(), caseNumber: z.string(), subject: z.string() });

export const CardSchema = z.object({
  id: z.number().int(),
  /** The matter of a card on a matter; null on a card on a unit's set of matters. */
  matterId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  subject: z.string().nullable(),
  /** Every matter the card is on (one for a card on a matter). */
  matters: z.array(CardMatter),
  state: z.enum(CARD_STATES),
  level: z.enum(CARD_LEVELS),
  version: z.number().int(),
  reason: z.string(),
  demand: z.string(),
  answerBy: localDate,
  targetUnitId: z.number().int(),
  targetUnitName: z.string(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: timestamp.nullable(),
  /** The evidence named with the answer. */
  answerAttachments: z.array(
    z.object({ id: z.number().int(), filename: z.string(), matterId: z.number().int() }),
  ),
  escalations: z.number().int(),
  issuedByName: z.string(),
  issuerUnitName: z.string(),
  issuedAt: timestamp,
  closedAt: timestamp.nullable(),
  /** Past its answer-by date and not answered. */
  overdue: z.boolean(),
  allowedActions: z.array(z.enum(CARD_COMMANDS)),
});

export const CardListSchema = z.object({
  items: z.array(CardSchema),
  counts: z.object({
    issued: z.number().int(),
    answered: z.number().int(),
    accepted: z.number().int(),
    overdue: z.number().int(),
    yellow: z.number().int(),
    red: z.number().int(),
  }),
});

export const CardListQuery = z
  .object({
    /** issued: the cards my unit issued; toMyUnit: those my unit must answer. */
    view: z.enum(['issued', 'toMyUnit']).default('issued'),
    state: z.enum(CARD_STATES).optional(),
    level: z.enum(CARD_LEVELS).optional(),
    /** 'true': only the cards that went up a level unanswered. */
    escalated: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** The files of a card's matters, offered as evidence when the unit answers. */
export const CardAttachmentsSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      filename: z.string(),
      matterId: z.number().int(),
      caseNumber: z.string(),
    }),
  ),
});

/** The matters a supervisor may put on a card to a unit: those it leads, open, in their region. */
export const UnitCardCandidatesSchema = z.object({
  items: z.array(
    CardMatter.extend({
      state: z.enum(MATTER_STATES),
      dueDate: localDate.nullable(),
      overdue: z.boolean(),
    }),
  ),
  /** More matched than are listed. */
  truncated: z.boolean(),
});

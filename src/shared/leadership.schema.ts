/**
 * The API contract of leaders' instructions (阅批, issue 13 item 3), shared with the web app.
 */
import { z } from 'zod';
import { localDate, timestamp } from './api.schema.ts';

export const INSTRUCTION_STATES = ['open', 'answered', 'closed', 'withdrawn'] as const;
export type InstructionState = (typeof INSTRUCTION_STATES)[number];
export const INSTRUCTION_COMMANDS = ['answer', 'close', 'withdraw', 'comment'] as const;
export type InstructionCommand = (typeof INSTRUCTION_COMMANDS)[number];

export const INSTRUCTION_LIMITS = {
  bodyMax: 2000,
  answerMax: 4000,
  commentMax: 2000,
  addresseesMax: 10,
} as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const IssueInstructionInput = z
  .object({
    body: trimmed(INSTRUCTION_LIMITS.bodyMax),
    unitIds: z.array(z.number().int().positive()).min(1).max(INSTRUCTION_LIMITS.addresseesMax),
    answerBy: z.iso.date().optional(),
  })
  .strict();
export const AnswerInstructionInput = z.object({ answer: trimmed(INSTRUCTION_LIMITS.answerMax) }).strict();
export const CommentInstructionInput = z.object({ comment: trimmed(INSTRUCTION_LIMITS.commentMax) }).strict();
export const CloseInstructionInput = z.object({ note: trimmed(1000).optional() }).strict();

export const InstructionAddresseeSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  answer: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: timestamp.nullable(),
  overdue: z.boolean(),
});

export const InstructionSchema = z.object({
  id: z.number().int(),
  matterId: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  state: z.enum(INSTRUCTION_STATES),
  version: z.number().int(),
  body: z.string(),
  answerBy: localDate.nullable(),
  leaderName: z.string(),
  leaderUnitName: z.string(),
  issuedAt: timestamp,
  closedAt: timestamp.nullable(),
  addressees: z.array(InstructionAddresseeSchema),
  /** Open past its answer-by date with at least one unit not yet answered. */
  overdue: z.boolean(),
  /** Only what the server would accept from the viewer now. */
  allowedActions: z.array(z.enum(INSTRUCTION_COMMANDS)),
});

export const InstructionListSchema = z.object({
  items: z.array(InstructionSchema),
  counts: z.object({ open: z.number().int(), answered: z.number().int(), overdue: z.number().int() }),
});

export const InstructionListQuery = z
  .object({
    /** mine: the ones I issued; toMyUnit: those my unit must answer. */
    view: z.enum(['mine', 'toMyUnit']).default('mine'),
    state: z.enum(INSTRUCTION_STATES).optional(),
    /** 'true': only those past their answer-by date with a unit still to answer. */
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const CaseCommandResultSchema = z.object({
  id: z.number().int(),
  state: z.string(),
  version: z.number().int(),
});

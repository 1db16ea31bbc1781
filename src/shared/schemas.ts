import { z } from 'zod';
import {
  CHANNELS,
  LAWFUL_CHANNELS,
  LIMITS,
  LODGED_LEVELS,
  NOT_ACCEPTED_REASONS,
  PURPOSES,
  RATINGS,
  REPLY_OUTCOMES,
  REVIEW_OUTCOMES,
} from './enums.ts';

/**
 * Request schemas shared by the API and the web forms. Messages are produced in Chinese and English
 * from the issue codes (errors/zod-errors.ts), so the schemas carry no text.
 */

// Control characters (other than tab and newlines) are refused: they cannot be stored in jsonb
// audit payloads and have no place in a petition.
// eslint-disable-next-line no-control-regex -- the pattern is the list of refused control characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL.test(s), { params: { reason: 'control_chars' } });

export const regionCode = z.string().regex(/^[0-9]{2,15}$/);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const id = z.coerce.number().int().positive().max(2_147_483_647);

export const PetitionerInput = z.object({
  kind: z.enum(['person', 'organisation']).default('person'),
  name: text(LIMITS.nameMax),
  idNumber: z.string().trim().max(18).optional(),
  phone: z.string().trim().max(30).optional(),
  address: text(300).optional(),
  isRepresentative: z.boolean().default(false),
});
export type PetitionerInput = z.infer<typeof PetitionerInput>;

export const RegisterMatterInput = z.object({
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  categoryCode: z.string().max(80).optional(),
  subject: text(LIMITS.subjectMax),
  content: text(LIMITS.contentMax),
  regionCode,
  lodgedLevel: z.enum(LODGED_LEVELS).optional(),
  target: text(200).optional(),
  reportedUnitId: id.optional(),
  isMisconductReport: z.boolean().default(false),
  receivedAt: z.coerce.date().optional(),
  headCount: z.number().int().min(1).max(LIMITS.maxHeadCount).optional(),
  petitioners: z.array(PetitionerInput).min(1).max(LIMITS.maxPetitionersPerMatter),
  handedDownFrom: text(200).optional(),
  externalDueDate: isoDate.optional(),
});
export type RegisterMatterInput = z.input<typeof RegisterMatterInput>;
export type RegisterMatterParsed = z.output<typeof RegisterMatterInput>;

export const PublicSubmitInput = z.object({
  name: text(LIMITS.nameMax),
  phone: z.string().trim().min(1).max(30),
  idNumber: z.string().trim().max(18).optional(),
  address: text(300).optional(),
  regionCode,
  purpose: z.enum(PURPOSES).default('request'),
  categoryCode: z.string().max(80).optional(),
  subject: text(LIMITS.subjectMax),
  content: text(LIMITS.contentMax),
  isMisconductReport: z.boolean().default(false),
  target: text(200).optional(),
});
export type PublicSubmitInput = z.input<typeof PublicSubmitInput>;

export const DecideInput = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('accept'),
    leadUnitId: id,
    coUnitIds: z.array(id).max(10).default([]),
    categoryCode: z.string().max(80).optional(),
    note: text(2000).optional(),
  }),
  z.object({ decision: z.literal('forward'), unitId: id, note: text(2000).optional() }),
  z.object({
    decision: z.literal('hand_down'),
    unitId: id,
    dueDate: isoDate.optional(),
    note: text(2000).optional(),
  }),
  z.object({
    decision: z.literal('not_accept'),
    reason: z.enum(NOT_ACCEPTED_REASONS),
    lawfulChannel: z.enum(LAWFUL_CHANNELS).optional(),
    explanation: text(2000),
  }),
  z.object({ decision: z.literal('merge'), intoMatterId: id, note: text(2000).optional() }),
]);
export type DecideInput = z.input<typeof DecideInput>;

export const ObjectInput = z.object({ reason: text(2000, 10) });
export const ExtendInput = z.object({
  days: z.number().int().min(1).max(LIMITS.extensionMaxDays),
  reason: text(1000, 4),
});
export const SuspendInput = z.object({ reason: text(1000, 4), expectedResumeDate: isoDate.optional() });
export const ResumeInput = z.object({ note: text(1000).optional() });
export const NoteInput = z.object({ note: text(4000) });
export const ReplyInput = z.object({
  outcome: z.enum(REPLY_OUTCOMES),
  facts: text(10_000),
  legalBasis: text(5000),
  body: text(20_000).optional(),
});
export const RateInput = z.object({ rating: z.enum(RATINGS), comment: text(1000).optional() });
export const RequestReviewInput = z.object({ reason: text(4000) });
export const ReviewDecisionInput = z.object({
  outcome: z.enum(REVIEW_OUTCOMES),
  facts: text(10_000),
  legalBasis: text(5000),
  body: text(20_000).optional(),
});
export const CloseInput = z.object({ note: text(2000).optional() });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(20),
});

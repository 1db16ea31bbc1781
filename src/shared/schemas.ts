import { z } from 'zod';
import { CONTROL_CHARS } from './strict-input.ts';
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

// A visible character: anything but white space, control and format characters (zero-width space,
// joiners, bidi marks, BOM) and the blank "filler" letters that render as nothing.
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Z}\u115F\u1160\u3164\uFFA0\u2800]/u;
const noControl = (s: string) => !CONTROL_CHARS.test(s);

/** A string with no control characters (codes, passwords, search terms); not trimmed. */
export const plain = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine(noControl, { params: { reason: 'control_chars' } });
/** The same, trimmed (numbers typed by hand: phone, ID number). */
export const trimmed = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(noControl, { params: { reason: 'control_chars' } });

/**
 * Free text, trimmed. Required text (min ≥ 1) must show something: a subject of zero-width spaces
 * or of blanks alone is refused, not stored as an empty-looking petition.
 */
export const text = (max: number, min = 1) => {
  const base = z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(noControl, { params: { reason: 'control_chars' }, abort: true });
  return min > 0 ? base.refine((s) => VISIBLE.test(s), { params: { reason: 'no_visible' } }) : base;
};

export const regionCode = z.string().regex(/^[0-9]{2,15}$/);

/** Oldest date or time the system accepts: nothing in a petition office predates 1990. */
export const EARLIEST_DATE = '1990-01-01';
const LATEST_DATE = '2099-12-31';
const isRealDate = (s: string) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};
/** A calendar date YYYY-MM-DD that exists (no 2026-02-30), between 1990 and 2099. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isRealDate, { params: { reason: 'not_a_date' }, abort: true })
  .refine((s) => s >= EARLIEST_DATE && s <= LATEST_DATE, { params: { reason: 'date_range' } });

/**
 * A point in time as JSON carries it: an ISO 8601 date-time with its offset ("2026-03-02T09:00:00+08:00"
 * or "…Z"), not before 1990. Numbers, booleans, null and date-only strings are refused, where
 * `z.coerce.date()` read them as 1970-01-01. Whether it lies in the future is checked against the
 * injected clock by the service (register-matter.ts), which the schema cannot see.
 */
export const dateTime = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() >= Date.parse(`${EARLIEST_DATE}T00:00:00Z`), {
    params: { reason: 'date_range' },
  });

const MAX_ID = 2_147_483_647;
/** An id in a JSON body: a JSON integer. `true`, `"1"` and `[1]` are refused, not read as 1. */
export const id = z.number().int().positive().max(MAX_ID);
/** A case number (区划-日期-序号, e.g. 440305-20261124-000389), as the staff read it off a notice. */
export const caseNumberRef = z
  .string()
  .trim()
  .regex(/^\d{6}-\d{8}-\d{6}$/);
/**
 * An id in a path or query string, which are text by nature: digits only, so `1abc`, `true` and
 * `1e3` are refused rather than parsed.
 */
export const idParam = z
  .string()
  .regex(/^[0-9]{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ID));
/** A whole number in a query string: optional minus sign and digits, nothing else. */
export const intQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?[0-9]{1,9}$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const PetitionerInput = z.object({
  kind: z.enum(['person', 'organisation']).default('person'),
  name: text(LIMITS.nameMax),
  idNumber: trimmed(18).optional(),
  phone: trimmed(30).optional(),
  address: text(300).optional(),
  isRepresentative: z.boolean().default(false),
});
export type PetitionerInput = z.infer<typeof PetitionerInput>;

export const RegisterMatterInput = z.object({
  channel: z.enum(CHANNELS),
  purpose: z.enum(PURPOSES),
  categoryCode: plain(80).optional(),
  subject: text(LIMITS.subjectMax),
  content: text(LIMITS.contentMax),
  regionCode,
  lodgedLevel: z.enum(LODGED_LEVELS).optional(),
  target: text(200).optional(),
  reportedUnitId: id.optional(),
  isMisconductReport: z.boolean().default(false),
  receivedAt: dateTime.optional(),
  headCount: z.number().int().min(1).max(LIMITS.maxHeadCount).optional(),
  petitioners: z.array(PetitionerInput).min(1).max(LIMITS.maxPetitionersPerMatter),
  handedDownFrom: text(200).optional(),
  externalDueDate: isoDate.optional(),
  /** The reception session (领导接访, 下访) the matter is registered at (issue 14). */
  receptionSessionId: id.optional(),
});
export type RegisterMatterInput = z.input<typeof RegisterMatterInput>;
export type RegisterMatterParsed = z.output<typeof RegisterMatterInput>;

export const PublicSubmitInput = z.object({
  name: text(LIMITS.nameMax),
  phone: text(30),
  idNumber: trimmed(18).optional(),
  address: text(300).optional(),
  regionCode,
  purpose: z.enum(PURPOSES).default('request'),
  categoryCode: plain(80).optional(),
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
    categoryCode: plain(80).optional(),
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
  // The matter merged into: its id, or its case number as printed on every notice.
  z.object({
    decision: z.literal('merge'),
    intoMatterId: z.union([id, caseNumberRef]),
    note: text(2000).optional(),
  }),
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
  page: intQuery(1, 100_000).default(1),
  pageSize: intQuery(1, LIMITS.pageSizeMax).default(20),
});

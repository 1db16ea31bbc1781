/**
 * The API contract of follow-ups (回访, issue 13 item 6), shared with the web app.
 */
import { z } from 'zod';
import { timestamp } from './api.schema.ts';
import { FOLLOW_UP_RESULTS } from './enums.ts';

export const FOLLOW_UP_STATES = ['recorded', 'flagged', 'taken_up'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_COMMANDS = ['take_up', 'comment'] as const;
export type FollowUpCommand = (typeof FOLLOW_UP_COMMANDS)[number];
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'sms', 'online'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const RecordFollowUpInput = z
  .object({
    method: z.enum(FOLLOW_UP_METHODS),
    reached: z.boolean(),
    /** Required when the petitioner was reached, absent when not. */
    solved: z.enum(FOLLOW_UP_RESULTS).optional(),
    opinion: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
/** The portal's questionnaire (网上回访): whoever answers it was reached, so only the answer is asked. */
export const OnlineFollowUpInput = z
  .object({ solved: z.enum(FOLLOW_UP_RESULTS), opinion: RecordFollowUpInput.shape.opinion })
  .strict();
export const TakeUpFollowUpInput = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export const FollowUpCommentInput = z.object({ comment: z.string().trim().min(1).max(2000) }).strict();

export const FollowUpSchema = z.object({
  id: z.number().int(),
  matterId: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  state: z.enum(FOLLOW_UP_STATES),
  method: z.enum(FOLLOW_UP_METHODS),
  reached: z.boolean(),
  solved: z.enum(FOLLOW_UP_RESULTS).nullable(),
  opinion: z.string().nullable(),
  /** Null when the petitioner answered the portal's questionnaire themselves (网上回访). */
  recordedByName: z.string().nullable(),
  unitName: z.string(),
  recordedAt: timestamp,
  allowedActions: z.array(z.enum(FOLLOW_UP_COMMANDS)),
});

export const FollowUpListSchema = z.object({
  items: z.array(FollowUpSchema),
  /** Whether the viewer may record a follow-up on the matter now (false for the unsolved list). */
  canRecord: z.boolean(),
});

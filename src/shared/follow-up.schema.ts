/**
 * The API contract of follow-ups (回访, issue 13 item 6), shared with the web app.
 */
import { z } from 'zod';
import { timestamp } from './api.schema.ts';

export const FOLLOW_UP_STATES = ['recorded', 'flagged', 'taken_up'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_COMMANDS = ['take_up', 'comment'] as const;
export type FollowUpCommand = (typeof FOLLOW_UP_COMMANDS)[number];
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'sms', 'online'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
export const FOLLOW_UP_RESULTS = ['solved', 'partly', 'not_solved'] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];

export const RecordFollowUpInput = z
  .object({
    method: z.enum(FOLLOW_UP_METHODS),
    reached: z.boolean(),
    /** Required when the petitioner was reached, absent when not. */
    solved: z.enum(FOLLOW_UP_RESULTS).optional(),
    opinion: z.string().trim().min(1).max(2000).optional(),
  })
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
  recordedByName: z.string(),
  unitName: z.string(),
  recordedAt: timestamp,
  allowedActions: z.array(z.enum(FOLLOW_UP_COMMANDS)),
});

export const FollowUpListSchema = z.object({
  items: z.array(FollowUpSchema),
  /** Whether the viewer may record a follow-up on the matter now (false for the unsolved list). */
  canRecord: z.boolean(),
});

import { z } from 'zod';
import { timestamp } from './api.schema.ts';

/**
 * What a notice in the inbox can be about. Each kind has a label in both languages (labels.ts) and
 * the web app links it to its matter or case.
 */
export const NOTIFICATION_KINDS = [
  'deadline_warning',
  'deadline_overdue',
  'instruction_received',
  'instruction_answered',
  'instruction_warning',
  'instruction_overdue',
  'card_received',
  'card_answered',
  'card_returned',
  'card_accepted',
  'card_warning',
  'card_escalated',
  'card_overdue',
  'follow_up_unsolved',
  'ownership_assigned',
  'ownership_step_assigned',
  'ownership_progress',
  'ownership_step_warning',
  'ownership_step_overdue',
  'ownership_matter_replied',
  // — issue 14 · reception days —
  'reception_scheduled',
  'appointment_requested',
  'appointment_answered',
  // — issue 14 · backlog and campaigns —
  'campaign_matter_owned',
  // — issue 14 · joint meetings —
  'meeting_scheduled',
  'meeting_assignment_received',
  'meeting_assignment_reported',
  'meeting_assignment_returned',
  'meeting_assignment_accepted',
  'meeting_assignment_warning',
  'meeting_assignment_overdue',
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  'letter_issued',
  'letter_signed',
  'letter_amended',
  'accountability_opened',
  'accountability_responded',
  'accountability_returned',
  'accountability_concluded',
  'accountability_warning',
  'accountability_overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
  matterId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  subject: z.string().nullable(),
  caseId: z.number().int().nullable(),
  caseType: z.string().nullable(),
  /** Flat facts of the notice (the deadline's kind and date, the instruction's first words …). */
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const InboxPageSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int(),
  total: z.number().int(),
});

export const InboxQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const UnreadCountSchema = z.object({ unread: z.number().int() });

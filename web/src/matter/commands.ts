import type { z } from 'zod';
import {
  CloseInput,
  DecideInput,
  ExtendInput,
  NoteInput,
  ObjectInput,
  RateInput,
  ReplyInput,
  RequestReviewInput,
  ResumeInput,
  ReviewDecisionInput,
  SuspendInput,
} from '../../../src/shared/schemas.ts';
import { IdentifyReportedUnitInput } from '../../../src/shared/reported-unit.schema.ts';

/** How each command of allowedActions is sent: its endpoint, its schema, the fixed part of its body. */
export interface CommandSpec {
  endpoint: string;
  schema: z.ZodType;
  fixed?: Record<string, unknown>;
  /** Only a confirmation (and maybe an optional note) is asked. */
  confirm?: boolean;
}

export const COMMANDS: Record<string, CommandSpec> = {
  accept: { endpoint: 'decide', schema: DecideInput, fixed: { decision: 'accept' } },
  forward: { endpoint: 'decide', schema: DecideInput, fixed: { decision: 'forward' } },
  hand_down: { endpoint: 'decide', schema: DecideInput, fixed: { decision: 'hand_down' } },
  not_accept: { endpoint: 'decide', schema: DecideInput, fixed: { decision: 'not_accept' } },
  merge: { endpoint: 'decide', schema: DecideInput, fixed: { decision: 'merge' } },
  sign_for: { endpoint: 'sign-for', schema: CloseInput, confirm: true },
  object: { endpoint: 'object', schema: ObjectInput },
  extend: { endpoint: 'extend', schema: ExtendInput },
  suspend: { endpoint: 'suspend', schema: SuspendInput },
  resume: { endpoint: 'resume', schema: ResumeInput, confirm: true },
  add_note: { endpoint: 'notes', schema: NoteInput },
  reply: { endpoint: 'reply', schema: ReplyInput },
  rate: { endpoint: 'rate', schema: RateInput },
  request_review: { endpoint: 'request-review', schema: RequestReviewInput },
  decide_review: { endpoint: 'decide-review', schema: ReviewDecisionInput },
  request_recheck: { endpoint: 'request-recheck', schema: RequestReviewInput },
  decide_recheck: { endpoint: 'decide-recheck', schema: ReviewDecisionInput },
  close: { endpoint: 'close', schema: CloseInput, confirm: true },
  conclude: { endpoint: 'conclude', schema: CloseInput, confirm: true },
  identify_reported_unit: { endpoint: 'identify-reported-unit', schema: IdentifyReportedUnitInput },
};

/** Buttons that change the matter's course are primary; the rest are secondary. */
export const PRIMARY = new Set(['accept', 'sign_for', 'reply', 'decide_review', 'decide_recheck']);
export const DANGER = new Set(['not_accept', 'conclude']);

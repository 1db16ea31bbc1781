import type { z } from 'zod';
import { parseOrThrow } from '../errors/zod-errors.ts';
import type { AppContext } from '../app/context.ts';
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
} from '../shared/schemas.ts';
import { decide } from './commands/decide.ts';
import {
  assertMisconductRouting,
  identifyReportedUnit,
  IdentifyReportedUnitInput,
} from './commands/misconduct.ts';
import { addNote, extend, objectToAssignment, reply, resume, signFor, suspend } from './commands/handling.ts';
import { close, conclude, decideReview, rate, requestRecheck, requestReview } from './commands/review.ts';
import { runCommand, type CommandActor } from './run-command.ts';
import type { Command } from './state-machine.ts';

/**
 * The lifecycle commands, one function each (async, so bad input is a rejected promise like any error), as the HTTP routes, the CLI, the scanner and the
 * demo call them. Input is validated here, so every caller gets the same bilingual errors.
 */
export const matterCommands = {
  async decide(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(DecideInput, body);
    const command: Command = input.decision;
    return runCommand(ctx, actor, matterId, command, async (args) => {
      await assertMisconductRouting(args, input);
      return decide(args, input);
    });
  },
  signFor: (ctx: AppContext, actor: CommandActor, matterId: number) =>
    runCommand(ctx, actor, matterId, 'sign_for', signFor),
  async object(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(ObjectInput, body);
    return runCommand(ctx, actor, matterId, 'object', (args) => objectToAssignment(args, input));
  },
  async extend(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(ExtendInput, body);
    return runCommand(ctx, actor, matterId, 'extend', (args) => extend(args, input));
  },
  async suspend(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(SuspendInput, body);
    return runCommand(ctx, actor, matterId, 'suspend', (args) => suspend(args, input));
  },
  async resume(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(ResumeInput, body ?? {});
    return runCommand(ctx, actor, matterId, 'resume', (args) => resume(args, input.note));
  },
  async reply(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(ReplyInput, body);
    return runCommand(ctx, actor, matterId, 'reply', (args) => reply(args, input));
  },
  async addNote(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(NoteInput, body);
    return runCommand(ctx, actor, matterId, 'add_note', (args) => addNote(args, input.note));
  },
  async rate(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(RateInput, body);
    return runCommand(ctx, actor, matterId, 'rate', (args) => rate(args, input));
  },
  async requestReview(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(RequestReviewInput, body);
    return runCommand(ctx, actor, matterId, 'request_review', (args) => requestReview(args, input));
  },
  async decideReview(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(ReviewDecisionInput, body);
    return runCommand(ctx, actor, matterId, 'decide_review', (args) => decideReview(args, 'review', input));
  },
  async requestRecheck(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(RequestReviewInput, body);
    return runCommand(ctx, actor, matterId, 'request_recheck', (args) => requestRecheck(args, input));
  },
  async decideRecheck(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(ReviewDecisionInput, body);
    return runCommand(ctx, actor, matterId, 'decide_recheck', (args) => decideReview(args, 'recheck', input));
  },
  async close(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(CloseInput, body ?? {});
    return runCommand(ctx, actor, matterId, 'close', (args) => close(args, input.note, 'closed_by_staff'));
  },
  async conclude(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(CloseInput, body ?? {});
    return runCommand(ctx, actor, matterId, 'conclude', (args) => conclude(args, input.note));
  },
  async identifyReportedUnit(ctx: AppContext, actor: CommandActor, matterId: number, body: unknown) {
    const input = parseOrThrow(IdentifyReportedUnitInput, body);
    return runCommand(ctx, actor, matterId, 'identify_reported_unit', (args) =>
      identifyReportedUnit(args, input),
    );
  },
};

/**
 * The body each command reads, declared on its route so the OpenAPI document shows it and bad input
 * is refused before the command runs. Resume, close and conclude take an optional note, so their
 * body may be left out; sign for reads none.
 */
export const COMMAND_BODIES: Partial<Record<keyof typeof matterCommands, z.ZodType>> = {
  resume: ResumeInput.optional(),
  close: CloseInput.optional(),
  conclude: CloseInput.optional(),
  identifyReportedUnit: IdentifyReportedUnitInput,
  decide: DecideInput,
  object: ObjectInput,
  extend: ExtendInput,
  suspend: SuspendInput,
  reply: ReplyInput,
  addNote: NoteInput,
  rate: RateInput,
  requestReview: RequestReviewInput,
  decideReview: ReviewDecisionInput,
  requestRecheck: RequestReviewInput,
  decideRecheck: ReviewDecisionInput,
};

/** URL verbs for the commands, used by the HTTP routes and the web client. */
export const COMMAND_ROUTES = {
  decide: 'decide',
  'sign-for': 'signFor',
  object: 'object',
  extend: 'extend',
  suspend: 'suspend',
  resume: 'resume',
  reply: 'reply',
  notes: 'addNote',
  rate: 'rate',
  'request-review': 'requestReview',
  'decide-review': 'decideReview',
  'request-recheck': 'requestRecheck',
  'decide-recheck': 'decideRecheck',
  close: 'close',
  conclude: 'conclude',
  'identify-reported-unit': 'identifyReportedUnit',
} as const satisfies Record<string, keyof typeof matterCommands>;

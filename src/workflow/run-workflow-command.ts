import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents, type NewEvent, type Trx } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { writeNotifications, type NotificationDraft } from '../inbox/notify.ts';
import { toEventActor, type CaseActor } from './actor.ts';
import { transitionOf, type Workflow } from './workflow.ts';

/**
 * How one case type is stored and guarded: everything the kernel needs besides the table of
 * states. A matter, an instruction or a supervision card each give one of these; the lock, the
 * checks, the state write and the audit events are the kernel's, written once.
 */
export interface CaseTypeBinding<S extends string, C extends string, L> {
  workflow: Workflow<S, C>;
  /** What the case is called in a "not found" message. */
  noun: { zh: string; en: string };
  /** Reads the case with its row lock, so the state checked is the state changed. */
  lock(trx: Trx, id: number): Promise<L | null>;
  stateOf(locked: L): S;
  versionOf(locked: L): number;
  /** Writes the new state and version together with the handler's columns. */
  write(trx: Trx, id: number, set: Record<string, unknown>, now: Date): Promise<void>;
  /** The case's event stream; `matterId` only for the matter's own stream. */
  stream(id: number, locked: L): { stream: string; matterId: number | null };
  /** Data scope: a case out of scope is "not found", never "forbidden". */
  canSee: (user: StaffUser, locked: L) => boolean;
  /** The one permission policy's answer for this command on this case. */
  canRun: (user: StaffUser, command: C, locked: L) => boolean;
  illegal(state: S, command: C, allowed: C[]): AppError;
  forbidden(command: C): AppError;
  /**
   * Optional: what the case type proves in its last event about the rows the command wrote
   * (the matter's deadlines and documents). Runs after the state write, inside the transaction.
   */
  seal?(args: SealArgs<S, L>): Promise<Omit<NewEvent, 'at'>[]>;
  /** Optional: read before the handler runs, passed to `seal` (the deadlines open before). */
  prepare?(trx: Trx, id: number): Promise<unknown>;
}

export interface SealArgs<S extends string, L> {
  trx: Trx;
  id: number;
  locked: L;
  actor: CaseActor;
  now: Date;
  from: S;
  to: S;
  set: Record<string, unknown>;
  events: Omit<NewEvent, 'at'>[];
  prepared: unknown;
}

export interface WorkflowHandlerArgs<S extends string, L> {
  /** The command's transaction (the same as `ctx.db`). */
  trx: Trx;
  ctx: TxContext;
  id: number;
  locked: L;
  now: Date;
  actor: CaseActor;
  /** Where the command leads; the first when the table offers several. */
  to: S;
  targets: readonly S[];
}

export interface WorkflowOutcome<S extends string> {
  /** Columns to set on the case row besides state and version. */
  set?: Record<string, unknown>;
  /** The handler's choice when the table offers several targets. */
  to?: S;
  events: Omit<NewEvent, 'at'>[];
  /** Notices caused by this command, written in its transaction, linked to its last event. */
  notify?: NotificationDraft[];
  result?: Record<string, unknown>;
}

export interface CommandResult<S extends string> {
  id: number;
  state: S;
  version: number;
  result: Record<string, unknown>;
}

/**
 * The one path for every state change of every case type, inside a transaction the caller holds:
 * lock the case, check it is visible, that the command is lawful in its state and that the actor
 * may run it, let the handler work, then write the new state and version, the audit events and the
 * notifications in that same transaction. The scanner calls this directly to escalate inside the
 * transaction that claimed the deadline, so an escalation happens exactly once.
 */
export async function executeWorkflowCommand<S extends string, C extends string, L>(
  tx: TxContext,
  binding: CaseTypeBinding<S, C, L>,
  actor: CaseActor,
  id: number,
  command: C,
  handler: (args: WorkflowHandlerArgs<S, L>) => Promise<WorkflowOutcome<S>>,
  opts: { expectedVersion?: number } = {},
): Promise<CommandResult<S>> {
  const trx = tx.db;
  const locked = await binding.lock(trx, id);
  if (!locked) throw notFound(binding.noun.zh, binding.noun.en);
  if (actor.kind === 'staff' && !binding.canSee(actor.user, locked))
    throw notFound(binding.noun.zh, binding.noun.en);
  const state = binding.stateOf(locked);
  const t = transitionOf(binding.workflow, state, command);
  if (!t.ok) throw binding.illegal(state, command, t.allowed);
  if (actor.kind === 'staff' && !binding.canRun(actor.user, command, locked))
    throw binding.forbidden(command);
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== binding.versionOf(locked)) {
    throw new AppError(
      'conflict',
      `${binding.noun.zh}已被他人更新，请刷新后重试`,
      `The ${binding.noun.en.toLowerCase()} changed meanwhile; reload and retry`,
    );
  }
  const now = tx.clock();
  const prepared = binding.prepare ? await binding.prepare(trx, id) : undefined;
  const outcome = await handler({
    trx,
    ctx: tx,
    id,
    locked,
    now,
    actor,
    to: t.targets[0]!,
    targets: t.targets,
  });
  const to = outcome.to ?? t.targets[0]!;
  if (!t.targets.includes(to)) throw new Error(`${binding.workflow.type}: ${command} may not lead to ${to}`);
  const version = binding.versionOf(locked) + 1;
  const set = { ...(outcome.set ?? {}), state: to, version };
  await binding.write(trx, id, set, now);
  const events = binding.seal
    ? await binding.seal({
        trx,
        id,
        locked,
        actor,
        now,
        from: state,
        to,
        set,
        events: outcome.events,
        prepared,
      })
    : outcome.events;
  const target = binding.stream(id, locked);
  const seqs = await appendEvents(
    trx,
    target,
    toEventActor(actor),
    events.map((e) => ({ ...e, at: now, payload: { ...e.payload, from: state, to } })),
  );
  if (outcome.notify?.length && seqs.length > 0) {
    await writeNotifications(
      trx,
      { stream: target.stream, seq: seqs[seqs.length - 1]!, at: now },
      outcome.notify,
    );
  }
  return { id, state: to, version, result: outcome.result ?? {} };
}

/** `executeWorkflowCommand` in a transaction of its own: what routes, the CLI and the demo call. */
export function runWorkflowCommand<S extends string, C extends string, L>(
  ctx: AppContext,
  binding: CaseTypeBinding<S, C, L>,
  actor: CaseActor,
  id: number,
  command: C,
  handler: (args: WorkflowHandlerArgs<S, L>) => Promise<WorkflowOutcome<S>>,
  opts: { expectedVersion?: number } = {},
): Promise<CommandResult<S>> {
  return withTransaction(ctx, (tx) => executeWorkflowCommand(tx, binding, actor, id, command, handler, opts));
}

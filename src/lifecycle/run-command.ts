import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents, matterStream, type Actor, type NewEvent, type Trx } from '../audit/event-log.ts';
import { deadlineRecords, matterRecord, type EventRecord } from '../audit/event-record.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { issueDocumentNumber, NOTICE_OF_EVENT } from '../documents/document-numbers.ts';
import { openDeadlines } from '../deadlines/deadline.repository.ts';
import { AppError, forbidden, notFound } from '../errors/app-error.ts';
import { COMMAND_LABELS, STATE_LABELS, label } from '../shared/labels.ts';
import type { MatterState } from '../shared/enums.ts';
import { lockMatter, type LockedMatter } from './matter.repository.ts';
import { canRunCommand, canSeeMatter } from './policy.ts';
import { transition, type Command } from './state-machine.ts';

export type CommandActor = { kind: 'staff'; user: StaffUser } | { kind: 'petitioner' } | { kind: 'system' };

export interface CommandOutcome {
  /** Columns to set on the matter besides state and version. */
  set?: Record<string, unknown>;
  events: Omit<NewEvent, 'at'>[];
  result?: Record<string, unknown>;
}

export interface CommandHandlerArgs {
  /** The command's transaction (the same as `ctx.db`). */
  trx: Trx;
  ctx: TxContext;
  matter: LockedMatter;
  now: Date;
  actor: CommandActor;
  to: MatterState;
}

export function illegalTransition(state: MatterState, command: Command, allowed: Command[]): AppError {
  const s = label(STATE_LABELS, state);
  const c = label(COMMAND_LABELS, command);
  const zh = allowed.map((a) => label(COMMAND_LABELS, a).zh).join('、') || '无';
  const en = allowed.map((a) => label(COMMAND_LABELS, a).en).join(', ') || 'nothing';
  return new AppError(
    'illegal_transition',
    `事项当前状态为「${s.zh}」，不能执行「${c.zh}」。当前允许的操作：${zh}`,
    `The matter is ${s.en}; "${c.en}" is not allowed. Allowed now: ${en}`,
    [],
    { state, command, allowed },
  );
}

export const toEventActor = (actor: CommandActor): Actor =>
  actor.kind === 'staff'
    ? { kind: 'staff', userId: actor.user.id, unitId: actor.user.unit.id }
    : { kind: actor.kind, userId: null, unitId: null };

/**
 * The one path for every state change of a matter: lock the row, check the lawful transition and
 * the actor's permission, let the command's handler do its work, then write the new state and the
 * audit events in the same transaction.
 */
export async function runCommand(
  ctx: AppContext,
  actor: CommandActor,
  matterId: number,
  command: Command,
  handler: (args: CommandHandlerArgs) => Promise<CommandOutcome>,
  opts: { expectedVersion?: number } = {},
): Promise<{ matterId: number; state: MatterState; version: number; result: Record<string, unknown> }> {
  return withTransaction(ctx, async (tx) => {
    const trx = tx.db;
    const matter = await lockMatter(trx, matterId);
    if (!matter) throw notFound('信访事项', 'Matter');
    if (actor.kind === 'staff' && !canSeeMatter(actor.user, matter.facts))
      throw notFound('信访事项', 'Matter');
    const state = matter.row.state as MatterState;
    const t = transition(state, command);
    if (!t.ok) throw illegalTransition(state, command, t.allowed);
    if (actor.kind === 'staff' && !canRunCommand(actor.user, command, matter.facts)) {
      const c = label(COMMAND_LABELS, command);
      throw forbidden(
        `您的角色或单位无权对此事项执行「${c.zh}」`,
        `Your role or unit may not "${c.en}" this matter`,
      );
    }
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== matter.row.version) {
      throw new AppError(
        'conflict',
        '事项已被他人更新，请刷新后重试',
        'The matter changed meanwhile; reload and retry',
      );
    }
    const now = ctx.clock();
    const before = await openDeadlines(trx, matterId);
    const outcome = await handler({ trx, ctx: tx, matter, now, actor, to: t.to });
    const version = matter.row.version + 1;
    const set = { ...(outcome.set ?? {}), state: t.to, version };
    await trx.updateTable('matters').set(set).where('id', '=', matterId).execute();
    // The last event records the rows this command wrote, so audit verify can replay them.
    const after = await openDeadlines(trx, matterId);
    const record: EventRecord = {
      matter: matterRecord(set),
      deadlines: {
        opened: deadlineRecords(after.filter((d) => !before.some((b) => b.id === d.id))),
        closed: deadlineRecords(before.filter((b) => !after.some((d) => d.id === b.id))),
      },
    };
    // A decision the petitioner is told of in writing gets its 文号 as it is made, in this
    // transaction, and its event carries the number, so the log says which document was issued.
    const events: CommandOutcome['events'] = [];
    for (const e of outcome.events) {
      const notice = NOTICE_OF_EVENT[e.kind];
      const unitId =
        (e.payload?.record as EventRecord | undefined)?.decision?.unitId ??
        (actor.kind === 'staff' ? actor.user.unit.id : null);
      if (!notice || unitId === null) {
        events.push(e);
        continue;
      }
      const docNumber = await issueDocumentNumber(trx, { matterId, kind: notice, unitId, at: now });
      events.push({ ...e, payload: { ...e.payload, docNumber } });
    }
    const last = events.length - 1;
    await appendEvents(
      trx,
      { stream: matterStream(matterId), matterId },
      toEventActor(actor),
      events.map((e, i) => ({
        ...e,
        at: now,
        payload: {
          ...e.payload,
          from: state,
          to: t.to,
          ...(i === last ? { record: { ...(e.payload?.record as EventRecord | undefined), ...record } } : {}),
        },
      })),
    );
    return { matterId, state: t.to, version, result: outcome.result ?? {} };
  });
}

import type { AppContext, TxContext } from '../app/context.ts';
import { matterStream, type NewEvent, type Trx } from '../audit/event-log.ts';
import { deadlineRecords, matterRecord, type EventRecord } from '../audit/event-record.ts';
import { issueDocumentNumber, NOTICE_OF_EVENT } from '../documents/document-numbers.ts';
import { openDeadlines } from '../deadlines/deadline.repository.ts';
import { AppError, forbidden } from '../errors/app-error.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { COMMAND_LABELS, STATE_LABELS, label } from '../shared/labels.ts';
import type { MatterState } from '../shared/enums.ts';
import type { CaseActor } from '../workflow/actor.ts';
import {
  executeWorkflowCommand,
  runWorkflowCommand,
  type CaseTypeBinding,
  type SealArgs,
} from '../workflow/run-workflow-command.ts';
import { lockMatter, type LockedMatter } from './matter.repository.ts';
import { canRunCommand, canSeeMatter } from './policy.ts';
import { MATTER_WORKFLOW, type Command } from './state-machine.ts';

export { toEventActor } from '../workflow/actor.ts';
export type CommandActor = CaseActor;

export interface CommandOutcome {
  /** Columns to set on the matter besides state and version. */
  set?: Record<string, unknown>;
  events: Omit<NewEvent, 'at'>[];
  notify?: NotificationDraft[];
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

/**
 * What the matter's last event proves about the rows its command wrote (the matter's columns, the
 * deadlines opened and closed), and the 文号 of a decision the petitioner is told of in writing,
 * issued in this transaction so the log says which document was issued.
 */
async function sealMatterEvents(a: SealArgs<MatterState, LockedMatter>): Promise<Omit<NewEvent, 'at'>[]> {
  const before = a.prepared as Awaited<ReturnType<typeof openDeadlines>>;
  const after = await openDeadlines(a.trx, a.id);
  const record: EventRecord = {
    matter: matterRecord(a.set),
    deadlines: {
      opened: deadlineRecords(after.filter((d) => !before.some((b) => b.id === d.id))),
      closed: deadlineRecords(before.filter((b) => !after.some((d) => d.id === b.id))),
    },
  };
  const events: Omit<NewEvent, 'at'>[] = [];
  for (const e of a.events) {
    const notice = NOTICE_OF_EVENT[e.kind];
    const unitId =
      (e.payload?.record as EventRecord | undefined)?.decision?.unitId ??
      (a.actor.kind === 'staff' ? a.actor.user.unit.id : null);
    if (!notice || unitId === null) {
      events.push(e);
      continue;
    }
    const docNumber = await issueDocumentNumber(a.trx, { matterId: a.id, kind: notice, unitId, at: a.now });
    events.push({ ...e, payload: { ...e.payload, docNumber } });
  }
  const last = events.length - 1;
  return events.map((e, i) =>
    i === last
      ? {
          ...e,
          payload: { ...e.payload, record: { ...(e.payload?.record as EventRecord | undefined), ...record } },
        }
      : e,
  );
}

/** The matter as a case type of the workflow kernel. */
export const MATTER_BINDING: CaseTypeBinding<MatterState, Command, LockedMatter> = {
  workflow: MATTER_WORKFLOW,
  noun: { zh: '信访事项', en: 'Matter' },
  lock: lockMatter,
  stateOf: (m) => m.row.state as MatterState,
  versionOf: (m) => m.row.version,
  write: async (trx, id, set) => {
    await trx.updateTable('matters').set(set).where('id', '=', id).execute();
  },
  stream: (id) => ({ stream: matterStream(id), matterId: id }),
  canSee: (user, m) => canSeeMatter(user, m.facts),
  canRun: (user, command, m) => canRunCommand(user, command, m.facts),
  illegal: illegalTransition,
  forbidden: (command) => {
    const c = label(COMMAND_LABELS, command);
    return forbidden(
      `您的角色或单位无权对此事项执行「${c.zh}」`,
      `Your role or unit may not "${c.en}" this matter`,
    );
  },
  prepare: (trx, id) => openDeadlines(trx, id),
  seal: sealMatterEvents,
};

const adapt =
  (handler: (args: CommandHandlerArgs) => Promise<CommandOutcome>) =>
  (a: Parameters<Parameters<typeof runWorkflowCommand<MatterState, Command, LockedMatter>>[5]>[0]) =>
    handler({ trx: a.trx, ctx: a.ctx, matter: a.locked, now: a.now, actor: a.actor, to: a.to });

/**
 * The one path for every state change of a matter: the workflow kernel's, with the matter's lock,
 * permission policy and sealed audit record.
 */
export async function runCommand(
  ctx: AppContext,
  actor: CommandActor,
  matterId: number,
  command: Command,
  handler: (args: CommandHandlerArgs) => Promise<CommandOutcome>,
  opts: { expectedVersion?: number } = {},
): Promise<{ matterId: number; state: MatterState; version: number; result: Record<string, unknown> }> {
  const r = await runWorkflowCommand(ctx, MATTER_BINDING, actor, matterId, command, adapt(handler), opts);
  return { matterId: r.id, state: r.state, version: r.version, result: r.result };
}

/** `runCommand` inside a transaction the caller already holds (the scanner's). */
export async function runCommandIn(
  tx: TxContext,
  actor: CommandActor,
  matterId: number,
  command: Command,
  handler: (args: CommandHandlerArgs) => Promise<CommandOutcome>,
) {
  const r = await executeWorkflowCommand(tx, MATTER_BINDING, actor, matterId, command, adapt(handler));
  return { matterId: r.id, state: r.state, version: r.version, result: r.result };
}

import type { Selectable } from 'kysely';
import type { TxContext } from '../app/context.ts';
import { appendEvents, caseStream, type NewEvent, type Trx } from '../audit/event-log.ts';
import type { CasesTable } from '../db/schema.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { AppError, forbidden, notFound } from '../errors/app-error.ts';
import { matterFacts } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import { writeNotifications, type NotificationDraft } from '../inbox/notify.ts';
import type { Label } from '../shared/labels.ts';
import { toEventActor, type CaseActor } from './actor.ts';
import type { CaseTypeBinding } from './run-workflow-command.ts';
import type { Workflow } from './workflow.ts';

export type CaseRow = Selectable<CasesTable>;
export type CaseType = CasesTable['type'];

/** A case read under its row lock, with what its type adds (its own table's row, the matter's facts). */
export interface LockedCase<X> {
  row: CaseRow;
  extra: X;
}

export async function lockCase(trx: Trx, type: CaseType, id: number): Promise<CaseRow | null> {
  return (
    (await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', id)
      .where('type', '=', type)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/**
 * The kernel binding of a case type stored in `cases`: the row lock, the state write (closing the
 * case when it reaches a terminal state) and its own stream. The type gives its workflow, labels,
 * what it reads beside the row, and its rules from the one policy.
 */
export function casesTableBinding<S extends string, C extends string, X>(spec: {
  workflow: Workflow<S, C> & { type: CaseType };
  noun: Label;
  stateLabels: Record<S, Label>;
  commandLabels: Record<C, Label>;
  load: (trx: Trx, row: CaseRow) => Promise<X>;
  canSee: CaseTypeBinding<S, C, LockedCase<X>>['canSee'];
  canRun: CaseTypeBinding<S, C, LockedCase<X>>['canRun'];
}): CaseTypeBinding<S, C, LockedCase<X>> {
  const terminal = new Set<string>(spec.workflow.terminal);
  return {
    workflow: spec.workflow,
    noun: spec.noun,
    async lock(trx, id) {
      const row = await lockCase(trx, spec.workflow.type, id);
      return row ? { row, extra: await spec.load(trx, row) } : null;
    },
    stateOf: (c) => c.row.state as S,
    versionOf: (c) => c.row.version,
    async write(trx, id, set, now) {
      await trx
        .updateTable('cases')
        .set({ ...set, ...(terminal.has(String(set.state)) ? { closed_at: now } : {}) })
        .where('id', '=', id)
        .execute();
    },
    stream: (id) => ({ stream: caseStream(id), matterId: null }),
    canSee: spec.canSee,
    canRun: spec.canRun,
    illegal(state, command, allowed) {
      const s = spec.stateLabels[state];
      const c = spec.commandLabels[command];
      const zh = allowed.map((a) => spec.commandLabels[a].zh).join('、') || '无';
      const en = allowed.map((a) => spec.commandLabels[a].en).join(', ') || 'nothing';
      return new AppError(
        'illegal_transition',
        `${spec.noun.zh}当前状态为「${s.zh}」，不能执行「${c.zh}」。当前允许的操作：${zh}`,
        `The ${spec.noun.en.toLowerCase()} is ${s.en.toLowerCase()}; "${c.en}" is not allowed. Allowed now: ${en}`,
        [],
        { state, command, allowed },
      );
    },
    forbidden(command) {
      const c = spec.commandLabels[command];
      return forbidden(`您的角色或单位无权执行「${c.zh}」`, `Your role or unit may not "${c.en}" here`);
    },
  };
}

/**
 * The member of staff who opened a case. Every case type but the follow-up has one (the CHECK of
 * migration 0035), so a case without one here is a bug, not a petitioner to notify.
 */
export function staffOpenerOf(row: Pick<CaseRow, 'id' | 'opened_by'>): number {
  if (row.opened_by === null) throw new Error(`case ${row.id} has no staff opener`);
  return row.opened_by;
}

/**
 * Who opens a case: a member of staff, for their own unit; or the petitioner on the portal (only
 * their follow-up, migration 0035), who belongs to no unit, so the case type names the one that
 * answers for it.
 */
export type CaseOpener = (CaseActor & { kind: 'staff' }) | { kind: 'petitioner'; unitId: number };

/**
 * Opens a case of any type in the caller's transaction: its row in its first state, its own
 * stream's first events and the notices they cause. The type's own rows are written by `fill`,
 * which receives the new id.
 */
export async function openCase(
  tx: TxContext,
  actor: CaseOpener,
  c: { type: CaseType; state: string; matterId: number | null; regionCode: string },
  fill: (caseId: number) => Promise<{ events: Omit<NewEvent, 'at'>[]; notify?: NotificationDraft[] }>,
): Promise<{ id: number; state: string; version: number }> {
  const now = tx.clock();
  const row = await tx.db
    .insertInto('cases')
    .values({
      type: c.type,
      state: c.state,
      matter_id: c.matterId,
      unit_id: actor.kind === 'staff' ? actor.user.unit.id : actor.unitId,
      region_code: c.regionCode,
      opened_by: actor.kind === 'staff' ? actor.user.id : null,
      opened_at: now,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const { events, notify } = await fill(row.id);
  const stream = caseStream(row.id);
  const seqs = await appendEvents(
    tx.db,
    { stream, matterId: null, isNewStream: true },
    toEventActor(actor),
    events.map((e) => ({
      ...e,
      at: now,
      payload: { ...e.payload, type: c.type, matterId: c.matterId, to: c.state },
    })),
  );
  if (notify?.length)
    await writeNotifications(tx.db, { stream, seq: seqs[seqs.length - 1]!, at: now }, notify);
  return { id: row.id, state: c.state, version: row.version };
}

/**
 * Reads the matter a new case is opened on, with its access facts: "not found" when it does not
 * exist or the user may not see it, so a case type's own rule is checked only inside the scope.
 */
export async function matterInScope(trx: Trx, user: StaffUser, matterId: number) {
  const row = await trx.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
  if (!row) throw notFound('信访事项', 'Matter');
  const { facts } = await matterFacts(trx, row);
  if (!canSeeMatter(user, facts)) throw notFound('信访事项', 'Matter');
  return { row, facts };
}

/** A unit as the access rule sees it (what an addressed or supervised unit may read). */
export const unitOf = (u: {
  id: number;
  name: string;
  kind: string;
  level: string;
  region_code: string;
}) => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  level: u.level as StaffUser['unit']['level'],
  regionCode: u.region_code,
});

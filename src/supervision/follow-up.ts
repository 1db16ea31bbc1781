import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import type { Database } from '../db/schema.ts';
import { fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { scopeSupervisors } from '../inbox/recipients.ts';
import { matterFacts, matterFactsOf } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { FollowUpResult } from '../shared/enums.ts';
import { CASE_TYPE_LABELS, FOLLOW_UP_COMMAND_LABELS, FOLLOW_UP_STATE_LABELS } from '../shared/case-labels.ts';
import {
  FollowUpCommentInput,
  RecordFollowUpInput,
  TakeUpFollowUpInput,
  type FollowUpCommand,
  type FollowUpMethod,
  type FollowUpSchema,
  type FollowUpState,
} from '../shared/follow-up.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canRecordFollowUp, canRunFollowUp, type FollowUpFacts } from '../workflow/case-policy.ts';
import {
  casesTableBinding,
  matterInScope,
  openCase,
  type CaseOpener,
  type CaseRow,
} from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { allowedCommands, defineWorkflow, type Workflow } from '../workflow/workflow.ts';

type Staff = CaseActor & { kind: 'staff' };

/**
 * 回访 (procedure.md §5): a follow-up is recorded once; one that finds the problem not solved is
 * flagged for the supervisors of the scope until one of them takes it up. A comment is lawful in
 * any state.
 */
export const FOLLOW_UP_WORKFLOW: Workflow<FollowUpState, FollowUpCommand> & { type: 'follow_up' } = {
  ...defineWorkflow<FollowUpState, FollowUpCommand>({
    type: 'follow_up',
    transitions: { recorded: {}, flagged: { take_up: 'taken_up' }, taken_up: {} },
    actions: { commands: ['comment'] },
    terminal: ['recorded', 'taken_up'],
  }),
  type: 'follow_up',
};

async function loadFollowUp(db: Kysely<Database>, row: CaseRow): Promise<FollowUpFacts> {
  const matter = await db
    .selectFrom('matters')
    .selectAll()
    .where('id', '=', row.matter_id!)
    .executeTakeFirstOrThrow();
  return { matter: (await matterFacts(db, matter)).facts, recorderUnitId: row.unit_id };
}

export const FOLLOW_UP_BINDING = casesTableBinding({
  workflow: FOLLOW_UP_WORKFLOW,
  noun: CASE_TYPE_LABELS.follow_up,
  stateLabels: FOLLOW_UP_STATE_LABELS,
  commandLabels: FOLLOW_UP_COMMAND_LABELS,
  load: loadFollowUp,
  canSee: (user, c) => canSeeMatter(user, c.extra.matter),
  canRun: (user, command, c) => canRunFollowUp(user, command, c.extra),
});

/** Records a follow-up after the matter's reply; "not solved" flags it and tells the scope's supervisors. */
export async function recordFollowUp(ctx: AppContext, actor: Staff, matterId: number, body: unknown) {
  const input = parseOrThrow(RecordFollowUpInput, body);
  if (input.reached && !input.solved)
    throw fieldError('solved', '已联系上信访人时须填写问题是否解决', 'say whether the problem was solved');
  if (!input.reached && input.solved)
    throw fieldError(
      'solved',
      '未联系上信访人，无法判断是否解决',
      'the petitioner was not reached: nobody can say',
    );
  return withTransaction(ctx, async (tx) => {
    const trx = tx.db;
    const { row, facts } = await matterInScope(trx, actor.user, matterId);
    if (!canRecordFollowUp(actor.user, facts))
      throw forbidden(
        '只有承办单位或属地信访部门可以回访',
        'Only the handling unit or the bureau of the region may follow up',
      );
    if (!(await hasReply(trx, matterId)))
      throw fieldError(
        'matterId',
        '事项尚未出具处理意见，回访在答复之后进行',
        'a follow-up comes after the reply',
      );
    return openFollowUp(tx, actor, row, {
      method: input.method,
      reached: input.reached,
      solved: input.solved ?? null,
      opinion: input.opinion ?? null,
    });
  });
}

interface FollowUpAnswer {
  method: FollowUpMethod;
  reached: boolean;
  solved: FollowUpResult | null;
  opinion: string | null;
}

/**
 * Opens the follow-up case with its answer, whoever records it (staff, or the petitioner on the
 * portal): "not solved" flags it and tells the supervisors of the scope.
 */
export async function openFollowUp(
  tx: TxContext,
  opener: CaseOpener,
  matter: { id: number; region_code: string; case_number: string },
  answer: FollowUpAnswer,
) {
  const trx = tx.db;
  const flagged = answer.solved === 'not_solved';
  const supervisors = flagged ? await scopeSupervisors(trx, matter.region_code) : [];
  return openCase(
    tx,
    opener,
    {
      type: 'follow_up',
      state: flagged ? 'flagged' : 'recorded',
      matterId: matter.id,
      regionCode: matter.region_code,
    },
    async (caseId) => {
      await trx
        .insertInto('follow_ups')
        .values({
          case_id: caseId,
          method: answer.method,
          reached: answer.reached,
          solved: answer.solved,
          opinion: answer.opinion,
        })
        .execute();
      return {
        events: [
          caseEvent('follow_up_recorded', {
            method: answer.method,
            reached: answer.reached,
            solved: answer.solved,
            opinion: answer.opinion,
          }),
        ],
        notify: flagged
          ? [
              {
                kind: 'follow_up_unsolved',
                userIds: supervisors,
                matterId: matter.id,
                caseId,
                payload: { caseNumber: matter.case_number, excerpt: (answer.opinion ?? '').slice(0, 80) },
              },
            ]
          : [],
      };
    },
  );
}

/** A supervisor takes up a problem the follow-up found not solved (what they will do about it). */
export async function takeUpFollowUp(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(TakeUpFollowUpInput, body);
  return runWorkflowCommand(ctx, FOLLOW_UP_BINDING, actor, caseId, 'take_up', async () => ({
    events: [caseEvent('follow_up_taken_up', { note: input.note })],
  }));
}

export async function commentOnFollowUp(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(FollowUpCommentInput, body);
  return runWorkflowCommand(ctx, FOLLOW_UP_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('follow_up_comment', { comment: input.comment })],
  }));
}

type FollowUp = z.output<typeof FollowUpSchema>;

/**
 * Follow-ups the user may see: those of one matter, or (for the supervisor's workbench) the
 * flagged ones of their scope, newest first.
 */
export async function listFollowUps(
  ctx: AppContext,
  user: StaffUser,
  filter: { matterId: number } | { flagged: true },
): Promise<{ items: FollowUp[]; canRecord: boolean }> {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('follow_ups as f', 'f.case_id', 'c.id')
    .innerJoin('matters as m', 'm.id', 'c.matter_id')
    .leftJoin('users as u', 'u.id', 'c.opened_by')
    .innerJoin('units as n', 'n.id', 'c.unit_id')
    .selectAll('c')
    .select([
      'f.method',
      'f.reached',
      'f.solved',
      'f.opinion',
      'm.case_number',
      'm.subject',
      'u.display_name',
      'n.name as unit_name',
    ])
    .where('c.type', '=', 'follow_up');
  q =
    'matterId' in filter
      ? q.where('c.matter_id', '=', filter.matterId)
      : q.where('c.state', '=', 'flagged').where('c.region_code', 'like', `${user.unit.regionCode}%`);
  const rows = await q.orderBy('c.id', 'desc').limit(200).execute();
  const items: FollowUp[] = [];
  for (const r of rows) {
    const facts = await loadFollowUp(ctx.db, r);
    if (!canSeeMatter(user, facts.matter)) continue;
    const state = r.state as FollowUpState;
    items.push({
      id: r.id,
      matterId: r.matter_id!,
      caseNumber: r.case_number,
      subject: r.subject,
      state,
      method: r.method,
      reached: r.reached,
      solved: r.solved,
      opinion: r.opinion,
      recordedByName: r.display_name,
      unitName: r.unit_name,
      recordedAt: r.opened_at,
      allowedActions: allowedCommands(FOLLOW_UP_WORKFLOW, state).filter((c) =>
        canRunFollowUp(user, c, facts),
      ),
    });
  }
  // The form is offered only to whom the server would allow it, after the reply.
  let canRecord = false;
  if ('matterId' in filter) {
    const facts = await matterFactsOf(ctx.db, filter.matterId);
    canRecord = facts !== null && canRecordFollowUp(user, facts) && (await hasReply(ctx.db, filter.matterId));
  }
  return { items, canRecord };
}

/** A follow-up comes after the reply (procedure.md §5), on the portal as on the workbench. */
export const hasReply = async (db: Kysely<Database>, matterId: number) =>
  (await db
    .selectFrom('decisions')
    .select('id')
    .where('matter_id', '=', matterId)
    .where('kind', '=', 'reply')
    .executeTakeFirst()) !== undefined;

import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import {
  INSTRUCTION_COMMANDS,
  type InstructionListQuery,
  type InstructionSchema,
  type InstructionState,
} from '../shared/leadership.schema.ts';
import {
  canIssueInstruction,
  canRunInstruction,
  canSeeInstruction,
  instructionAnswerPending,
} from '../workflow/case-policy.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { loadInstruction } from './instruction.binding.ts';
import { INSTRUCTION_WORKFLOW } from './instruction.workflow.ts';

type Instruction = z.output<typeof InstructionSchema>;

/** Instructions shown at most in one list (a leader's own, or those addressed to a unit). */
export const INSTRUCTION_LIST_MAX = 200;

async function view(ctx: AppContext, user: StaffUser, row: CaseRow): Promise<Instruction | null> {
  const db = ctx.db;
  const extra = await loadInstruction(db, row);
  if (!canSeeInstruction(user, extra.facts)) return null;
  const matter = await db
    .selectFrom('matters')
    .select(['case_number', 'subject'])
    .where('id', '=', row.matter_id!)
    .executeTakeFirstOrThrow();
  const leader = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.display_name', 'n.name'])
    .where('u.id', '=', staffOpenerOf(row))
    .executeTakeFirstOrThrow();
  const addressees = await db
    .selectFrom('instruction_addressees as a')
    .innerJoin('units as n', 'n.id', 'a.unit_id')
    .leftJoin('users as u', 'u.id', 'a.answered_by')
    .select(['a.unit_id', 'n.name', 'a.answer', 'u.display_name', 'a.answered_at'])
    .where('a.case_id', '=', row.id)
    .orderBy('a.unit_id')
    .execute();
  const overdueUnits = new Set(
    (
      await db
        .selectFrom('case_deadlines')
        .select('unit_id')
        .where('case_id', '=', row.id)
        .where('status', '=', 'open')
        .where('due_at', '<', ctx.clock())
        .execute()
    ).map((d) => d.unit_id),
  );
  const state = row.state as InstructionState;
  return {
    id: row.id,
    matterId: row.matter_id!,
    caseNumber: matter.case_number,
    subject: matter.subject,
    state,
    version: row.version,
    body: extra.body,
    answerBy: extra.answerBy,
    leaderName: leader.display_name,
    leaderUnitName: leader.name,
    issuedAt: row.opened_at,
    closedAt: row.closed_at,
    addressees: addressees.map((a) => ({
      unitId: a.unit_id,
      unitName: a.name,
      answer: a.answer,
      answeredByName: a.display_name,
      answeredAt: a.answered_at,
      overdue: overdueUnits.has(a.unit_id),
    })),
    overdue: state === 'open' && overdueUnits.size > 0,
    allowedActions: allowedCommands(INSTRUCTION_WORKFLOW, state).filter(
      (c) =>
        INSTRUCTION_COMMANDS.includes(c) &&
        canRunInstruction(user, c, extra.facts) &&
        (c !== 'answer' || instructionAnswerPending(user, extra.facts)),
    ),
  };
}

export async function getInstruction(ctx: AppContext, user: StaffUser, id: number): Promise<Instruction> {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'instruction')
    .executeTakeFirst();
  const v = row ? await view(ctx, user, row) : null;
  if (!v) throw notFound('领导批示', 'Instruction');
  return v;
}

/** The instructions on one matter the user may see, oldest first (the matter page's panel). */
export async function instructionsOfMatter(ctx: AppContext, user: StaffUser, matterId: number) {
  const rows = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('type', '=', 'instruction')
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  const items = (await Promise.all(rows.map((r) => view(ctx, user, r)))).filter((v) => v !== null);
  // The form is offered only to whom the server would allow it.
  const facts = await matterFactsOf(ctx.db, matterId);
  return { items, canIssue: facts !== null && canIssueInstruction(user, facts) };
}

/**
 * A leader's own instructions, or those addressed to the user's unit, newest first, with the
 * counts a leader's workbench shows (open, answered, overdue).
 */
export async function listInstructions(
  ctx: AppContext,
  user: StaffUser,
  query: z.output<typeof InstructionListQuery>,
) {
  let q = ctx.db.selectFrom('cases as c').selectAll('c').where('c.type', '=', 'instruction');
  q =
    query.view === 'mine'
      ? q.where('c.opened_by', '=', user.id)
      : q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('instruction_addressees as a')
              .select('a.case_id')
              .whereRef('a.case_id', '=', 'c.id')
              .where('a.unit_id', '=', user.unit.id),
          ),
        );
  const rows = await q.orderBy('c.id', 'desc').limit(INSTRUCTION_LIST_MAX).execute();
  const all = (await Promise.all(rows.map((r) => view(ctx, user, r)))).filter((v) => v !== null);
  const counts = {
    open: all.filter((i) => i.state === 'open').length,
    answered: all.filter((i) => i.state === 'answered').length,
    overdue: all.filter((i) => i.overdue).length,
  };
  const items = all.filter(
    (i) => (!query.state || i.state === query.state) && (query.overdue !== 'true' || i.overdue),
  );
  return { items, counts };
}

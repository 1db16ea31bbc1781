import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { matterFacts } from '../lifecycle/matter.repository.ts';
import {
  CASE_TYPE_LABELS,
  INSTRUCTION_COMMAND_LABELS,
  INSTRUCTION_STATE_LABELS,
} from '../shared/case-labels.ts';
import { canRunInstruction, canSeeInstruction, type InstructionFacts } from '../workflow/case-policy.ts';
import {
  casesTableBinding,
  staffOpenerOf,
  type CaseRow,
  type LockedCase,
} from '../workflow/case.repository.ts';
import { INSTRUCTION_WORKFLOW } from './instruction.workflow.ts';

export interface InstructionExtra {
  facts: InstructionFacts;
  body: string;
  answerBy: string | null;
}
export type LockedInstruction = LockedCase<InstructionExtra>;

/** What an instruction's rules and handlers read beside its case row. */
export async function loadInstruction(trx: Kysely<Database>, row: CaseRow): Promise<InstructionExtra> {
  const matter = await trx
    .selectFrom('matters')
    .selectAll()
    .where('id', '=', row.matter_id!)
    .executeTakeFirstOrThrow();
  const { facts } = await matterFacts(trx, matter);
  const instruction = await trx
    .selectFrom('instructions')
    .select(['body', 'answer_by'])
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const addressees = await trx
    .selectFrom('instruction_addressees')
    .select(['unit_id', 'answered_at'])
    .where('case_id', '=', row.id)
    .orderBy('unit_id')
    .execute();
  return {
    facts: {
      matter: facts,
      issuedBy: staffOpenerOf(row),
      issuerUnitId: row.unit_id,
      addressees: addressees.map((a) => ({ unitId: a.unit_id, answered: a.answered_at !== null })),
    },
    body: instruction.body,
    answerBy: instruction.answer_by,
  };
}

export const INSTRUCTION_BINDING = casesTableBinding({
  workflow: INSTRUCTION_WORKFLOW,
  noun: CASE_TYPE_LABELS.instruction,
  stateLabels: INSTRUCTION_STATE_LABELS,
  commandLabels: INSTRUCTION_COMMAND_LABELS,
  load: loadInstruction,
  canSee: (user, c) => canSeeInstruction(user, c.extra.facts),
  canRun: (user, command, c) => canRunInstruction(user, command, c.extra.facts),
});

import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LETTER_COMMAND_LABELS, LETTER_STATE_LABELS } from '../shared/assessment-labels.ts';
import { CASE_TYPE_LABELS } from '../shared/case-labels.ts';
import { canRunLetter, canSeeLetter, type LetterFacts } from '../workflow/case-policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import type { ResponsibilityLettersTable } from './assessment.tables.ts';
import type { CheckedTarget } from './letter-targets.ts';
import { LETTER_WORKFLOW } from './letter.workflow.ts';

export interface LetterExtra {
  facts: LetterFacts;
  letter: Selectable<ResponsibilityLettersTable>;
  /** The revision in force: its text and targets. */
  body: string;
  targets: CheckedTarget[];
}
export type LockedLetter = LockedCase<LetterExtra>;

/** What a letter's rules and handlers read beside its case row. */
export async function loadLetter(db: Kysely<Database>, row: CaseRow): Promise<LetterExtra> {
  const letter = await db
    .selectFrom('responsibility_letters')
    .selectAll()
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const revision = await db
    .selectFrom('letter_revisions')
    .select(['body', 'targets'])
    .where('case_id', '=', row.id)
    .where('revision', '=', letter.current_revision)
    .executeTakeFirstOrThrow();
  return {
    facts: { issuerUnitId: row.unit_id, regionCode: row.region_code, targetUnitId: letter.target_unit_id },
    letter,
    body: revision.body,
    targets: revision.targets as CheckedTarget[],
  };
}

export const LETTER_BINDING = casesTableBinding({
  workflow: LETTER_WORKFLOW,
  noun: CASE_TYPE_LABELS.responsibility_letter,
  stateLabels: LETTER_STATE_LABELS,
  commandLabels: LETTER_COMMAND_LABELS,
  load: loadLetter,
  canSee: (user, c) => canSeeLetter(user, c.extra.facts),
  canRun: (user, command, c) => canRunLetter(user, command, c.extra.facts),
});

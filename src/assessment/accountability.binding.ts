import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { matterFacts } from '../lifecycle/matter.repository.ts';
import { ACCOUNTABILITY_COMMAND_LABELS, ACCOUNTABILITY_STATE_LABELS } from '../shared/assessment-labels.ts';
import { CASE_TYPE_LABELS } from '../shared/case-labels.ts';
import {
  canRunAccountability,
  canSeeAccountability,
  type AccountabilityFacts,
} from '../workflow/case-policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import type { AccountabilityRecordsTable } from './assessment.tables.ts';
import { ACCOUNTABILITY_WORKFLOW } from './accountability.workflow.ts';

export interface AccountabilityExtra {
  facts: AccountabilityFacts;
  record: Selectable<AccountabilityRecordsTable>;
  matters: { id: number; caseNumber: string; subject: string }[];
}
export type LockedAccountability = LockedCase<AccountabilityExtra>;

/** What a record's rules and handlers read beside its case row: its own row and its cited matters. */
export async function loadAccountability(db: Kysely<Database>, row: CaseRow): Promise<AccountabilityExtra> {
  const record = await db
    .selectFrom('accountability_records')
    .selectAll()
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const matters = await db
    .selectFrom('accountability_matters as am')
    .innerJoin('matters as m', 'm.id', 'am.matter_id')
    .selectAll('m')
    .where('am.case_id', '=', row.id)
    .orderBy('m.id')
    .execute();
  const facts = await Promise.all(matters.map(async (m) => (await matterFacts(db, m)).facts));
  return {
    record,
    matters: matters.map((m) => ({ id: m.id, caseNumber: m.case_number, subject: m.subject })),
    facts: {
      matters: facts,
      issuerUnitId: row.unit_id,
      regionCode: row.region_code,
      targetUnitId: record.target_unit_id,
    },
  };
}

export const ACCOUNTABILITY_BINDING = casesTableBinding({
  workflow: ACCOUNTABILITY_WORKFLOW,
  noun: CASE_TYPE_LABELS.accountability,
  stateLabels: ACCOUNTABILITY_STATE_LABELS,
  commandLabels: ACCOUNTABILITY_COMMAND_LABELS,
  load: loadAccountability,
  canSee: (user, c) => canSeeAccountability(user, c.extra.facts),
  canRun: (user, command, c) => canRunAccountability(user, command, c.extra.facts),
});

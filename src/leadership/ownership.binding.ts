import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import { CASE_TYPE_LABELS, OWNERSHIP_COMMAND_LABELS, OWNERSHIP_STATE_LABELS } from '../shared/case-labels.ts';
import { canRunOwnership, type OwnershipFacts } from '../workflow/case-policy.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import { casesTableBinding, type CaseRow, type LockedCase } from '../workflow/case.repository.ts';
import { OWNERSHIP_WORKFLOW } from './ownership.workflow.ts';

export interface OwnershipExtra {
  facts: OwnershipFacts;
  steps: { id: number; title: string; ownerId: number; status: string; deadlineId: number | null }[];
  cardCaseId: number | null;
}
export type LockedOwnership = LockedCase<OwnershipExtra>;

/** What an owned case's rules and handlers read beside its case row. */
export async function loadOwnership(db: Kysely<Database>, row: CaseRow): Promise<OwnershipExtra> {
  const facts = await matterFactsOf(db, row.matter_id!);
  if (!facts) throw new Error(`owned case ${row.id}: its matter is missing`);
  const o = await db
    .selectFrom('case_ownerships as o')
    .innerJoin('users as l', 'l.id', 'o.leader_id')
    .innerJoin('units as n', 'n.id', 'l.unit_id')
    .select(['o.leader_id', 'o.card_case_id', 'n.region_code'])
    .where('o.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('ownership_members')
    .select(['unit_id', 'user_id'])
    .where('case_id', '=', row.id)
    .execute();
  const steps = await db
    .selectFrom('ownership_steps')
    .select(['id', 'title', 'owner_id', 'status', 'deadline_id'])
    .where('case_id', '=', row.id)
    .orderBy('position')
    .execute();
  return {
    facts: {
      matter: facts,
      leaderId: o.leader_id,
      leaderRegionCode: o.region_code,
      openerUnitId: row.unit_id,
      memberUserIds: members.flatMap((m) => (m.user_id === null ? [] : [m.user_id])),
      memberUnitIds: members.filter((m) => m.user_id === null).map((m) => m.unit_id),
      stepOwnerIds: steps.map((s) => s.owner_id),
    },
    steps: steps.map((s) => ({
      id: s.id,
      title: s.title,
      ownerId: s.owner_id,
      status: s.status,
      deadlineId: s.deadline_id,
    })),
    cardCaseId: o.card_case_id,
  };
}

export const OWNERSHIP_BINDING = casesTableBinding({
  workflow: OWNERSHIP_WORKFLOW,
  noun: CASE_TYPE_LABELS.ownership,
  stateLabels: OWNERSHIP_STATE_LABELS,
  commandLabels: OWNERSHIP_COMMAND_LABELS,
  load: loadOwnership,
  canSee: (user, c) => canSeeMatter(user, c.extra.facts.matter),
  canRun: (user, command, c) => canRunOwnership(user, command, c.extra.facts),
});

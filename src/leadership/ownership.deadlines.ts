import type { TxContext } from '../app/context.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { CaseDeadlineMark, CaseMarkOutcome } from '../workflow/case-deadlines.ts';
import type { CaseRow } from '../workflow/case.repository.ts';

/**
 * A step of an owned case's plan is near or past its date: the step's owner and the lead leader are
 * told (the leader's page counts the overdue steps; the step itself stays as reported).
 */
export async function ownershipDeadlineMark(
  tx: TxContext,
  row: CaseRow,
  d: CaseDeadlineMark,
): Promise<CaseMarkOutcome> {
  const step = await tx.db
    .selectFrom('ownership_steps as s')
    .innerJoin('case_ownerships as o', 'o.case_id', 's.case_id')
    .select(['s.id', 's.title', 's.owner_id', 'o.leader_id'])
    .where('s.deadline_id', '=', d.id)
    .executeTakeFirstOrThrow();
  const payload = { deadlineId: d.id, stepId: step.id, dueDate: d.dueDate };
  return {
    events: [
      d.mark === 'warning'
        ? caseEvent('ownership_step_warning', payload)
        : caseEvent('ownership_step_overdue', payload),
    ],
    notify: [
      {
        kind: d.mark === 'warning' ? 'ownership_step_warning' : 'ownership_step_overdue',
        userIds: [step.owner_id, step.leader_id],
        matterId: row.matter_id,
        caseId: row.id,
        payload: { title: step.title, dueDate: d.dueDate },
      },
    ],
  };
}

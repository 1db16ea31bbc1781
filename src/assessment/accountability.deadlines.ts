import type { TxContext } from '../app/context.ts';
import { unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { CaseDeadlineMark, CaseMarkOutcome } from '../workflow/case-deadlines.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';

/**
 * A response's date is near, or has passed: the unit's head and leaders and the opener are told, and
 * the record says so. Nothing moves by itself: what follows an unanswered record is the bureau's call.
 */
export async function accountabilityDeadlineMark(
  tx: TxContext,
  row: CaseRow,
  d: CaseDeadlineMark,
): Promise<CaseMarkOutcome> {
  const record = await tx.db
    .selectFrom('accountability_records')
    .select('target_unit_id')
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const userIds = [
    ...(await unitStaff(tx.db, [record.target_unit_id], ['unit_head', 'leader'])),
    staffOpenerOf(row),
  ];
  const warning = d.mark === 'warning';
  return {
    events: [
      caseEvent(warning ? 'accountability_deadline_warning' : 'accountability_deadline_overdue', {
        deadlineId: d.id,
        dueDate: d.dueDate,
      }),
    ],
    notify: [
      {
        kind: warning ? 'accountability_warning' : 'accountability_overdue',
        userIds,
        matterId: null,
        caseId: row.id,
        payload: { dueDate: d.dueDate },
      },
    ],
  };
}

import { caseEvent } from '../shared/case-events.ts';
import type { TxContext } from '../app/context.ts';
import type { NotificationDraft } from '../inbox/notify.ts';
import { unitStaff } from '../inbox/recipients.ts';
import type { CaseDeadlineMark, CaseMarkOutcome } from '../workflow/case-deadlines.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';

/**
 * An instruction's answer date is near or past for one addressed unit: the unit that owes the
 * answer and the leader who wrote it are told.
 */
export async function instructionDeadlineMark(
  tx: TxContext,
  row: CaseRow,
  d: CaseDeadlineMark,
): Promise<CaseMarkOutcome> {
  const unitIds = d.unitId === null ? [] : [d.unitId];
  const userIds = [
    ...(await unitStaff(tx.db, unitIds, ['officer', 'unit_head', 'leader'])),
    staffOpenerOf(row),
  ];
  const notify: NotificationDraft[] = [
    {
      kind: d.mark === 'warning' ? 'instruction_warning' : 'instruction_overdue',
      userIds,
      matterId: row.matter_id,
      caseId: row.id,
      payload: { dueDate: d.dueDate, unitId: d.unitId },
    },
  ];
  return {
    events: [
      d.mark === 'warning'
        ? caseEvent('instruction_deadline_warning', {
            deadlineId: d.id,
            unitId: d.unitId,
            dueDate: d.dueDate,
          })
        : caseEvent('instruction_deadline_overdue', {
            deadlineId: d.id,
            unitId: d.unitId,
            dueDate: d.dueDate,
          }),
    ],
    notify,
  };
}

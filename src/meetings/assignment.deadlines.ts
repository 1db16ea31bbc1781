import type { TxContext } from '../app/context.ts';
import { unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { CaseDeadlineMark, CaseMarkOutcome } from '../workflow/case-deadlines.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';
import { ASSIGNEE_ROLES } from './assignment.open.ts';

/**
 * An item a meeting handed down is near or past its report-by date: the unit's officers, head and
 * leaders, and the convener side (who handed it down, their unit's supervisors, the convener leader)
 * are told. The notice names the matter, so only those who may see it receive one.
 */
export async function assignmentDeadlineMark(
  tx: TxContext,
  row: CaseRow,
  d: CaseDeadlineMark,
): Promise<CaseMarkOutcome> {
  const a = await tx.db
    .selectFrom('meeting_assignments as a')
    .innerJoin('meetings as m', 'm.case_id', 'a.meeting_case_id')
    .innerJoin('meeting_bodies as b', 'b.id', 'm.body_id')
    .select(['a.unit_id', 'a.task', 'a.meeting_case_id', 'b.convener_leader_id'])
    .where('a.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const unitPeople = await unitStaff(tx.db, [a.unit_id], ASSIGNEE_ROLES);
  const supervisors = await unitStaff(tx.db, [row.unit_id], ['supervisor']);
  const convener = [
    staffOpenerOf(row),
    ...supervisors,
    ...(a.convener_leader_id === null ? [] : [a.convener_leader_id]),
  ];
  const payload = { deadlineId: d.id, dueDate: d.dueDate };
  const warning = d.mark === 'warning';
  return {
    events: [
      warning
        ? caseEvent('meeting_assignment_warning', payload)
        : caseEvent('meeting_assignment_overdue', payload),
    ],
    notify: [
      {
        kind: warning ? 'meeting_assignment_warning' : 'meeting_assignment_overdue',
        userIds: [...unitPeople, ...convener],
        matterId: row.matter_id,
        caseId: row.id,
        payload: { meetingId: a.meeting_case_id, dueDate: d.dueDate, excerpt: a.task.slice(0, 80) },
      },
    ],
  };
}

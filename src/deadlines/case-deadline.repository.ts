import type { Trx } from '../audit/event-log.ts';
import type { PlannedDeadline } from './plan.ts';

/** Opens a time limit on a case for the unit that must act on it. */
export async function insertCaseDeadline(
  trx: Trx,
  caseId: number,
  d: PlannedDeadline,
  unitId: number | null,
): Promise<number> {
  const row = await trx
    .insertInto('case_deadlines')
    .values({
      case_id: caseId,
      kind: d.kind,
      unit_id: unitId,
      starts_at: d.startsAt,
      due_at: d.dueAt,
      due_date: d.dueDate,
      warn_at: d.warnAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends a case's open time limits: all of them, or only the given unit's. */
export async function closeCaseDeadlines(
  trx: Trx,
  caseId: number,
  status: 'met' | 'cancelled' | 'lapsed',
  at: Date,
  unitId?: number,
): Promise<void> {
  let q = trx
    .updateTable('case_deadlines')
    .set({ status, closed_at: at })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open');
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  await q.execute();
}

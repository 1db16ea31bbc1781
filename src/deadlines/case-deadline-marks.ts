import type { TxContext } from '../app/context.ts';
import { appendEvents, caseStream, SYSTEM_ACTOR } from '../audit/event-log.ts';
import { writeNotifications } from '../inbox/notify.ts';
import { accountabilityDeadlineMark } from '../assessment/accountability.deadlines.ts';
import { instructionDeadlineMark } from '../leadership/instruction.deadlines.ts';
import { ownershipDeadlineMark } from '../leadership/ownership.deadlines.ts';
import { assignmentDeadlineMark } from '../meetings/assignment.deadlines.ts';
import { cardDeadlineMark } from '../supervision/card.deadlines.ts';
import type { CaseDeadlineMark, CaseMarkOutcome } from '../workflow/case-deadlines.ts';
import type { CaseRow, CaseType } from '../workflow/case.repository.ts';

/** What each case type does when one of its deadlines is marked; the compiler wants every type here. */
const MARK_RULES: Record<
  CaseType,
  (tx: TxContext, row: CaseRow, d: CaseDeadlineMark) => Promise<CaseMarkOutcome>
> = {
  instruction: instructionDeadlineMark,
  supervision_card: cardDeadlineMark,
  follow_up: () => Promise.reject(new Error('a follow-up has no deadline')),
  ownership: ownershipDeadlineMark,
  // Issue 14's types: each part replaces its line with its own rule once it sets deadlines.
  reception_session: () => Promise.reject(new Error('a reception session has no deadline')),
  appointment_request: () => Promise.reject(new Error('an appointment request has no deadline')),
  campaign: () => Promise.reject(new Error('a campaign has no deadline')),
  meeting: () => Promise.reject(new Error('a meeting has no deadline')),
  meeting_assignment: assignmentDeadlineMark,
  responsibility_letter: () => Promise.reject(new Error('a responsibility letter has no deadline')),
  accountability: accountabilityDeadlineMark,
};

/**
 * Raises a warning or overdue mark on a case's deadline inside the scanner's claiming transaction:
 * the case is locked, its type's rule decides the events and notices, and they are written there.
 */
export async function raiseCaseDeadline(
  tx: TxContext,
  d: Omit<CaseDeadlineMark, 'mark'>,
  mark: 'warning' | 'overdue',
): Promise<void> {
  const row = await tx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', d.caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const outcome = await MARK_RULES[row.type](tx, row, { ...d, mark });
  const at = tx.clock();
  const stream = caseStream(row.id);
  const seqs = await appendEvents(
    tx.db,
    { stream, matterId: null },
    SYSTEM_ACTOR,
    outcome.events.map((e) => ({ ...e, at })),
  );
  if (seqs.length > 0)
    await writeNotifications(tx.db, { stream, seq: seqs[seqs.length - 1]!, at }, outcome.notify);
}

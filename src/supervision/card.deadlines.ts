import type { TxContext } from '../app/context.ts';
import { levelLeaders, unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { CaseDeadlineMark, CaseMarkOutcome } from '../workflow/case-deadlines.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';
import { escalateCard } from './card.commands.ts';

/**
 * A card's answer date is near: the unit and the supervisor are told. It has passed: the card
 * escalates one level (the escalation writes its own event and notices); a red card past its date
 * is marked overdue and reaches the leaders of the unit's level.
 */
export async function cardDeadlineMark(
  tx: TxContext,
  row: CaseRow,
  d: CaseDeadlineMark,
): Promise<CaseMarkOutcome> {
  const card = await tx.db
    .selectFrom('supervision_cards')
    .select(['level', 'target_unit_id'])
    .where('case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const unitPeople = await unitStaff(tx.db, [card.target_unit_id], ['officer', 'unit_head', 'leader']);
  const base = { matterId: row.matter_id, caseId: row.id };
  if (d.mark === 'warning') {
    return {
      events: [caseEvent('card_deadline_warning', { deadlineId: d.id, dueDate: d.dueDate })],
      notify: [
        {
          ...base,
          kind: 'card_warning',
          userIds: [...unitPeople, staffOpenerOf(row)],
          payload: { dueDate: d.dueDate, level: card.level },
        },
      ],
    };
  }
  if (card.level !== 'red' && row.state === 'issued') {
    await escalateCard(tx, row.id, d.id);
    return { events: [], notify: [] };
  }
  return {
    events: [caseEvent('card_deadline_overdue', { deadlineId: d.id, dueDate: d.dueDate })],
    notify: [
      {
        ...base,
        kind: 'card_overdue',
        userIds: [...unitPeople, staffOpenerOf(row), ...(await levelLeaders(tx.db, card.target_unit_id))],
        payload: { dueDate: d.dueDate, level: card.level },
      },
    ],
  };
}

import type { NewEvent } from '../audit/event-log.ts';
import type { NotificationDraft } from '../inbox/notify.ts';

/** A case's deadline at the moment the scanner raises a mark on it. */
export interface CaseDeadlineMark {
  id: number;
  caseId: number;
  kind: string;
  dueDate: string;
  unitId: number | null;
  mark: 'warning' | 'overdue';
}

/** What a case type records and tells when one of its deadlines is marked. */
export interface CaseMarkOutcome {
  events: Omit<NewEvent, 'at'>[];
  notify: NotificationDraft[];
}

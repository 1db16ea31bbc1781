import type { Trx } from '../audit/event-log.ts';
import type { PlannedDeadline } from './plan.ts';

export async function insertDeadline(
  trx: Trx,
  matterId: number,
  d: PlannedDeadline,
  opts: { main: boolean; unitId: number | null },
): Promise<number> {
  const row = await trx
    .insertInto('deadlines')
    .values({
      matter_id: matterId,
      kind: d.kind,
      main: opts.main,
      unit_id: opts.unitId,
      starts_at: d.startsAt,
      due_at: d.dueAt,
      due_date: d.dueDate,
      warn_at: d.warnAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends the open deadlines of a matter (all, or only those of the given kinds). */
export async function closeDeadlines(
  trx: Trx,
  matterId: number,
  status: 'met' | 'cancelled' | 'lapsed',
  at: Date,
  kinds?: string[],
): Promise<void> {
  let q = trx
    .updateTable('deadlines')
    .set({ status, closed_at: at })
    .where('matter_id', '=', matterId)
    .where('status', '=', 'open');
  if (kinds) q = q.where('kind', 'in', kinds);
  await q.execute();
}

export async function openMainDeadline(trx: Trx, matterId: number) {
  return trx
    .selectFrom('deadlines')
    .selectAll()
    .where('matter_id', '=', matterId)
    .where('main', '=', true)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/** The open deadlines of a matter, as a command's event records what it opened and closed. */
export async function openDeadlines(trx: Trx, matterId: number) {
  return trx
    .selectFrom('deadlines')
    .select(['id', 'kind', 'main', 'due_at', 'due_date'])
    .where('matter_id', '=', matterId)
    .where('status', '=', 'open')
    .orderBy('id')
    .execute();
}

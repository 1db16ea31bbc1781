import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents, matterStream, SYSTEM_ACTOR } from '../audit/event-log.ts';
import type { EventRecord } from '../audit/event-record.ts';

/**
 * Links a new matter to an earlier one of the same petitioner about the same facts (重复信访:
 * 同人 + 同事), so the repeat is counted and the handling unit sees the history. It does not
 * change the state: whether to merge is the registrar's decision.
 */
export async function linkRepeat(
  ctx: AppContext,
  matterId: number,
  earlier: { matterId: number; caseNumber: string; similarity: number },
) {
  await withTransaction(ctx, async ({ db: trx, clock }) => {
    const m = await trx
      .selectFrom('matters')
      .select(['repeat_of_id', 'version'])
      .where('id', '=', matterId)
      .forUpdate()
      .executeTakeFirst();
    if (!m || m.repeat_of_id !== null || earlier.matterId === matterId) return;
    await trx
      .updateTable('matters')
      .set({ repeat_of_id: earlier.matterId, version: m.version + 1 })
      .where('id', '=', matterId)
      .execute();
    await appendEvents(trx, { stream: matterStream(matterId), matterId }, SYSTEM_ACTOR, [
      {
        kind: 'repeat_linked',
        at: clock(),
        payload: {
          repeatOfId: earlier.matterId,
          repeatOfCaseNumber: earlier.caseNumber,
          similarity: Math.round(earlier.similarity * 1000) / 1000,
          record: {
            matter: { repeat_of_id: earlier.matterId, version: m.version + 1 },
          } satisfies EventRecord,
        },
      },
    ]);
  });
}

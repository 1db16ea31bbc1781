import type { Trx } from '../audit/event-log.ts';
import { matterFacts } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type { NotificationKind } from '../shared/inbox.schema.ts';
import { queueEmails } from './outbox.ts';
import { staffUsers } from './recipients.ts';

/** A notice a command or the scanner decides to send, with its recipients already chosen. */
export interface NotificationDraft {
  kind: NotificationKind;
  userIds: readonly number[];
  /** The matter the notice is about: only users who may see it receive it. */
  matterId: number | null;
  /** More matters the notice is about (a card on a unit's set): recipients must see each. */
  alsoAbout?: readonly number[];
  caseId: number | null;
  payload: Record<string, unknown>;
}

/**
 * Writes the inbox rows of a cause (one event of a stream) in the caller's transaction. A notice
 * about a matter goes only to recipients who may see the matter under the one access rule, so the
 * unit a misconduct report is about never learns of the report, or of an instruction or a card on
 * it, through its inbox; a notice about several matters goes only to those who may see each. The unique key (user, stream, seq, kind) makes each notice exactly once.
 */
export async function writeNotifications(
  trx: Trx,
  cause: { stream: string; seq: number; at: Date },
  drafts: readonly NotificationDraft[],
): Promise<number> {
  let written = 0;
  for (const d of drafts) {
    let users = await staffUsers(trx, [...new Set(d.userIds)]);
    const about = new Set([...(d.matterId === null ? [] : [d.matterId]), ...(d.alsoAbout ?? [])]);
    for (const matterId of about) {
      const row = await trx
        .selectFrom('matters')
        .selectAll()
        .where('id', '=', matterId)
        .executeTakeFirstOrThrow();
      const { facts } = await matterFacts(trx, row);
      users = users.filter((u) => canSeeMatter(u, facts));
    }
    if (users.length === 0) continue;
    const rows = await trx
      .insertInto('notifications')
      .values(
        users.map((u) => ({
          user_id: u.id,
          kind: d.kind,
          stream: cause.stream,
          seq: cause.seq,
          matter_id: d.matterId,
          case_id: d.caseId,
          payload: JSON.stringify(d.payload),
          created_at: cause.at,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'stream', 'seq', 'kind']).doNothing())
      .returning(['id', 'user_id'])
      .execute();
    await queueEmails(trx, rows, cause.at);
    written += rows.length;
  }
  return written;
}

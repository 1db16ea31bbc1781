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
  caseId: number | null;
  payload: Record<string, unknown>;
}

/**
 * Writes the inbox rows of a cause (one event of a stream) in the caller's transaction. A notice
 * about a matter goes only to recipients who may see the matter under the one access rule, so the
 * unit a misconduct report is about never learns of the report, or of an instruction or a card on
 * it, through its inbox. A notice about a case on several matters (a card on a unit's set) goes
 * only to those who may see each of them, whichever command or scan sends it. The unique key
 * (user, stream, seq, kind) makes each notice exactly once.
 */
export async function writeNotifications(
  trx: Trx,
  cause: { stream: string; seq: number; at: Date },
  drafts: readonly NotificationDraft[],
): Promise<number> {
  let written = 0;
  for (const d of drafts) {
    let users = await staffUsers(trx, [...new Set(d.userIds)]);
    for (const matterId of await mattersOfNotice(trx, d)) {
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

/** The notice's matter, and every matter of its case where the case is on several. */
async function mattersOfNotice(trx: Trx, d: NotificationDraft): Promise<Set<number>> {
  const about = new Set(d.matterId === null ? [] : [d.matterId]);
  if (d.caseId !== null) {
    const rows = await trx
      .selectFrom('supervision_card_matters')
      .select('matter_id')
      .where('case_id', '=', d.caseId)
      .execute();
    for (const r of rows) about.add(r.matter_id);
  }
  return about;
}

import type { Trx } from '../audit/event-log.ts';

/**
 * The e-mail outbox: a row per notice whose recipient has an address, written in the notice's own
 * transaction, so a notice is queued if and only if it exists. The sender (email-sender.ts) takes
 * them from there; without SMTP configured they wait, and expire after a while rather than flood a
 * mailbox the day SMTP is switched on (the notice itself stays in the inbox).
 */
export async function queueEmails(
  trx: Trx,
  notices: readonly { id: number | string; user_id: number }[],
  at: Date,
): Promise<void> {
  if (notices.length === 0) return;
  const addresses = await trx
    .selectFrom('users')
    .select(['id', 'email'])
    .where(
      'id',
      'in',
      notices.map((n) => n.user_id),
    )
    .where('email', 'is not', null)
    .execute();
  const email = new Map(addresses.map((a) => [a.id, a.email!]));
  const rows = notices.flatMap((n) => {
    const address = email.get(n.user_id);
    return address
      ? [
          {
            notification_id: Number(n.id),
            channel: 'email' as const,
            address,
            next_attempt_at: at,
            created_at: at,
          },
        ]
      : [];
  });
  if (rows.length > 0)
    await trx
      .insertInto('notification_deliveries')
      .values(rows)
      .onConflict((oc) => oc.columns(['notification_id', 'channel']).doNothing())
      .execute();
}

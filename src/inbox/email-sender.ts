import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { NOTIFICATION_KIND_LABELS } from '../shared/case-labels.ts';
import type { NotificationKind } from '../shared/inbox.schema.ts';

/**
 * Sends the e-mail outbox (outbox.ts) through SMTP.
 *
 * Why not a job-queue library: graphile-worker needs a node-postgres pool and LISTEN/NOTIFY, which
 * the embedded PGlite (one in-process connection) does not offer; pg-boss runs on PGlite only
 * through a hand-made client that splices parameters into the SQL text (pg-boss issue #563), and
 * its jobs would live in its own schema, not in the notice's transaction. What we need is small:
 * rows written with the notice, claimed with FOR UPDATE SKIP LOCKED and a lease, retried with
 * backoff — the same pattern as the deadline scanner, on both databases.
 *
 * Exactly once: a row is claimed by one sender at a time (the lease), marked sent only by the
 * holder of the lease, and never claimed again once sent. SMTP itself cannot be made
 * transactional: a sender that dies between the server's acceptance and the mark leaves a lease
 * that runs out, and the row goes again — with the same Message-ID, derived from the notice, which
 * receiving servers and mail clients use to drop the duplicate.
 */

/** What the sender needs of a nodemailer transport. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
}

export interface EmailSenderOptions {
  /** The From address, e.g. "民声 <noreply@xinfang.example.gov.cn>". */
  from: string;
  /** Where the workbench is reached, for the link in each message. */
  baseUrl: string;
  /** How long a claimed row is the claimer's before another sender may take it. */
  leaseSeconds?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** A notice older than this is not mailed any more (it is in the inbox). */
  maxAgeHours?: number;
}

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  expired: number;
}

/** The wait before the next attempt: 30 s, 1, 2, 4 … minutes, at most an hour. */
export const backoffSeconds = (attempts: number) => Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);

/** The Message-ID of a notice's e-mail: the same on every attempt, so a resend is recognised. */
export function messageIdOf(notificationId: number, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'minsheng.invalid';
  return `<notice-${notificationId}@${domain}>`;
}

interface Claimed {
  id: number;
  notification_id: number;
  address: string;
  attempts: number;
}

/** Claims the rows due now for this sender, and expires those too old to be worth a message. */
async function claim(
  ctx: AppContext,
  token: string,
  o: Required<Omit<EmailSenderOptions, 'from' | 'baseUrl'>>,
) {
  return withTransaction(ctx, async (tx) => {
    const now = tx.clock();
    const expired = await tx.db
      .updateTable('notification_deliveries')
      .set({ status: 'expired', last_error: `not sent within ${o.maxAgeHours} h` })
      .where('status', '=', 'pending')
      .where('created_at', '<', new Date(now.getTime() - o.maxAgeHours * 3_600_000))
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now)]))
      .executeTakeFirst();
    const due = tx.db
      .selectFrom('notification_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(o.batchSize)
      .forUpdate()
      .skipLocked();
    const rows = await tx.db
      .updateTable('notification_deliveries')
      .set({
        lease_token: token,
        leased_until: new Date(now.getTime() + o.leaseSeconds * 1000),
        attempts: sql<number>`attempts + 1`,
      })
      .where('id', 'in', due)
      .returning(['id', 'notification_id', 'address', 'attempts'])
      .execute();
    return { rows: rows, expired: Number(expired.numUpdatedRows) };
  });
}

async function compose(ctx: AppContext, row: Claimed, o: EmailSenderOptions) {
  const n = await ctx.db
    .selectFrom('notifications as n')
    .leftJoin('matters as m', 'm.id', 'n.matter_id')
    .select(['n.kind', 'n.matter_id', 'm.case_number', 'm.subject'])
    .where('n.id', '=', row.notification_id)
    .executeTakeFirstOrThrow();
  const label = NOTIFICATION_KIND_LABELS[n.kind as NotificationKind] ?? { zh: n.kind, en: n.kind };
  const link = n.matter_id ? `${o.baseUrl}/matters/${n.matter_id}` : `${o.baseUrl}/inbox`;
  const about = n.case_number ? `${n.case_number} ${n.subject ?? ''}`.trim() : '';
  return {
    from: o.from,
    to: row.address,
    subject: `【民声】${label.zh}${n.case_number ? ` · ${n.case_number}` : ''}`,
    text: [
      label.zh,
      about,
      `请登录工作台查看：${link}`,
      '',
      label.en,
      `Open it in the workbench: ${link}`,
      '',
      '本邮件由民声信访工作平台自动发送，请勿回复。This message was sent automatically; do not reply.',
    ]
      .filter((l, i) => l !== '' || i > 0)
      .join('\n'),
    messageId: messageIdOf(row.notification_id, o.from),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * One pass of the sender: claim the due rows, send each, and record the outcome under the lease —
 * sent, or another attempt after a backoff, or failed after the last attempt.
 */
export async function sendDueEmails(
  ctx: AppContext,
  transport: MailTransport,
  options: EmailSenderOptions,
): Promise<SendReport> {
  const o = { leaseSeconds: 120, batchSize: 50, maxAttempts: 8, maxAgeHours: 48, ...options };
  const token = randomUUID();
  const { rows, expired } = await claim(ctx, token, o);
  const report: SendReport = { sent: 0, retried: 0, failed: 0, expired };
  for (const row of rows) {
    let error: string | null = null;
    try {
      await transport.sendMail(await compose(ctx, row, o));
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    }
    await withTransaction(ctx, async (tx) => {
      const now = tx.clock();
      const last = error !== null && row.attempts >= o.maxAttempts;
      await tx.db
        .updateTable('notification_deliveries')
        .set(
          error === null
            ? { status: 'sent', sent_at: now, lease_token: null, leased_until: null, last_error: null }
            : {
                status: last ? 'failed' : 'pending',
                last_error: error,
                next_attempt_at: new Date(now.getTime() + backoffSeconds(row.attempts) * 1000),
                lease_token: null,
                leased_until: null,
              },
        )
        .where('id', '=', row.id)
        .where('lease_token', '=', token)
        .execute();
      if (error === null) report.sent++;
      else if (last) report.failed++;
      else report.retried++;
    });
  }
  return report;
}

/** Runs the sender every few seconds while the server runs; one pass at a time per instance. */
export function startEmailSender(
  ctx: AppContext,
  transport: MailTransport,
  options: EmailSenderOptions & { intervalSeconds: number },
  log: (msg: string, err?: unknown) => void,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sendDueEmails(ctx, transport, options);
      if (r.sent + r.retried + r.failed + r.expired > 0)
        log(`e-mail: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed, ${r.expired} expired`);
    } catch (err) {
      log('e-mail: the sender failed', err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalSeconds * 1000);
  void tick();
  return () => clearInterval(timer);
}

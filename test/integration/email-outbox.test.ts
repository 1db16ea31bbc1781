import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { backoffSeconds, sendDueEmails, type MailTransport } from '../../src/inbox/email-sender.ts';
import { issueInstruction } from '../../src/leadership/instruction.commands.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/** A real SMTP server on a free port: it records each message and can be told to refuse. */
function mailbox() {
  const received: { to: string; messageId: string; subject: string; raw: string }[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        if (refuse) return done(new Error('451 mailbox busy, try later'));
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          messageId: /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? '',
          subject: /^Subject: (.+)$/im.exec(raw)?.[1]?.trim() ?? '',
          raw,
        });
        done();
      });
    },
  });
  return {
    received,
    setRefuse: (v: boolean) => (refuse = v),
    start: () =>
      new Promise<number>((ok) =>
        server.listen(0, '127.0.0.1', () => ok((server.server.address() as AddressInfo).port)),
      ),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describeEachDb('the e-mail outbox (notices sent exactly once over SMTP)', (env) => {
  let org: Org;
  const box = mailbox();
  let transport: MailTransport;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const options = { from: '民声 <noreply@xinfang.test>', baseUrl: 'https://xinfang.test' };

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    const port = await box.start();
    transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    for (const [u, email] of [
      [org.users.officer, 'officer@housing.test'],
      [org.users.head, 'head@housing.test'],
    ] as const)
      await ctx.db.updateTable('users').set({ email }).where('id', '=', u.id).execute();
  });
  afterAll(() => box.stop());

  /** A matter accepted for the housing bureau and an instruction to it: notices to its staff. */
  async function instructHousing(body: string) {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await issueInstruction(ctx, staff(org.users.leader), m.id, { body, unitIds: [org.units.housing] });
    return m;
  }

  const deliveries = () =>
    env()
      .ctx.db.selectFrom('notification_deliveries')
      .select(['id', 'notification_id', 'address', 'status', 'attempts', 'next_attempt_at', 'last_error'])
      .orderBy('id')
      .execute();

  it('queues a message with each notice to a user with an address, and sends it once across two senders and a rerun', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await instructHousing('请住建局一周内拿出方案');
    const queued = await deliveries();
    // The officer and the head have addresses; the unit's other staff and the leader do not.
    expect(queued.map((d) => d.address).sort()).toEqual(['head@housing.test', 'officer@housing.test']);
    expect(queued.every((d) => d.status === 'pending')).toBe(true);

    const [a, b] = await Promise.all([
      sendDueEmails(ctx, transport, options),
      sendDueEmails(ctx, transport, options),
    ]);
    expect(a.sent + b.sent).toBe(2);
    await sendDueEmails(ctx, transport, options);
    expect(box.received).toHaveLength(2);
    expect(new Set(box.received.map((r) => r.messageId)).size).toBe(2);
    const mail = box.received.find((r) => r.to === 'officer@housing.test')!;
    const notice = queued.find((d) => d.address === 'officer@housing.test')!;
    expect(mail.messageId).toBe(`<notice-${notice.notification_id}@xinfang.test>`);
    expect(mail.raw).toContain(`https://xinfang.test/matters/${m.id}`);
    expect((await deliveries()).map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('retries a refused message with backoff, sends it when the server takes it, and gives up after the last attempt', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-03T01:00:00Z');
    box.received.length = 0;
    await instructHousing('请尽快办理');
    const ids = (await deliveries()).filter((d) => d.status === 'pending').map((d) => d.id);
    expect(ids).toHaveLength(2);
    box.setRefuse(true);
    let r = await sendDueEmails(ctx, transport, { ...options, maxAttempts: 3 });
    expect(r).toMatchObject({ sent: 0, retried: 2 });
    let rows = (await deliveries()).filter((d) => ids.includes(d.id));
    expect(rows.every((d) => d.last_error?.includes('451'))).toBe(true);
    expect(rows[0]!.next_attempt_at.getTime() - clock.now.getTime()).toBe(backoffSeconds(1) * 1000);
    // Not due yet: nothing is tried before the backoff has passed.
    r = await sendDueEmails(ctx, transport, { ...options, maxAttempts: 3 });
    expect(r.retried + r.sent).toBe(0);

    // The server takes one of them at the second attempt; the other is refused to its last attempt.
    box.setRefuse(false);
    await ctx.db
      .updateTable('notification_deliveries')
      .set({ address: 'nobody@invalid' })
      .where('id', '=', ids[1]!)
      .execute();
    const picky: MailTransport = {
      sendMail: (msg) =>
        msg.to === 'nobody@invalid' ? Promise.reject(new Error('550 no such user')) : transport.sendMail(msg),
    };
    clock.advanceDays(1 / 1440);
    r = await sendDueEmails(ctx, picky, { ...options, maxAttempts: 3 });
    expect(r).toMatchObject({ sent: 1, retried: 1 });
    clock.advanceDays(2 / 1440);
    r = await sendDueEmails(ctx, picky, { ...options, maxAttempts: 3 });
    expect(r).toMatchObject({ failed: 1 });
    clock.advanceDays(60 / 1440);
    r = await sendDueEmails(ctx, picky, { ...options, maxAttempts: 3 });
    expect(r.sent + r.retried + r.failed).toBe(0);
    rows = (await deliveries()).filter((d) => ids.includes(d.id));
    expect(rows.map((d) => [d.status, d.attempts])).toEqual([
      ['sent', 2],
      ['failed', 3],
    ]);
    expect(box.received).toHaveLength(1);
  });

  it('takes over a message whose sender hangs mid-send once its lease runs out, and not before', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-04T01:00:00Z');
    box.received.length = 0;
    await instructHousing('请办理');
    // A sender that hangs: its claim stands, nothing is marked.
    const hanging: MailTransport = { sendMail: () => new Promise(() => {}) };
    void sendDueEmails(ctx, hanging, { ...options, leaseSeconds: 60 });
    await new Promise((ok) => setTimeout(ok, 500));
    let r = await sendDueEmails(ctx, transport, { ...options, leaseSeconds: 60 });
    expect(r.sent).toBe(0);
    clock.advanceDays(2 / 1440);
    r = await sendDueEmails(ctx, transport, { ...options, leaseSeconds: 60 });
    expect(r.sent).toBe(2);
    expect(box.received).toHaveLength(2);
  });

  it('expires what SMTP never sent within two days, rather than flood a mailbox when it is switched on', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-05T01:00:00Z');
    box.received.length = 0;
    await instructHousing('请办理');
    clock.advanceDays(3);
    const r = await sendDueEmails(ctx, transport, options);
    expect(r).toMatchObject({ sent: 0, expired: 2 });
    expect(box.received).toHaveLength(0);
  });
});

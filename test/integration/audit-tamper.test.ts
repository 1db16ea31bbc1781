import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  generateAuditKey,
  headsDir,
  loadPublicKey,
  loadSigningKey,
  startCheckpoints,
  verifyCheckpoints,
  writeCheckpoint,
} from '../../src/audit/checkpoint.ts';
import { eventHash, storedEventHash } from '../../src/audit/event-hash.ts';
import { verifyAuditLog, type AuditProblem } from '../../src/audit/verify.ts';
import type { Database } from '../../src/db/schema.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/**
 * Each tampering of issue 10 item 12, done as an attacker with the database's superuser rights would
 * (row triggers off for the session's transaction), and seen reported by `audit verify`.
 */
describeEachDb('audit log tampering', (env) => {
  let org: Org;
  let dir: string;
  let keyFile: string;
  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    dir = mkdtempSync(join(tmpdir(), 'minsheng-audit-'));
    keyFile = join(dir, 'audit.key');
    generateAuditKey(keyFile);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the tampering with every trigger off (replication role), as a superuser can. */
  const tamper = (fn: (trx: Transaction<Database>) => Promise<unknown>) =>
    env()
      .ctx.db.transaction()
      .execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await fn(trx);
      });

  const problemsOf = async (matterId: number): Promise<AuditProblem[]> =>
    (await verifyAuditLog(env().ctx.db, { now: env().clock.read() })).problems.filter(
      (p) => p.stream === `matter:${matterId}`,
    );
  const rowDiffs = async (matterId: number) =>
    (await problemsOf(matterId)).flatMap((p) =>
      p.row ? [[p.row.table, p.row.column, p.row.expected, p.row.found]] : [],
    );

  /** A matter accepted, signed for and replied to, so it has deadlines, a decision and a rating. */
  async function repliedMatter() {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'supported',
      facts: '经查，电梯主板损坏，物业已于3月10日更换。',
      legalBasis: '《特种设备安全法》第四十二条',
    });
    await cmd.rate(ctx, { kind: 'petitioner' }, m.id, { rating: 'satisfied' });
    return m;
  }

  /** Appends an event with a correct hash and moves the head, as a forger who read the code would. */
  async function forgeEvent(
    trx: Transaction<Database>,
    matterId: number,
    e: { kind: string; at: Date; payload: Record<string, unknown> },
  ) {
    const stream = `matter:${matterId}`;
    const head = await trx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('stream', '=', stream)
      .executeTakeFirstOrThrow();
    const fields = {
      stream,
      seq: head.seq + 1,
      matterId,
      kind: e.kind,
      actorKind: 'system',
      actorId: null,
      unitId: null,
      at: e.at,
      public: true,
      payload: e.payload,
    };
    const hash = eventHash(head.hash, fields);
    await trx
      .insertInto('events')
      .values({
        stream,
        seq: fields.seq,
        matter_id: matterId,
        kind: e.kind,
        actor_kind: 'system',
        at: e.at,
        public: true,
        payload: JSON.stringify(e.payload),
        prev_hash: head.hash,
        hash,
      })
      .execute();
    await trx
      .updateTable('audit_heads')
      .set({ seq: fields.seq, hash })
      .where('stream', '=', stream)
      .execute();
  }

  /** Recomputes the hash chain of a stream from its first event, as a forger covering an edit would. */
  async function rehash(trx: Transaction<Database>, stream: string) {
    const rows = await trx
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', stream)
      .orderBy('seq')
      .execute();
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const hash = storedEventHash(prev, r);
      await trx.updateTable('events').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
      prev = hash;
    }
    await trx
      .updateTable('audit_heads')
      .set({ seq: rows.length, hash: prev })
      .where('stream', '=', stream)
      .execute();
  }

  const checkpoint = async (log: string) =>
    writeCheckpoint(env().ctx.db, { logFile: log, key: loadSigningKey(keyFile), now: env().clock.read() });
  const checkpointProblems = async (log: string) =>
    (await verifyCheckpoints(env().ctx.db, log, { publicKey: loadPublicKey(`${keyFile}.pub`) })).problems;

  it('refuses TRUNCATE on every append-only table, and DELETE of a chain head', async () => {
    const { ctx } = env();
    await repliedMatter();
    for (const statement of [
      sql`TRUNCATE matters CASCADE`,
      sql`TRUNCATE events, audit_heads`,
      sql`TRUNCATE events`,
      sql`TRUNCATE audit_heads`,
      sql`TRUNCATE decisions CASCADE`,
    ]) {
      await expect(statement.execute(ctx.db)).rejects.toThrow(/TRUNCATE refused/);
    }
    await expect(sql`DELETE FROM audit_heads`.execute(ctx.db)).rejects.toThrow(/never deleted/);
    expect(
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(ctx.db)).rows[0]!.n),
    ).toBeGreaterThan(0);
  });

  it('an untouched log verifies, with every matter replayed', async () => {
    const { ctx } = env();
    const m = await repliedMatter();
    // Every command that changes a row records it: here the reported unit of a misconduct report,
    // an extension of the handling limit, a suspension and its resumption.
    const report = await registerTestMatter(ctx, org, {
      purpose: 'accusation',
      subject: '某局工作人员收受贿赂',
    });
    await cmd.identifyReportedUnit(ctx, org.staff(org.users.registrar), report.id, {
      unitId: org.units.housing,
    });
    const long = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), long.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), long.id);
    await cmd.extend(ctx, org.staff(org.users.head), long.id, { days: 10, reason: '需现场核查' });
    await cmd.suspend(ctx, org.staff(org.users.head), long.id, { reason: '等待司法鉴定结果' });
    env().clock.advanceDays(3);
    await cmd.resume(ctx, org.staff(org.users.head), long.id, {});
    const r = await verifyAuditLog(env().ctx.db, { now: env().clock.read() });
    expect(r.problems).toEqual([]);
    expect(r.matters).toBeGreaterThanOrEqual(2);
    expect(await problemsOf(m.id)).toEqual([]);
  });

  it('reports a changed state, subject and content with the row and column', async () => {
    const m = await repliedMatter();
    await tamper((trx) =>
      trx
        .updateTable('matters')
        .set({ state: 'closed', subject: '已解决', content: '无' })
        .where('id', '=', m.id)
        .execute(),
    );
    const diffs = await rowDiffs(m.id);
    expect(diffs).toContainEqual(['matters', 'state', 'evaluated', 'closed']);
    expect(diffs.map((d) => d[1])).toEqual(expect.arrayContaining(['subject', 'content']));
  });

  it("reports a change of a decision's facts, of its outcome and of a rating", async () => {
    const m = await repliedMatter();
    await tamper(async (trx) => {
      await trx
        .updateTable('decisions')
        .set({ facts: '经查，反映问题不属实。', outcome: 'not_supported' })
        .where('matter_id', '=', m.id)
        .execute();
      await trx.updateTable('ratings').set({ rating: 'unsatisfied' }).where('matter_id', '=', m.id).execute();
    });
    const diffs = await rowDiffs(m.id);
    expect(diffs.map((d) => `${d[0]}.${d[1]}`)).toEqual(
      expect.arrayContaining(['decisions.facts', 'decisions.outcome', 'ratings.rating']),
    );
    expect(diffs).toContainEqual(['decisions', 'outcome', 'supported', 'not_supported']);
  });

  it('reports a deleted open deadline and a moved due date', async () => {
    const { ctx } = env();
    const a = await registerTestMatter(ctx, org);
    const b = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), b.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await tamper(async (trx) => {
      await trx.deleteFrom('deadlines').where('matter_id', '=', a.id).execute();
      await trx
        .updateTable('deadlines')
        .set({ due_date: '2027-01-01' })
        .where('matter_id', '=', b.id)
        .where('main', '=', true)
        .where('status', '=', 'open')
        .execute();
    });
    expect(await rowDiffs(a.id)).toEqual([
      ['deadlines', null, `open acceptance due ${a.acceptanceDueDate}`, 'missing'],
    ]);
    expect((await rowDiffs(b.id)).map((d) => [d[1], d[3]])).toEqual([['due_date', '2027-01-01']]);
  });

  it('reports an appended forged event with a correct hash and head', async () => {
    const { ctx, clock } = env();
    const m = await registerTestMatter(ctx, org);
    await tamper((trx) =>
      forgeEvent(trx, m.id, {
        kind: 'closed',
        at: clock.read(),
        payload: { reason: 'closed_by_staff', note: null, from: 'registered', to: 'closed' },
      }),
    );
    const problems = await problemsOf(m.id);
    // The chain itself is whole: only what the event claims against the rows gives it away.
    expect(problems.every((p) => p.problem === 'row_mismatch')).toBe(true);
    expect(await rowDiffs(m.id)).toContainEqual(['matters', 'state', 'closed', 'registered']);
  });

  it('reports a deleted last event with the head rolled back', async () => {
    const m = await repliedMatter();
    await tamper(async (trx) => {
      const last = await trx
        .selectFrom('events')
        .select(['seq', 'prev_hash'])
        .where('stream', '=', `matter:${m.id}`)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      await trx
        .deleteFrom('events')
        .where('stream', '=', `matter:${m.id}`)
        .where('seq', '=', last.seq)
        .execute();
      await trx
        .updateTable('audit_heads')
        .set({ seq: last.seq - 1, hash: last.prev_hash })
        .where('stream', '=', `matter:${m.id}`)
        .execute();
    });
    const diffs = await rowDiffs(m.id);
    // The rating's event is gone: state and version roll back, and the rating row has no event.
    expect(diffs).toContainEqual(['matters', 'state', 'replied', 'evaluated']);
    expect(diffs).toContainEqual(['ratings', null, 'no rating', 'a row no event made']);
  });

  it('reports a whole stream deleted with its head', async () => {
    const m = await repliedMatter();
    await tamper(async (trx) => {
      await trx.deleteFrom('events').where('stream', '=', `matter:${m.id}`).execute();
      await trx.deleteFrom('audit_heads').where('stream', '=', `matter:${m.id}`).execute();
    });
    expect(await rowDiffs(m.id)).toEqual([['events', null, `stream matter:${m.id}`, 'no events']]);
  });

  it('checkpoints: a rewritten, re-hashed history whose rows were changed to match is caught', async () => {
    const { clock } = env();
    const log = join(dir, 'rewrite.log');
    const m = await repliedMatter();
    await checkpoint(log);
    expect(await checkpointProblems(log)).toEqual([]);
    // The attacker changes the decision and its event alike, and re-hashes the chain to its end.
    await tamper(async (trx) => {
      await trx
        .updateTable('decisions')
        .set({ outcome: 'not_supported' })
        .where('matter_id', '=', m.id)
        .execute();
      await sql`UPDATE events SET payload = jsonb_set(jsonb_set(payload, '{outcome}', '"not_supported"'),
        '{record,decision,outcome}', '"not_supported"') WHERE matter_id = ${m.id} AND kind = 'replied'`.execute(
        trx,
      );
      await rehash(trx, `matter:${m.id}`);
    });
    expect(await problemsOf(m.id)).toEqual([]);
    clock.advanceDays(1);
    const problems = await checkpointProblems(log);
    expect(problems.map((p) => [p.problem, p.stream])).toEqual([['event_altered', `matter:${m.id}`]]);
  });

  it('checkpoints: a deleted last event, a deleted stream and a backdated forged event are caught', async () => {
    const { ctx, clock } = env();
    const log = join(dir, 'cut.log');
    const cut = await repliedMatter();
    const gone = await registerTestMatter(ctx, org);
    const forged = await registerTestMatter(ctx, org);
    const before = clock.read();
    clock.advanceDays(1);
    await checkpoint(log);
    await tamper(async (trx) => {
      const last = await trx
        .selectFrom('events')
        .select(['seq', 'prev_hash'])
        .where('stream', '=', `matter:${cut.id}`)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      await trx
        .deleteFrom('events')
        .where('stream', '=', `matter:${cut.id}`)
        .where('seq', '=', last.seq)
        .execute();
      await trx
        .updateTable('audit_heads')
        .set({ seq: last.seq - 1, hash: last.prev_hash })
        .where('stream', '=', `matter:${cut.id}`)
        .execute();
      await trx.deleteFrom('events').where('stream', '=', `matter:${gone.id}`).execute();
      await trx.deleteFrom('audit_heads').where('stream', '=', `matter:${gone.id}`).execute();
      // A note changes no row, so only its date, before a checkpoint that does not hold it, betrays it.
      await forgeEvent(trx, forged.id, {
        kind: 'note',
        at: before,
        payload: { note: '信访人已撤回', from: 'registered', to: 'registered' },
      });
    });
    const problems = (await checkpointProblems(log)).map((p) => [p.problem, p.stream]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['event_removed', `matter:${cut.id}`],
        ['stream_removed', `matter:${gone.id}`],
        ['backdated', `matter:${forged.id}`],
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('checkpoints: a signature by another key, or a heads file changed, is refused', async () => {
    const log = join(dir, 'sig.log');
    await checkpoint(log);
    const other = join(dir, 'other.key');
    generateAuditKey(other);
    const r = await verifyCheckpoints(env().ctx.db, log, { publicKey: loadPublicKey(`${other}.pub`) });
    expect(r.problems.map((p) => p.problem)).toContain('untrusted_key');
    // The heads beside the log are proved by the signed root: one changed head is refused.
    const line = JSON.parse(readFileSync(log, 'utf8').trim().split('\n')[0]!) as { heads: string };
    const file = join(headsDir(log), line.heads);
    const content = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
      heads: [string, number, string][];
    };
    content.heads[0]![2] = 'f'.repeat(64);
    writeFileSync(file, gzipSync(JSON.stringify(content)));
    expect((await checkpointProblems(log)).map((p) => p.problem)).toEqual(['heads_mismatch']);
  });

  it('the server writes a checkpoint at start and one at a clean shutdown; a bad key stops it at boot', async () => {
    const log = join(dir, 'server.log');
    const lines: string[] = [];
    const running = startCheckpoints(
      env().ctx.db,
      { keyFile, logFile: log, intervalMinutes: 60, clock: env().clock.read },
      (msg) => lines.push(msg),
    );
    await running.first;
    // Work between the two: the second checkpoint holds only the heads that changed.
    const m = await repliedMatter();
    await running.stop();
    const written = readFileSync(log, 'utf8').trim().split('\n');
    expect(written).toHaveLength(2);
    const second = JSON.parse(written[1]!) as { heads: string };
    const delta = JSON.parse(
      gunzipSync(readFileSync(join(headsDir(log), second.heads))).toString('utf8'),
    ) as {
      base: string | null;
      heads: [string, number, string][];
    };
    expect(delta.base).toBe((JSON.parse(written[0]!) as { heads: string }).heads);
    expect(delta.heads.map((h) => h[0])).toContain(`matter:${m.id}`);
    expect(lines.every((l) => l.startsWith('audit checkpoint: {'))).toBe(true);
    expect(await checkpointProblems(log)).toEqual([]);
    expect(() =>
      startCheckpoints(
        env().ctx.db,
        { keyFile: `${keyFile}.pub`, logFile: log, intervalMinutes: 60, clock: env().clock.read },
        () => undefined,
      ),
    ).toThrow(/MINSHENG_AUDIT_KEY_FILE/);
  });

  // Last: it empties the log for every matter of this database.
  it('TRUNCATE events, audit_heads by a superuser: every matter and every checkpointed stream is reported', async () => {
    const { ctx } = env();
    const log = join(dir, 'truncate.log');
    const m = await repliedMatter();
    await checkpoint(log);
    await tamper((trx) => sql`TRUNCATE events, audit_heads`.execute(trx));
    const r = await verifyAuditLog(ctx.db, { now: env().clock.read() });
    expect(r.events).toBe(0);
    expect(r.problems.length).toBeGreaterThanOrEqual(r.matters);
    expect(await rowDiffs(m.id)).toEqual([['events', null, `stream matter:${m.id}`, 'no events']]);
    const cp = await checkpointProblems(log);
    expect(cp.some((p) => p.problem === 'stream_removed' && p.stream === `matter:${m.id}`)).toBe(true);
  });
});

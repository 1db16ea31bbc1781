import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { getMatter } from '../../src/lifecycle/matter.queries.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';

describeEachDb('petition lifecycle', (env) => {
  let org: Org;
  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  const stateOf = async (id: number) =>
    (await env().ctx.db.selectFrom('matters').select('state').where('id', '=', id).executeTakeFirstOrThrow())
      .state;
  const openMain = async (id: number) =>
    env()
      .ctx.db.selectFrom('deadlines')
      .selectAll()
      .where('matter_id', '=', id)
      .where('main', '=', true)
      .where('status', '=', 'open')
      .executeTakeFirst();

  it('registers with a case number, a query code and an acceptance limit of 15 days', async () => {
    env().clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(env().ctx, org);
    expect(m.caseNumber).toMatch(/^440305-20260302-\d{6}$/);
    expect(m.queryCode).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    // 2026-03-02 + 15 days = 03-17 (a Tuesday, a working day).
    expect(m.acceptanceDueDate).toBe('2026-03-17');
    expect(await stateOf(m.id)).toBe('registered');
  });

  it('accepted → signed for → replied → rated → closed after the review window', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    const r = await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    expect(r.state).toBe('accepted');
    expect(r.result.handlingDueDate).toBe('2026-05-06'); // 60 days from 03-02 is 05-01 (Labour Day holiday) → next working day
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    expect(await stateOf(m.id)).toBe('in_handling');
    clock.advanceDays(20);
    const rep = await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'supported',
      facts: '经查，电梯确已停运。',
      legalBasis: '《特种设备安全法》第三十九条',
    });
    expect(rep.state).toBe('replied');
    await cmd.rate(ctx, { kind: 'petitioner' }, m.id, { rating: 'satisfied' });
    expect(await stateOf(m.id)).toBe('evaluated');
    await rejects(cmd.close(ctx, org.staff(org.users.registrar), m.id, {}), 'window_closed');
    clock.advanceDays(31);
    const closed = await cmd.close(ctx, org.staff(org.users.registrar), m.id, {});
    expect(closed.state).toBe('closed');
  });

  it('refuses an illegal command with 409 and says what is allowed', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    const err = await rejects(
      cmd.reply(ctx, org.staff(org.users.leader), m.id, {
        outcome: 'supported',
        facts: 'x',
        legalBasis: 'y',
      }),
      'illegal_transition',
    );
    expect(err.messageZh).toContain('已登记');
    expect(err.messageZh).toContain('受理');
    expect(err.details?.allowed).toContain('accept');
    expect(await stateOf(m.id)).toBe('registered');
  });

  it('not accepted with the lawful channel (诉访分离) is final and tells the petitioner the channel', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await rejects(
      cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
        decision: 'not_accept',
        reason: 'lawful_channel',
        explanation: '属于诉讼事项',
      }),
      'validation_failed',
    );
    const r = await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'not_accept',
      reason: 'lawful_channel',
      lawfulChannel: 'litigation',
      explanation: '该事项已进入诉讼程序',
    });
    expect(r.state).toBe('not_accepted');
    const ev = await ctx.db
      .selectFrom('events')
      .select(['kind', 'public', 'payload'])
      .where('matter_id', '=', m.id)
      .where('kind', '=', 'not_accepted')
      .executeTakeFirstOrThrow();
    expect(ev.public).toBe(true);
    expect(ev.payload.lawfulChannelZh).toBe('向人民法院提起诉讼');
    await rejects(
      cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
        decision: 'accept',
        leadUnitId: org.units.housing,
      }),
      'illegal_transition',
    );
  });

  it('forwarded to the competent body, which accepts by signing for', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    const f = await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'forward',
      unitId: org.units.labour,
    });
    expect(f.state).toBe('forwarded');
    const s = await cmd.signFor(ctx, org.staff(org.users.labourHead), m.id);
    expect(s.state).toBe('in_handling');
    expect((await openMain(m.id))?.kind).toBe('handling');
  });

  it('handed down and objected to within 5 working days returns to the sender; late objection is refused', async () => {
    const { ctx, clock } = env();
    clock.set('2026-09-28T02:00:00Z'); // Monday before National Day
    const m = await registerTestMatter(ctx, org);
    const h = await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'hand_down',
      unitId: org.units.street,
      dueDate: '2026-11-30',
    });
    expect(h.state).toBe('handed_down');
    const window = await ctx.db
      .selectFrom('deadlines')
      .select('due_date')
      .where('matter_id', '=', m.id)
      .where('kind', '=', 'objection')
      .executeTakeFirstOrThrow();
    // 5 working days after 09-28: 09-29, 09-30, (10-01..07 holiday), 10-08, 10-09, 10-10 (make-up Saturday).
    expect(window.due_date).toBe('2026-10-10');
    clock.set('2026-10-09T02:00:00Z');
    await rejects(
      cmd.object(ctx, org.staff(org.users.streetHead), m.id, { reason: '短' }),
      'validation_failed',
    );
    const o = await cmd.object(ctx, org.staff(org.users.streetHead), m.id, {
      reason: '该事项属于区住建局职责范围，不属本街道',
    });
    expect(o.state).toBe('registered');
    const units = await ctx.db
      .selectFrom('matter_units')
      .select(['released_at', 'release_reason'])
      .where('matter_id', '=', m.id)
      .execute();
    expect(units.every((u) => u.released_at !== null)).toBe(true);

    const m2 = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m2.id, {
      decision: 'hand_down',
      unitId: org.units.street,
    });
    clock.set('2026-10-20T02:00:00Z');
    await rejects(
      cmd.object(ctx, org.staff(org.users.streetHead), m2.id, { reason: '该事项不属于本街道职责范围' }),
      'window_closed',
    );
  });

  it('merges a duplicate into an open matter and counts it as a repeat', async () => {
    const { ctx } = env();
    const first = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), first.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    const again = await registerTestMatter(ctx, org);
    await rejects(
      cmd.decide(ctx, org.staff(org.users.registrar), again.id, {
        decision: 'merge',
        intoMatterId: again.id,
      }),
      'validation_failed',
    );
    const r = await cmd.decide(ctx, org.staff(org.users.registrar), again.id, {
      decision: 'merge',
      intoMatterId: first.id,
    });
    expect(r.state).toBe('merged');
    const row = await ctx.db
      .selectFrom('matters')
      .select('repeat_of_id')
      .where('id', '=', again.id)
      .executeTakeFirstOrThrow();
    expect(row.repeat_of_id).toBe(first.id);
  });

  it('extends once by at most 30 days, by the unit head only', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    await rejects(
      cmd.extend(ctx, org.staff(org.users.officer), m.id, { days: 10, reason: '需要现场勘验' }),
      'forbidden',
    );
    await rejects(
      cmd.extend(ctx, org.staff(org.users.head), m.id, { days: 31, reason: '需要现场勘验' }),
      'validation_failed',
    );
    const e = await cmd.extend(ctx, org.staff(org.users.head), m.id, { days: 30, reason: '需要现场勘验' });
    // 60 + 30 = 90 days from 03-02 → 05-31 (Sunday) → 06-01.
    expect(e.result.newDueDate).toBe('2026-06-01');
    await rejects(
      cmd.extend(ctx, org.staff(org.users.head), m.id, { days: 5, reason: '再次延期' }),
      'limit_exceeded',
    );
  });

  it('suspends the handling clock with a reason and moves the limit on by the suspended days', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    clock.set('2026-03-10T02:00:00Z');
    await rejects(cmd.suspend(ctx, org.staff(org.users.head), m.id, {}), 'validation_failed');
    const s = await cmd.suspend(ctx, org.staff(org.users.head), m.id, { reason: '等待法院判决结果' });
    expect(s.state).toBe('suspended');
    expect(await openMain(m.id)).toBeUndefined();
    clock.set('2026-03-30T02:00:00Z');
    const r = await cmd.resume(ctx, org.staff(org.users.head), m.id, {});
    expect(r.state).toBe('in_handling');
    // Due 05-06 before; 20 days suspended → 05-26 (a Tuesday).
    expect(r.result.newDueDate).toBe('2026-05-26');
    expect((await openMain(m.id))?.due_date).toBe('2026-05-26');
  });

  it('review and second review within their windows, then concluded', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'not_supported',
      facts: '不符合条件',
      legalBasis: '相关规定',
    });
    clock.advanceDays(10);
    await cmd.requestReview(ctx, { kind: 'petitioner' }, m.id, { reason: '不服处理意见' });
    // The handling unit may not decide its own review; the city bureau (one level up) may.
    await rejects(
      cmd.decideReview(ctx, org.staff(org.users.head), m.id, {
        outcome: 'upheld',
        facts: 'a',
        legalBasis: 'b',
      }),
      'forbidden',
    );
    await cmd.decideReview(ctx, org.staff(org.users.cityHead), m.id, {
      outcome: 'upheld',
      facts: '复查认定事实清楚',
      legalBasis: '条例第三十五条',
    });
    clock.advanceDays(5);
    await cmd.requestRecheck(ctx, { kind: 'petitioner' }, m.id, { reason: '仍不服' });
    await rejects(
      cmd.decideRecheck(ctx, org.staff(org.users.cityHead), m.id, {
        outcome: 'upheld',
        facts: 'a',
        legalBasis: 'b',
      }),
      'forbidden',
    );
    const rc = await cmd.decideRecheck(ctx, org.staff(org.users.provinceHead), m.id, {
      outcome: 'changed',
      facts: '复核改变',
      legalBasis: '条例第三十六条',
    });
    expect(rc.state).toBe('rechecked');
    await rejects(cmd.conclude(ctx, org.staff(org.users.head), m.id, {}), 'forbidden');
    const c = await cmd.conclude(ctx, org.staff(org.users.provinceHead), m.id, {});
    expect(c.state).toBe('concluded');
  });

  it("lets the district government review its own department's reply (the superior body, 条例 §35)", async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'not_supported',
      facts: '不符合条件',
      legalBasis: '相关规定',
    });
    await cmd.requestReview(ctx, { kind: 'petitioner' }, m.id, { reason: '不服' });
    // Another department of the district does not even see the matter (its scope is its own matters).
    await rejects(
      cmd.decideReview(ctx, org.staff(org.users.labourHead), m.id, {
        outcome: 'upheld',
        facts: 'a',
        legalBasis: 'b',
      }),
      'not_found',
    );
    const r = await cmd.decideReview(ctx, org.staff(org.users.countyHead), m.id, {
      outcome: 'changed',
      facts: '复查改变',
      legalBasis: '条例第三十五条',
    });
    expect(r.state).toBe('reviewed');
  });

  it('a review asked after 30 days is refused, and the scanner closes the matter', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
    });
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'explained',
      facts: '已解释',
      legalBasis: '政策',
    });
    clock.advanceDays(40);
    await rejects(
      cmd.requestReview(ctx, { kind: 'petitioner' }, m.id, { reason: '迟到的复查' }),
      'window_closed',
    );
    await scanDeadlines(ctx);
    expect(await stateOf(m.id)).toBe('closed');
  });

  it('raises each warning and overdue mark exactly once, even when two scanners race', async () => {
    const { ctx, clock } = env();
    clock.set('2026-04-01T01:00:00Z');
    const m = await registerTestMatter(ctx, org);
    clock.set('2026-04-20T01:00:00Z');
    await Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    await scanDeadlines(ctx);
    const marks = await ctx.db
      .selectFrom('events')
      .select('kind')
      .where('matter_id', '=', m.id)
      .where('kind', 'in', ['deadline_warning', 'deadline_overdue'])
      .execute();
    expect(marks.map((e) => e.kind).sort()).toEqual(['deadline_overdue', 'deadline_warning']);
  });

  it('a retried registration with the same Idempotency-Key returns the first matter', async () => {
    const { ctx } = env();
    const before = await ctx.db
      .selectFrom('matters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const a = await registerTestMatter(ctx, org, { subject: '幂等测试' }, 'key-123');
    const b = await registerTestMatter(ctx, org, { subject: '幂等测试' }, 'key-123');
    expect(b.id).toBe(a.id);
    expect(b.caseNumber).toBe(a.caseNumber);
    const after = await ctx.db
      .selectFrom('matters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    await rejects(registerTestMatter(ctx, org, { subject: '另一个请求' }, 'key-123'), 'idempotency_mismatch');
  });

  it('rejects a sixth representative of a collective visit and stores nothing', async () => {
    const { ctx } = env();
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('matters')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const reps = Array.from({ length: 6 }, (_, i) => ({
      name: `代表${i}`,
      phone: `1390000000${i}`,
      isRepresentative: true,
    }));
    const err = await rejects(
      registerTestMatter(ctx, org, { channel: 'visit', headCount: 30, petitioners: reps }),
      'validation_failed',
    );
    expect(err.fields[0]?.path).toBe('petitioners');
    expect(err.fields[0]?.message_zh).toContain('5');
    expect(await count()).toBe(before);
    const ok = await registerTestMatter(ctx, org, {
      channel: 'visit',
      headCount: 30,
      petitioners: reps.slice(0, 5),
    });
    expect(ok.isCollective).toBe(true);
    expect(ok.headCount).toBe(30);
  });

  it('lists the representatives of a collective visit in the order they were entered', async () => {
    const { ctx } = env();
    // Names whose order of entry differs from any order by person (name, number or id).
    const names = ['周七', '王五', '赵六', '李四', '孙八'];
    const reps = names.map((name, i) => ({ name, phone: `1370000000${4 - i}`, isRepresentative: true }));
    const m = await registerTestMatter(ctx, org, { channel: 'visit', headCount: 40, petitioners: reps });
    const detail = await getMatter(ctx, org.users.registrar, m.id);
    expect(detail.petitioners.map((p) => p.name)).toEqual(names);
  });

  it('matches one person by ID number across matters', async () => {
    const { ctx } = env();
    const p = [{ name: '李四', idNumber: '11010519491231002X', phone: '13800138000' }];
    const a = await registerTestMatter(ctx, org, { petitioners: p });
    const b = await registerTestMatter(ctx, org, {
      petitioners: [{ name: '李四', idNumber: '11010519491231002x' }],
    });
    expect(b.petitionerIds).toEqual(a.petitionerIds);
    await rejects(
      registerTestMatter(ctx, org, { petitioners: [{ name: '王五', idNumber: '110105194912310021' }] }),
      'validation_failed',
    );
  });

  it('nothing deletes a registered matter, and audit verify catches an altered or removed event', async () => {
    const { ctx } = env();
    const m = await registerTestMatter(ctx, org);
    await expect(ctx.db.deleteFrom('matters').where('id', '=', m.id).execute()).rejects.toThrow(
      /never deleted/,
    );
    await expect(
      ctx.db.updateTable('events').set({ kind: 'x' }).where('matter_id', '=', m.id).execute(),
    ).rejects.toThrow(/append-only/);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
    // An attacker with superuser rights switches the trigger off and edits history.
    await sql`ALTER TABLE events DISABLE TRIGGER events_append_only`.execute(ctx.db);
    await sql`UPDATE events SET payload = jsonb_set(payload, '{headCount}', '99') WHERE matter_id = ${m.id} AND kind = 'registered'`.execute(
      ctx.db,
    );
    const altered = await verifyAuditLog(ctx.db);
    expect(altered.problems.map((p) => [p.stream, p.problem])).toEqual([[`matter:${m.id}`, 'altered']]);
    const other = await registerTestMatter(ctx, org);
    await cmd.addNote(ctx, org.staff(org.users.registrar), other.id, { note: '内部备注' });
    await sql`DELETE FROM events WHERE matter_id = ${other.id} AND kind = 'note'`.execute(ctx.db);
    await sql`ALTER TABLE events ENABLE TRIGGER events_append_only`.execute(ctx.db);
    const removed = await verifyAuditLog(ctx.db);
    expect(removed.problems).toContainEqual(
      expect.objectContaining({ stream: `matter:${other.id}`, problem: 'head_mismatch' }),
    );
  });
});

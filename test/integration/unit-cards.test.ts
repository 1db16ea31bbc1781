import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import { acceptCard, answerCard, issueUnitCard } from '../../src/supervision/card.commands.ts';
import {
  cardAttachments,
  cardsOfMatter,
  getCard,
  listCards,
  unitCardCandidates,
} from '../../src/supervision/card.queries.ts';
import { acceptedMatter, reportAgainstHousing, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('supervision cards on a unit’s set of matters (对单位督办)', (env) => {
  let org: Org;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  const ledBy = (unitId: number, subject: string) => acceptedMatter(env().ctx, org, unitId, { subject });
  const notices = async (user: StaffUser, caseId: number) =>
    (await listInbox(env().ctx, user, { page: 1, pageSize: 100 })).items.filter((n) => n.caseId === caseId);
  const cardCount = async () =>
    Number(
      (
        await env()
          .ctx.db.selectFrom('supervision_card_matters')
          .select(env().ctx.db.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const attach = async (matterId: number, filename: string) =>
    (
      await env()
        .ctx.db.insertInto('attachments')
        .values({
          matter_id: matterId,
          filename,
          mime_type: 'application/pdf',
          size_bytes: 10,
          sha256: 'b'.repeat(64),
          storage_key: `test/${filename}`,
          uploaded_by: org.users.head.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  it('lists the unit’s matters in hand, overdue first; one card for several, answered once with evidence from any', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const late = await ledBy(org.units.housing, '小区电梯停运');
    clock.set('2026-05-20T01:00:00Z');
    const fresh = await ledBy(org.units.housing, '楼道照明损坏');
    const elsewhere = await ledBy(org.units.labour, '拖欠工资');

    const candidates = await unitCardCandidates(ctx, org.users.supervisor, org.units.housing);
    const ids = candidates.items.map((c) => c.id);
    expect(ids).toContain(late.id);
    expect(ids).toContain(fresh.id);
    expect(ids).not.toContain(elsewhere.id);
    expect(ids.indexOf(late.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(candidates.items.find((c) => c.id === late.id)?.overdue).toBe(true);
    expect(candidates.items.find((c) => c.id === fresh.id)?.overdue).toBe(false);
    // Only a supervisor is offered them.
    await rejects(unitCardCandidates(ctx, org.users.officer, org.units.housing), 'not_found');

    const c = await issueUnitCard(ctx, staff(org.users.supervisor), {
      unitId: org.units.housing,
      matterIds: [late.id, fresh.id, late.id],
      reason: '住建局两件事项进展缓慢',
      demand: '请于5月29日前逐件报告办理情况',
      answerBy: '2026-05-29',
    });
    const card = await getCard(ctx, org.users.officer, c.id);
    expect(card).toMatchObject({
      matterId: null,
      caseNumber: null,
      state: 'issued',
      targetUnitId: org.units.housing,
    });
    expect(card.matters.map((x) => x.id)).toEqual([late.id, fresh.id]);
    expect(card.allowedActions).toEqual(['answer', 'comment']);
    // The card shows on each matter's page, and reaches the unit once, linked to the card.
    for (const m of [late, fresh])
      expect((await cardsOfMatter(ctx, org.users.officer, m.id)).items.map((x) => x.id)).toContain(c.id);
    expect((await cardsOfMatter(ctx, org.users.officer, elsewhere.id)).items.map((x) => x.id)).not.toContain(
      c.id,
    );
    const received = await notices(org.users.head, c.id);
    expect(received.map((n) => [n.kind, n.matterId, n.payload.matters])).toEqual([
      ['card_received', null, 2],
    ]);
    expect((await listCards(ctx, org.users.head, { view: 'toMyUnit' })).items.map((x) => x.id)).toContain(
      c.id,
    );

    clock.set('2026-05-21T01:00:00Z');
    const plan = await attach(fresh.id, '照明维修单.pdf');
    const other = await attach(elsewhere.id, '工资表.pdf');
    expect((await cardAttachments(ctx, org.users.officer, c.id)).items.map((f) => f.id)).toEqual([plan]);
    const wrong = await rejects(
      answerCard(ctx, staff(org.users.head), c.id, { answer: '已办理', attachmentIds: [plan, other] }),
      'validation_failed',
    );
    expect(wrong.fields[0]?.path).toBe('attachmentIds');
    await answerCard(ctx, staff(org.users.head), c.id, {
      answer: '电梯已于4月25日修复；照明已更换。',
      attachmentIds: [plan],
    });
    const answered = await getCard(ctx, org.users.supervisor, c.id);
    expect(answered.answerAttachments).toEqual([
      { id: plan, filename: '照明维修单.pdf', matterId: fresh.id },
    ]);
    expect((await notices(org.users.supervisor, c.id)).map((n) => n.kind)).toEqual(['card_answered']);
    expect((await acceptCard(ctx, staff(org.users.supervisor), c.id, {})).state).toBe('accepted');
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('escalates like any card when unanswered', async () => {
    const { ctx, clock } = env();
    clock.set('2026-04-27T01:00:00Z');
    const a = await ledBy(org.units.housing, '违建拆除');
    const b = await ledBy(org.units.housing, '噪音扰民');
    const c = await issueUnitCard(ctx, staff(org.users.supervisor), {
      unitId: org.units.housing,
      matterIds: [a.id, b.id],
      reason: '超期',
      demand: '请报告',
      answerBy: '2026-04-29',
    });
    clock.set('2026-04-29T20:00:00Z');
    await Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    await Promise.all([scanDeadlines(ctx), scanDeadlines(ctx)]);
    expect((await getCard(ctx, org.users.supervisor, c.id)).level).toBe('yellow');
    expect((await notices(org.users.officer, c.id)).map((n) => [n.kind, n.matterId]).sort()).toEqual([
      ['card_escalated', null],
      ['card_received', null],
      ['card_warning', null],
    ]);
  });

  it('refuses matters out of scope or hidden from the unit, storing nothing; a card is seen only by who sees each matter', async () => {
    const { ctx, clock } = env();
    clock.set('2026-07-01T01:00:00Z');
    const a = await ledBy(org.units.housing, '物业收费争议');
    const report = await reportAgainstHousing(ctx, org, '举报住建局工作人员违规收费');
    const ok = { reason: '超期', demand: '请办理', answerBy: '2026-07-10' };
    const before = await cardCount();
    // The reported unit is never supervised on the report: the error names the unit field.
    const hidden = await rejects(
      issueUnitCard(ctx, staff(org.users.supervisor), {
        ...ok,
        unitId: org.units.housing,
        matterIds: [a.id, report.id],
      }),
      'validation_failed',
    );
    expect(hidden.fields[0]?.path).toBe('unitId');
    // A matter that does not exist, or that the supervisor may not see, is named by its place.
    const missing = await rejects(
      issueUnitCard(ctx, staff(org.users.supervisor), {
        ...ok,
        unitId: org.units.housing,
        matterIds: [a.id, 99_999_999],
      }),
      'validation_failed',
    );
    expect(missing.fields[0]?.path).toBe('matterIds.1');
    // Only a supervisor issues cards.
    await rejects(
      issueUnitCard(ctx, staff(org.users.leader), { ...ok, unitId: org.units.housing, matterIds: [a.id] }),
      'forbidden',
    );
    for (const bad of [
      { ...ok, unitId: org.units.housing, matterIds: [] },
      { ...ok, unitId: org.units.housing, matterIds: Array.from({ length: 51 }, (_, i) => i + 1) },
      { ...ok, matterIds: [a.id] },
      { ...ok, unitId: org.units.housing, matterIds: [a.id], answerBy: '2026-06-01' },
    ])
      await rejects(issueUnitCard(ctx, staff(org.users.supervisor), bad), 'validation_failed');
    expect(await cardCount()).toBe(before);

    // A red card on a matter the discipline body leads and the report: it reaches the discipline
    // body; the county government's leader, who sees the first matter but never the report, is
    // not told of the card and may not open it, though a red card reaches that level's leaders.
    const d = await ledBy(org.units.discipline, '征地补偿款发放');
    const c = await issueUnitCard(ctx, staff(org.users.supervisor), {
      ...ok,
      level: 'red',
      unitId: org.units.discipline,
      matterIds: [d.id, report.id],
    });
    expect((await notices(org.users.discipline, c.id)).map((n) => n.kind)).toEqual(['card_received']);
    expect((await cardsOfMatter(ctx, org.users.countyHead, d.id)).items).toEqual([]);
    expect(await notices(org.users.countyHead, c.id)).toEqual([]);
    await rejects(getCard(ctx, org.users.countyHead, c.id), 'not_found');
    expect((await notices(org.users.leader, c.id)).map((n) => n.kind)).toEqual(['card_received']);
    // Past its date the red card's warning and overdue mark reach the same people, and no one else.
    clock.set('2026-07-11T01:00:00Z');
    await scanDeadlines(ctx);
    expect(await notices(org.users.countyHead, c.id)).toEqual([]);
    expect((await notices(org.users.leader, c.id)).map((n) => n.kind).sort()).toEqual([
      'card_overdue',
      'card_received',
    ]);
    expect((await notices(org.users.discipline, c.id)).map((n) => n.kind).sort()).toEqual([
      'card_overdue',
      'card_received',
      'card_warning',
    ]);
    expect((await listCards(ctx, org.users.supervisor, { view: 'issued' })).items.map((x) => x.id)).toContain(
      c.id,
    );
  });
});

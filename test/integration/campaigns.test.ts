import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import {
  addMattersToCampaign,
  assignCampaignOwner,
  closeCampaign,
  correctCampaignOutcome,
  createCampaign,
  recordCampaignOutcome,
  removeMatterFromCampaign,
  startCampaign,
  withdrawCampaign,
} from '../../src/campaigns/campaign.commands.ts';
import { getCampaign, listCampaigns } from '../../src/campaigns/campaign.queries.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import { openOwnership } from '../../src/leadership/ownership.commands.ts';
import { acceptedMatter, reportAgainstHousing, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('backlog campaigns (积案专项治理)', (env) => {
  let org: Org;
  type Key = 'a' | 'b' | 'c' | 'd' | 'report' | 'fresh';
  const m = {} as Record<Key, { id: number; caseNumber: string }>;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const sup = () => staff(org.users.supervisor);
  const base = {
    campaignName: '2026年信访积案化解专项行动',
    periodStart: '2026-04-01',
    periodEnd: '2026-09-30',
    targetPercent: 80,
  };
  const count = async (table: 'campaigns' | 'campaign_matters' | 'campaign_outcomes') =>
    Number(
      (
        await env()
          .ctx.db.selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
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
          sha256: 'c'.repeat(64),
          storage_key: `test/${filename}`,
          uploaded_by: org.users.officer.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    const { ctx, clock } = env();
    org = await seedOrg(ctx);
    clock.set('2026-01-05T01:00:00Z');
    m.a = await acceptedMatter(ctx, org, org.units.housing, { subject: '加装电梯久拖未决' });
    m.b = await acceptedMatter(ctx, org, org.units.housing, { subject: '小区漏水多年' });
    m.c = await acceptedMatter(ctx, org, org.units.housing, { subject: '物业费纠纷' });
    m.d = await acceptedMatter(ctx, org, org.units.labour, { subject: '工程款拖欠' });
    m.report = await reportAgainstHousing(ctx, org, '举报住建局工作人员');
    await openOwnership(ctx, staff(org.users.leader), m.a.id, { problem: '加装电梯协调难' });
    clock.set('2026-04-10T01:00:00Z');
    m.fresh = await acceptedMatter(ctx, org, org.units.housing, { subject: '新近的投诉' });
  });

  let id = 0;

  it('refuses bad campaigns with a field error and stores nothing', async () => {
    const { ctx } = env();
    await rejects(createCampaign(ctx, staff(org.users.officer), base), 'forbidden');
    for (const [body, path] of [
      [{ ...base, targetPercent: 101 }, 'targetPercent'],
      [{ ...base, targetPercent: 0 }, 'targetPercent'],
      [{ ...base, periodEnd: '2026-03-01' }, 'periodEnd'],
      [{ ...base, scopeRegionCode: '4403' }, 'scopeRegionCode'],
      [{ ...base, matterIds: [m.fresh.id] }, 'matterIds.0'],
    ] as const) {
      const err = await rejects(createCampaign(ctx, sup(), body), 'validation_failed');
      expect(err.fields[0]?.path).toBe(path);
    }
    expect(await count('campaigns')).toBe(0);
    expect(await count('campaign_matters')).toBe(0);
  });

  it('is set up in draft with matters by hand, each owned by its 包案 leader by default', async () => {
    const { ctx } = env();
    const c = await createCampaign(ctx, sup(), { ...base, matterIds: [m.a.id, m.b.id] });
    id = c.id;
    expect(c.state).toBe('draft');
    const v = await getCampaign(ctx, org.users.supervisor, id);
    expect(v.matters.map((x) => [x.matterId, x.ownerName])).toEqual([
      [m.a.id, 'leader'],
      [m.b.id, null],
    ]);
    expect(v.allowedActions).toEqual([
      'start',
      'withdraw',
      'add_matters',
      'remove_matter',
      'assign_owner',
      'comment',
    ]);
    const notices = (await listInbox(ctx, org.users.leader, { page: 1, pageSize: 50 })).items;
    expect(notices.filter((n) => n.caseId === id).map((n) => [n.kind, n.matterId])).toEqual([
      ['campaign_matter_owned', m.a.id],
    ]);
  });

  it('takes on every backlog matter matching a filter, within its scope', async () => {
    const { ctx } = env();
    const r = await addMattersToCampaign(ctx, sup(), id, { filter: { unitId: org.units.labour } });
    expect(r.result).toEqual({ added: 1 });
    await addMattersToCampaign(ctx, sup(), id, { filter: {} });
    const v = await getCampaign(ctx, org.users.supervisor, id);
    expect(v.matters.map((x) => x.matterId).sort()).toEqual(
      [m.a.id, m.b.id, m.c.id, m.d.id, m.report.id].sort(),
    );
    expect(v.matters.map((x) => x.matterId)).not.toContain(m.fresh.id);
    const none = await rejects(addMattersToCampaign(ctx, sup(), id, { filter: {} }), 'validation_failed');
    expect(none.fields[0]?.path).toBe('filter');
  });

  it('keeps a matter in one campaign not yet closed', async () => {
    const { ctx } = env();
    const err = await rejects(
      createCampaign(ctx, sup(), { ...base, campaignName: '另一专项', matterIds: [m.a.id] }),
      'validation_failed',
    );
    expect(err.fields[0]?.message_zh).toContain('2026年信访积案化解专项行动');
    expect(await count('campaigns')).toBe(1);
  });

  it('names owners only among those who may see the matter', async () => {
    const { ctx } = env();
    await assignCampaignOwner(ctx, sup(), id, { matterId: m.b.id, ownerId: org.users.head.id });
    const hidden = await rejects(
      assignCampaignOwner(ctx, sup(), id, { matterId: m.report.id, ownerId: org.users.officer.id }),
      'validation_failed',
    );
    expect(hidden.fields[0]?.path).toBe('ownerId');
    await rejects(
      assignCampaignOwner(ctx, staff(org.users.officer), id, {
        matterId: m.b.id,
        ownerId: org.users.officer.id,
      }),
      'forbidden',
    );
  });

  it('records outcomes only while active, by the owner or the lead unit, with the matter’s files as evidence', async () => {
    const { ctx } = env();
    const outcome = { matterId: m.b.id, outcome: 'resolved', note: '已维修屋面，信访人满意' };
    await rejects(recordCampaignOutcome(ctx, staff(org.users.officer), id, outcome), 'illegal_transition');
    expect((await startCampaign(ctx, sup(), id, {})).state).toBe('active');
    const file = await attach(m.b.id, '维修验收单.pdf');
    const other = await attach(m.d.id, '工资表.pdf');
    const wrong = await rejects(
      recordCampaignOutcome(ctx, staff(org.users.officer), id, { ...outcome, attachmentIds: [other] }),
      'validation_failed',
    );
    expect(wrong.fields[0]?.path).toBe('attachmentIds');
    await rejects(
      recordCampaignOutcome(ctx, staff(org.users.officer), id, { ...outcome, matterId: m.d.id }),
      'forbidden',
    );
    await recordCampaignOutcome(ctx, staff(org.users.officer), id, { ...outcome, attachmentIds: [file] });
    // The 包案 leader owns matter a and records it.
    await recordCampaignOutcome(ctx, staff(org.users.leader), id, {
      matterId: m.a.id,
      outcome: 'legal_channel',
      note: '已告知通过行政复议途径解决',
    });
    const v = await getCampaign(ctx, org.users.supervisor, id);
    expect(v.progress).toMatchObject({
      total: 5,
      resolved: 2,
      share: 0.4,
      targetPercent: 80,
      reached: false,
    });
    expect(v.progress.byUnit.find((u) => u.unitId === org.units.housing)).toMatchObject({
      total: 3,
      resolved: 2,
    });
    expect(v.matters.find((x) => x.matterId === m.b.id)?.outcome).toMatchObject({
      outcome: 'resolved',
      attachments: [{ id: file, filename: '维修验收单.pdf' }],
    });
  });

  it('shows the unit a report is about neither the report nor its place in the figures', async () => {
    const { ctx } = env();
    const v = await getCampaign(ctx, org.users.officer, id);
    expect(v.matters.map((x) => x.matterId)).not.toContain(m.report.id);
    // Housing reads the three matters it leads; the labour bureau's is not its to see either.
    expect(v.matters.map((x) => x.matterId).sort()).toEqual([m.a.id, m.b.id, m.c.id].sort());
    expect(v.progress.total).toBe(3);
    expect((await listCampaigns(ctx, org.users.officer, {})).items.map((c) => c.id)).toEqual([id]);
    expect((await getCampaign(ctx, org.users.discipline, id)).matters.map((x) => x.matterId)).toEqual([
      m.report.id,
    ]);
  });

  it('keeps every outcome row: a second record replaces the first as current', async () => {
    const { ctx } = env();
    await recordCampaignOutcome(ctx, staff(org.users.head), id, {
      matterId: m.b.id,
      outcome: 'explained_accepted',
      note: '经解释，信访人表示息诉',
    });
    const b = (await getCampaign(ctx, org.users.supervisor, id)).matters.find((x) => x.matterId === m.b.id)!;
    expect(b.history.map((h) => h.outcome)).toEqual(['resolved', 'explained_accepted']);
    expect(b.outcome?.outcome).toBe('explained_accepted');
  });

  it('keeps matters with an outcome and refuses to withdraw a campaign that has outcomes', async () => {
    const { ctx } = env();
    await rejects(removeMatterFromCampaign(ctx, sup(), id, { matterId: m.b.id, reason: '误选' }), 'conflict');
    await removeMatterFromCampaign(ctx, sup(), id, { matterId: m.c.id, reason: '已另案处理' });
    await rejects(withdrawCampaign(ctx, sup(), id, {}), 'conflict');
    const draft = await createCampaign(ctx, sup(), { ...base, campaignName: '试点', matterIds: [m.c.id] });
    expect((await withdrawCampaign(ctx, sup(), draft.id, {})).state).toBe('withdrawn');
  });

  it('is corrected after closing only by a new audited row, never in place', async () => {
    const { ctx, clock } = env();
    clock.set('2026-10-08T01:00:00Z');
    const closed = await closeCampaign(ctx, sup(), id, { note: '专项行动期满' });
    expect(closed.state).toBe('closed');
    const closedAt = (await getCampaign(ctx, org.users.supervisor, id)).closedAt;
    expect(closedAt).toEqual(new Date('2026-10-08T01:00:00Z'));
    await rejects(
      recordCampaignOutcome(ctx, staff(org.users.officer), id, {
        matterId: m.b.id,
        outcome: 'concluded',
        note: '改',
      }),
      'illegal_transition',
    );
    await expect(
      ctx.db
        .updateTable('campaign_outcomes')
        .set({ outcome: 'concluded' })
        .where('case_id', '=', id)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom('campaign_outcomes').where('case_id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    const correction = {
      matterId: m.a.id,
      outcome: 'concluded',
      note: '经复核，已依法终结',
      reason: '原登记有误',
    };
    await rejects(correctCampaignOutcome(ctx, staff(org.users.officer), id, correction), 'forbidden');
    const noOutcome = await rejects(
      correctCampaignOutcome(ctx, sup(), id, { ...correction, matterId: m.d.id }),
      'validation_failed',
    );
    expect(noOutcome.fields[0]?.path).toBe('matterId');
    clock.set('2026-10-09T01:00:00Z');
    await correctCampaignOutcome(ctx, sup(), id, correction);
    const v = await getCampaign(ctx, org.users.supervisor, id);
    const a = v.matters.find((x) => x.matterId === m.a.id)!;
    expect(a.history.map((h) => [h.outcome, h.correctionReason])).toEqual([
      ['legal_channel', null],
      ['concluded', '原登记有误'],
    ]);
    expect(a.history[1]!.correctionOf).toBe(a.history[0]!.id);
    expect(v.closedAt).toEqual(closedAt);
    expect(v.allowedActions).toEqual(['correct_outcome', 'comment']);
    const events = await ctx.db
      .selectFrom('events')
      .select('kind')
      .where('stream', '=', `case:${id}`)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.kind)).toContain('campaign_outcome_corrected');
    // A closed campaign releases its matters to another.
    const next = await createCampaign(ctx, sup(), { ...base, campaignName: '第二轮', matterIds: [m.a.id] });
    expect(next.state).toBe('draft');
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });
});

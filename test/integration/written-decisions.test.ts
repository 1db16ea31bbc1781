import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import {
  buildNoticeDocx,
  noticeContent,
  noticeDataFromMatter,
  type NoticeKind,
} from '../../src/documents/index.ts';
import { getMatter } from '../../src/lifecycle/matter.queries.ts';
import { matterCommands as cmd } from '../../src/lifecycle/matter-commands.ts';
import { lookupPublic } from '../../src/portal/portal.service.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';

describeEachDb('written decisions and their document numbers', (env) => {
  let org: Org;
  beforeAll(async () => {
    org = await seedOrg(env().ctx);
  });

  /** Registers, accepts, replies, and (optionally) reviews and rechecks one matter. */
  async function decided(upTo: 'accepted' | 'replied' | 'reviewed' | 'rechecked') {
    const { ctx, clock } = env();
    const m = await registerTestMatter(ctx, org);
    await cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
      decision: 'accept',
      leadUnitId: org.units.housing,
      note: '内部备注：信访人情绪激动',
    });
    if (upTo === 'accepted') return m;
    await cmd.signFor(ctx, org.staff(org.users.officer), m.id);
    await cmd.reply(ctx, org.staff(org.users.head), m.id, {
      outcome: 'not_supported',
      facts: '经核查，电梯维保合同已到期。',
      legalBasis: '《物业管理条例》第三十五条。',
    });
    if (upTo === 'replied') return m;
    clock.advanceDays(3);
    await cmd.requestReview(ctx, { kind: 'petitioner' }, m.id, { reason: '不服处理意见' });
    await cmd.decideReview(ctx, org.staff(org.users.cityHead), m.id, {
      outcome: 'changed',
      facts: '复查查明：物业公司仍负有维修义务。',
      legalBasis: '《信访工作条例》第三十五条；《物业管理条例》第五十五条。',
      body: '变更原处理意见，责成南山区住房和建设局督促物业十日内修复电梯。',
    });
    if (upTo === 'reviewed') return m;
    clock.advanceDays(3);
    await cmd.requestRecheck(ctx, { kind: 'petitioner' }, m.id, { reason: '仍不服' });
    await cmd.decideRecheck(ctx, org.staff(org.users.provinceHead), m.id, {
      outcome: 'upheld',
      facts: '复核查明：复查意见认定事实清楚。',
      legalBasis: '《信访工作条例》第三十六条。',
    });
    return m;
  }

  const numberOf = async (matterId: number, kind: NoticeKind) => {
    const detail = await getMatter(env().ctx, org.users.admin, matterId);
    return noticeDataFromMatter(kind, detail)?.docNumber ?? null;
  };

  it('shows the petitioner the review and second-review decisions with facts, basis, text and 文号', async () => {
    env().clock.set('2026-04-01T02:00:00Z');
    const m = await decided('rechecked');
    const look = await lookupPublic(env().ctx, { caseNumber: m.caseNumber, queryCode: m.queryCode });
    expect(look.reviews).toHaveLength(2);
    const [review, recheck] = look.reviews;
    expect(review).toMatchObject({
      kind: 'review',
      outcome: 'changed',
      facts: '复查查明：物业公司仍负有维修义务。',
      legalBasis: '《信访工作条例》第三十五条；《物业管理条例》第五十五条。',
      body: '变更原处理意见，责成南山区住房和建设局督促物业十日内修复电梯。',
      unitName: '深圳市信访局',
      docNumber: expect.stringMatching(/^深圳信访复查〔2026〕\d+号$/),
      recheckDueDate: expect.stringMatching(/^2026-/),
    });
    expect(recheck).toMatchObject({
      kind: 'recheck',
      facts: '复核查明：复查意见认定事实清楚。',
      unitName: '广东省信访局',
      docNumber: expect.stringMatching(/^广东信访复核〔2026〕\d+号$/),
    });
    expect(look.reply?.docNumber).toMatch(/^南山住房和建设处意〔2026〕\d+号$/);
    // Staff notes in the events' payloads never reach the portal.
    expect(JSON.stringify(look)).not.toContain('内部备注');

    // Staff print the same document with the same number.
    const detail = await getMatter(env().ctx, org.users.admin, m.id);
    const data = noticeDataFromMatter('review', detail)!;
    expect(data.docNumber).toBe(review!.docNumber);
    expect(data.issuingBody).toBe('深圳市信访局');
    const docx = await buildNoticeDocx('review', data);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const text = noticeContent('review', data)
      .sections.flatMap((s) => s.paragraphs)
      .join('\n');
    expect(text).toContain('物业公司仍负有维修义务');
    expect(noticeContent('recheck', noticeDataFromMatter('recheck', detail)!).title).toBe(
      '信访事项复核意见书',
    );
    expect((await verifyAuditLog(env().ctx.db)).problems).toEqual([]);
  });

  it('numbers each unit’s notices of one kind consecutively within the year, and never renumbers them', async () => {
    env().clock.set('2026-05-04T02:00:00Z');
    const a = await decided('accepted');
    const b = await decided('accepted');
    const na = await numberOf(a.id, 'acceptance');
    const nb = await numberOf(b.id, 'acceptance');
    const seq = (n: string | null) => Number(/〔2026〕(\d+)号$/.exec(n ?? '')?.[1]);
    expect(na).toMatch(/^南山信访受告〔2026〕\d+号$/);
    expect(seq(nb)).toBe(seq(na) + 1);
    // Re-reading (re-printing, re-downloading) gives the same number, and so does the portal.
    expect(await numberOf(a.id, 'acceptance')).toBe(na);
    const rows = await env()
      .ctx.db.selectFrom('issued_documents')
      .select(['kind', 'seq', 'doc_number'])
      .where('matter_id', '=', a.id)
      .execute();
    expect(rows).toEqual([{ kind: 'acceptance', seq: seq(na), doc_number: na }]);
    // Another kind of the same unit has its own sequence.
    const r = await decided('replied');
    const reply = await numberOf(r.id, 'reply');
    expect(reply).toMatch(/^南山住房和建设处意〔2026〕\d+号$/);
    expect(await numberOf(r.id, 'acceptance')).toBe(`南山信访受告〔2026〕${seq(nb) + 1}号`);
  });

  it('starts again at 1 in a new year (by Beijing date)', async () => {
    // 2026-12-31T17:00Z is 2027-01-01 01:00 in Beijing.
    env().clock.set('2026-12-31T17:00:00Z');
    const m = await decided('accepted');
    expect(await numberOf(m.id, 'acceptance')).toBe('南山信访受告〔2027〕1号');
    const n = await decided('accepted');
    expect(await numberOf(n.id, 'acceptance')).toBe('南山信访受告〔2027〕2号');
  });

  it('gives matters accepted at the same moment distinct, consecutive numbers', async () => {
    const { ctx, clock } = env();
    clock.set('2026-06-01T02:00:00Z');
    const ms = await Promise.all([1, 2, 3, 4].map(() => registerTestMatter(ctx, org)));
    await Promise.all(
      ms.map((m) =>
        cmd.decide(ctx, org.staff(org.users.registrar), m.id, {
          decision: 'accept',
          leadUnitId: org.units.housing,
        }),
      ),
    );
    const seqs = await Promise.all(ms.map(async (m) => numberOf(m.id, 'acceptance')));
    const n = seqs.map((x) => Number(/〔2026〕(\d+)号$/.exec(x ?? '')?.[1])).sort((a, b) => a - b);
    expect(new Set(n).size).toBe(4);
    expect(n[3]! - n[0]!).toBe(3);
  });

  it('audit verify finds a number changed in the table after it was issued', async () => {
    const { ctx, clock } = env();
    clock.set('2026-07-01T02:00:00Z');
    const m = await decided('accepted');
    const number = (await numberOf(m.id, 'acceptance'))!;
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
    const forge = (n: string) =>
      ctx.db.updateTable('issued_documents').set({ doc_number: n }).where('matter_id', '=', m.id).execute();
    await forge('南山信访受告〔2026〕999号');
    const { problems } = await verifyAuditLog(ctx.db);
    expect(problems).toEqual([
      expect.objectContaining({
        stream: `matter:${m.id}`,
        problem: 'row_mismatch',
        row: expect.objectContaining({ table: 'issued_documents', column: 'doc_number', expected: number }),
      }),
    ]);
    await forge(number);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('refuses to delete an issued number', async () => {
    await expect(env().ctx.db.deleteFrom('issued_documents').execute()).rejects.toThrow(/never deleted/);
  });
});

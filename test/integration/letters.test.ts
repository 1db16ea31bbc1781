import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  amendLetter,
  commentOnLetter,
  createLetter,
  issueLetter,
  signLetter,
  withdrawLetter,
} from '../../src/assessment/letter.commands.ts';
import { getLetter, listLetters } from '../../src/assessment/letter.queries.ts';
import { readUnitTargets, saveUnitTargets } from '../../src/analytics/scorecard-settings.ts';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { buildApp } from '../../src/http/app.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import { handledMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';
import { readZipEntry } from '../helpers/zip.ts';

describeEachDb('responsibility letters (信访工作责任书)', (env) => {
  let org: Org;
  let app: FastifyInstance;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const call = async (username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    if (!sessions[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      sessions[username] = {
        cookie: String(res.headers['set-cookie']).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    }
    const s = sessions[username];
    return app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
  };
  const count = async (table: 'responsibility_letters' | 'letter_revisions' | 'unit_targets') =>
    Number(
      (
        await env()
          .ctx.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const draft = (over: Record<string, unknown> = {}) => ({
    unitId: org.units.housing,
    year: 2026,
    docNumber: '南信字〔2026〕3号',
    targets: [
      { indicator: 'on_time_completion', target: 0.95 },
      { indicator: 'rating_rate', target: 0.8 },
      { indicator: 'satisfaction', target: 0.9 },
      { indicator: 'repeat_rate', target: 0.05 },
    ],
    bureauSignatory: { name: '王建国', title: '区信访局局长' },
    ...over,
  });

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses unknown, excluded, duplicate and out-of-range targets field by field, storing nothing', async () => {
    const { ctx, clock } = env();
    clock.set('2026-01-05T02:00:00Z');
    const before = await count('responsibility_letters');
    const res = await call('supervisor', 'POST', '/api/letters', {
      ...draft(),
      targets: [
        { indicator: 'petitioners_stopped', target: 0.1 },
        { indicator: 'cross_level_rate', target: 0.01 },
        { indicator: 'backlog', target: 0 },
        { indicator: 'satisfaction', target: 95 },
        { indicator: 'rating_rate', target: 0.8 },
        { indicator: 'rating_rate', target: 0.9 },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ error: { fields: { path: string; message_zh: string }[] } }>().error.fields;
    expect(fields.map((f) => f.path)).toEqual([
      'targets.0.indicator',
      'targets.1.indicator',
      'targets.2.indicator',
      'targets.3.target',
      'targets.5.indicator',
    ]);
    expect(fields[1]!.message_zh).toContain('不得设为控制目标');
    expect(await count('responsibility_letters')).toBe(before);
    // Only a bureau's supervisor drafts; the unit must lie in the bureau's region and not be itself.
    await rejects(createLetter(ctx, staff(org.users.head), draft()), 'forbidden');
    const self = await rejects(
      createLetter(ctx, staff(org.users.supervisor), draft({ unitId: org.units.bureau })),
      'validation_failed',
    );
    expect(self.fields[0]?.path).toBe('unitId');
    await rejects(
      createLetter(ctx, staff(org.users.supervisor), draft({ unitId: org.units.cityBureau })),
      'validation_failed',
    );
    expect(await count('responsibility_letters')).toBe(before);
  });

  it('drafts, issues (the targets become the unit’s), signs, compares live, amends and keeps every revision', async () => {
    const { ctx, clock } = env();
    clock.set('2026-01-05T02:00:00Z');
    await handledMatter(ctx, org, { replied: true });
    const l = await createLetter(ctx, staff(org.users.supervisor), draft());
    expect(l.state).toBe('draft');
    // One letter per unit and year.
    const again = await call('supervisor', 'POST', '/api/letters', draft());
    expect(again.statusCode).toBe(409);
    // A draft writes no targets; signing a draft is not lawful.
    expect((await readUnitTargets(ctx.db, 2026)).get(org.units.housing)).toBeUndefined();
    await rejects(
      signLetter(ctx, staff(org.users.head), l.id, {
        signedOn: '2026-01-05',
        unitSignatory: { name: '黄志明', title: '局长' },
      }),
      'illegal_transition',
    );
    // The unit may not issue its own letter.
    await rejects(issueLetter(ctx, staff(org.users.head), l.id, {}), 'forbidden');

    clock.set('2026-01-06T02:00:00Z');
    await issueLetter(ctx, staff(org.users.supervisor), l.id, {});
    expect((await readUnitTargets(ctx.db, 2026)).get(org.units.housing)).toEqual({
      on_time_completion: 0.95,
      rating_rate: 0.8,
      satisfaction: 0.9,
      repeat_rate: 0.05,
    });
    const notices = (await listInbox(ctx, org.users.head, { page: 1, pageSize: 50 })).items;
    expect(notices.filter((n) => n.caseId === l.id).map((n) => n.kind)).toEqual(['letter_issued']);
    // The administrators' form no longer changes targets that come from a letter.
    await rejects(
      saveUnitTargets(
        ctx,
        { kind: 'staff', userId: org.users.admin.id, unitId: org.units.bureau },
        org.units.housing,
        2026,
        {
          targets: { satisfaction: 0.5 },
        },
      ),
      'conflict',
    );

    const future = await rejects(
      signLetter(ctx, staff(org.users.head), l.id, {
        signedOn: '2026-02-01',
        unitSignatory: { name: '黄志明', title: '局长' },
      }),
      'validation_failed',
    );
    expect(future.fields[0]?.path).toBe('signedOn');
    await signLetter(ctx, staff(org.users.head), l.id, {
      signedOn: '2026-01-06',
      unitSignatory: { name: '黄志明', title: '区住房和建设局局长' },
    });
    await commentOnLetter(ctx, staff(org.users.officer), l.id, { comment: '已组织学习' });

    // Half a year on: the handling limit of the January reply fell due and was met; nothing was rated.
    clock.set('2026-06-01T02:00:00Z');
    const live = await getLetter(ctx, org.users.supervisor, l.id);
    expect(live.state).toBe('signed');
    expect(live.period).toEqual({ from: '2026-01-01', to: '2026-06-01' });
    const byKey = Object.fromEntries(live.targets.map((t) => [t.indicator, t]));
    expect(byKey.on_time_completion).toMatchObject({
      numerator: 1,
      denominator: 1,
      actual: 1,
      status: 'met',
    });
    expect(byKey.rating_rate).toMatchObject({ actual: 0, status: 'not_met', ceiling: false });
    expect(byKey.satisfaction).toMatchObject({ actual: null, status: 'no_data' });
    expect(byKey.repeat_rate).toMatchObject({ ceiling: true, actual: 0, status: 'met' });
    expect(live.context.map((c) => c.indicator)).toEqual(['cross_level_rate']);
    expect([live.met, live.notMet, live.noData]).toEqual([2, 1, 1]);
    expect(live.unitSignatory).toEqual({ name: '黄志明', title: '区住房和建设局局长' });
    // The unit sees the same live figures as the bureau.
    const seenByUnit = await getLetter(ctx, org.users.head, l.id);
    expect(seenByUnit.targets).toEqual(live.targets);
    expect(seenByUnit.allowedActions).toEqual(['comment']);
    // A unit outside sees nothing.
    await rejects(getLetter(ctx, org.users.labourHead, l.id), 'not_found');

    // A signed letter changes only by amendment: a new revision, the old one kept, targets rewritten.
    await rejects(
      withdrawLetter(ctx, staff(org.users.supervisor), l.id, { reason: '重发' }),
      'illegal_transition',
    );
    const bad = await rejects(
      amendLetter(ctx, staff(org.users.supervisor), l.id, {
        reason: '调整',
        targets: [{ indicator: 'nonsense', target: 0.5 }],
      }),
      'validation_failed',
    );
    expect(bad.fields[0]?.path).toBe('targets.0.indicator');
    await amendLetter(ctx, staff(org.users.supervisor), l.id, {
      reason: '根据年中评估调整参评率目标',
      targets: [
        { indicator: 'on_time_completion', target: 0.95 },
        { indicator: 'rating_rate', target: 0 },
      ],
    });
    const amended = await getLetter(ctx, org.users.supervisor, l.id);
    expect(amended).toMatchObject({ state: 'signed', revision: 2, met: 2, notMet: 0 });
    expect(amended.revisions.map((r) => [r.revision, r.reason, r.targets.length])).toEqual([
      [1, null, 4],
      [2, '根据年中评估调整参评率目标', 2],
    ]);
    expect((await readUnitTargets(ctx.db, 2026)).get(org.units.housing)).toEqual({
      on_time_completion: 0.95,
      rating_rate: 0,
    });
    expect(amended.history.map((h) => h.kind)).toEqual([
      'letter_drafted',
      'letter_issued',
      'letter_signed',
      'letter_comment',
      'letter_amended',
    ]);
    // The stored revisions refuse an edit in place.
    await expect(
      sql`UPDATE letter_revisions SET body = 'x' WHERE case_id = ${l.id}`.execute(ctx.db),
    ).rejects.toThrow(/never changed/);

    // The DOCX in official layout: title, number, unit, targets with their direction, both signatories.
    const docx = await call('unithead', 'GET', `/api/letters/${l.id}/letter.docx`);
    expect(docx.statusCode).toBe(200);
    const xml = readZipEntry(docx.rawPayload, 'word/document.xml')!;
    const textOf = xml.replace(/<[^>]+>/g, '');
    for (const s of [
      '2026年度信访工作目标责任书',
      '南信字〔2026〕3号',
      '南山区住房和建设局',
      '按期办结率',
      '不低于95%',
      '王建国',
      '区住房和建设局局长 黄志明',
      '2026年1月6日',
    ])
      expect(textOf).toContain(s);

    const list = await listLetters(ctx, org.users.supervisor, 2026);
    expect(list.canIssue).toBe(true);
    expect(list.items.find((i) => i.id === l.id)).toMatchObject({ state: 'signed', met: 2, notMet: 0 });
    expect(list.units.find((u) => u.id === org.units.housing)?.hasLetter).toBe(true);
    expect((await listLetters(ctx, org.users.labourHead, 2026)).items).toEqual([]);
    expect((await verifyAuditLog(ctx.db)).problems).toEqual([]);
  });

  it('withdraws a letter not yet signed: its targets go, and a new letter may be drafted', async () => {
    const { ctx, clock } = env();
    clock.set('2026-02-02T02:00:00Z');
    // Sessions signed in at another hour of the hand-moved clock have lapsed.
    for (const k of Object.keys(sessions)) delete sessions[k];
    const l = await createLetter(ctx, staff(org.users.supervisor), draft({ unitId: org.units.labour }));
    await issueLetter(ctx, staff(org.users.supervisor), l.id, { note: '请于两周内签订' });
    expect((await readUnitTargets(ctx.db, 2026)).get(org.units.labour)).toBeDefined();
    await withdrawLetter(ctx, staff(org.users.supervisor), l.id, { reason: '目标需重新研究' });
    expect((await readUnitTargets(ctx.db, 2026)).get(org.units.labour)).toBeUndefined();
    const again = await createLetter(ctx, staff(org.users.supervisor), draft({ unitId: org.units.labour }));
    expect(again.id).not.toBe(l.id);
    // The bureau may record a signing done on paper; the HTTP answer names the field of a bad date.
    await call('supervisor', 'POST', `/api/letters/${again.id}/issue`, {});
    const wrong = await call('supervisor', 'POST', `/api/letters/${again.id}/sign`, {
      signedOn: '2026-02-30',
      unitSignatory: { name: '周丽', title: '局长' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await call('supervisor', 'POST', `/api/letters/${again.id}/sign`, {
      signedOn: '2026-02-02',
      unitSignatory: { name: '周丽', title: '区人力资源局局长' },
    });
    expect(ok.json()).toMatchObject({ state: 'signed' });
    // A township government reads and signs its own letter (its figures over its own region).
    const street = await createLetter(ctx, staff(org.users.supervisor), draft({ unitId: org.units.street }));
    await issueLetter(ctx, staff(org.users.supervisor), street.id, {});
    expect((await getLetter(ctx, org.users.streetHead, street.id)).allowedActions).toEqual([
      'sign',
      'comment',
    ]);
    const seen = await call('labourhead', 'GET', `/api/letters/${again.id}`);
    expect(seen.json()).toMatchObject({
      signedRecordedByName: 'supervisor',
      unitSignatory: { name: '周丽' },
    });
  });
});

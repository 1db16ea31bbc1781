import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { idNumber, registerTestMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

interface Hit {
  id: number;
  name: string;
  idNumber: string | null;
  phone: string | null;
  matterCount: number;
}

describeEachDb('petitioner search stays within the data scope and never reads a number back', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const cookies: Record<string, string> = {};
  const search = async (username: string, q: string): Promise<Hit[]> => {
    if (!cookies[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      cookies[username] = String(res.headers['set-cookie']).split(';')[0]!;
    }
    const res = await app.inject({
      method: 'GET',
      url: `/api/petitioners/search?q=${encodeURIComponent(q)}`,
      headers: { cookie: cookies[username] },
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Hit[] }>().items;
  };

  const reporter = { name: '檀举报', idNumber: idNumber(611), phone: '13766110001' };
  const neighbour = { name: '檀邻居', idNumber: idNumber(612), phone: '13766110002' };
  const otherStreet = { name: '檀外街', idNumber: idNumber(613), phone: '13766110003' };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const { ctx } = env();
    org = await seedOrg(ctx);
    app = await buildApp(ctx, { rateLimit: false });
    await app.ready();
    const registrar = org.staff(org.users.registrar);
    const { matterCommands: cmd } = await import('../../src/lifecycle/matter-commands.ts');
    // A bribery report against the housing bureau, routed to discipline inspection.
    const report = await registerTestMatter(ctx, org, {
      purpose: 'accusation',
      isMisconductReport: true,
      reportedUnitId: org.units.housing,
      subject: '举报住建局工作人员收受好处费',
      regionCode: '440305001001',
      petitioners: [reporter],
    });
    await cmd.decide(ctx, registrar, report.id, { decision: 'accept', leadUnitId: org.units.discipline });
    // The neighbour writes about the elevator (routed to housing) and reports misconduct too.
    const elevator = await registerTestMatter(ctx, org, {
      regionCode: '440305001001',
      petitioners: [neighbour],
    });
    await cmd.decide(ctx, registrar, elevator.id, { decision: 'accept', leadUnitId: org.units.housing });
    await registerTestMatter(ctx, org, {
      purpose: 'accusation',
      isMisconductReport: true,
      reportedUnitId: org.units.housing,
      subject: '举报住建局违规审批',
      regionCode: '440305001001',
      petitioners: [neighbour],
    });
    // Someone of the other street (南山街道), registered at the district bureau.
    await registerTestMatter(ctx, org, { regionCode: '440305002', petitioners: [otherStreet] });
    ids.reporter = report.petitionerIds[0]!;
    ids.neighbour = elevator.petitionerIds[0]!;
  });
  afterAll(async () => {
    await app.close();
  });

  it('does not let the reported unit find the reporter of a hidden matter, by name or by number', async () => {
    expect((await search('registrar', '檀举')).map((h) => h.id)).toEqual([ids.reporter]);
    for (const user of ['officer', 'unithead', 'labourhead']) {
      expect(await search(user, '檀举报')).toEqual([]);
      expect(await search(user, reporter.phone)).toEqual([]);
      expect(await search(user, reporter.idNumber)).toEqual([]);
    }
    expect((await search('discipline', '檀举报')).map((h) => h.id)).toEqual([ids.reporter]);
  });

  it('counts only the matters the user may see', async () => {
    const byRegistrar = await search('registrar', '檀邻居');
    expect(byRegistrar).toMatchObject([{ id: ids.neighbour, matterCount: 2 }]);
    const byHousing = await search('officer', '檀邻居');
    expect(byHousing).toMatchObject([{ id: ids.neighbour, matterCount: 1 }]);
    expect(byHousing[0]!.phone).toContain('****');
  });

  it('does not let a street office find people of other streets', async () => {
    expect((await search('streethead', '檀邻')).map((h) => h.name)).toEqual(['檀邻居']);
    expect(await search('streethead', '檀外')).toEqual([]);
    expect(await search('streethead', '檀举')).toEqual([]); // a misconduct report is not the street's to see
    expect(await search('streethead', otherStreet.phone)).toEqual([]);
    expect((await search('registrar', '檀外')).map((h) => h.name)).toEqual(['檀外街']);
  });

  it('finds nobody by a part of a phone or ID number', async () => {
    for (const q of [
      '137',
      '1376611',
      '1376611000',
      reporter.phone.slice(0, 10),
      reporter.idNumber.slice(0, 17),
    ]) {
      expect(await search('registrar', q)).toEqual([]);
    }
    expect(await search('registrar', reporter.idNumber.slice(0, 6))).toEqual([]);
  });

  it('finds by a whole number and logs it like an unmask', async () => {
    const { ctx } = env();
    const before = await ctx.db.selectFrom('unmask_log').select('id').execute();
    expect((await search('registrar', reporter.phone)).map((h) => h.id)).toEqual([ids.reporter]);
    expect((await search('registrar', '137 6611 0001')).map((h) => h.id)).toEqual([ids.reporter]);
    expect((await search('registrar', reporter.idNumber)).map((h) => h.id)).toEqual([ids.reporter]);
    const log = await ctx.db
      .selectFrom('unmask_log')
      .selectAll()
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [0])
      .orderBy('id')
      .execute();
    expect(log.map((l) => [l.user_id, l.petitioner_id, l.fields])).toEqual([
      [org.users.registrar.id, ids.reporter, ['phone']],
      [org.users.registrar.id, ids.reporter, ['phone']],
      [org.users.registrar.id, ids.reporter, ['id_number']],
    ]);
    const events = await ctx.db
      .selectFrom('events')
      .select(['kind', 'actor_id', 'payload'])
      .where('stream', '=', 'system')
      .where('kind', '=', 'petitioner_found_by_number')
      .execute();
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      actor_id: org.users.registrar.id,
      payload: { petitionerId: ids.reporter },
    });
    // A name search is not a disclosure of a number: nothing more is logged.
    await search('registrar', '檀举报');
    expect(await ctx.db.selectFrom('unmask_log').select('id').execute()).toHaveLength(before.length + 3);
  });
});

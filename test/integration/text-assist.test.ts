import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { createTextServices, similarityServices } from '../../src/text-services.ts';
import { idNumber, registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const ELEVATOR =
  '我们小区3栋的电梯已经停运三个月，物业公司一直推诿不修，老人上下楼非常困难，请求有关部门督促物业尽快维修电梯。';
const NOISE = '夜间工地施工噪声严重扰民，凌晨两点仍在打桩作业，附近居民无法入睡，请求环保部门依法查处。';

describeEachDb(
  'similar matters and repeats at registration',
  (env) => {
    let org: Org;
    beforeAll(async () => {
      org = await seedOrg(env().ctx);
    });

    it("links a repeat of the same person about the same facts, and shows other people's as candidates", async () => {
      const { ctx } = env();
      const person = [{ name: '周九', idNumber: idNumber(801), phone: '13500001111' }];
      const first = await registerTestMatter(ctx, org, {
        subject: '电梯停运无人维修',
        content: ELEVATOR,
        petitioners: person,
      });
      await registerTestMatter(ctx, org, {
        subject: '工地夜间施工噪声',
        content: NOISE,
        petitioners: [{ name: '吴十', phone: '13500002222' }],
      });
      const neighbour = await registerTestMatter(ctx, org, {
        subject: '电梯停运三个月',
        content: ELEVATOR.replace('3栋', '5栋'),
        petitioners: [{ name: '郑一', phone: '13500003333' }],
      });
      expect(neighbour.similarMatters[0]).toMatchObject({ matterId: first.id, samePetitioner: false });
      expect(neighbour.similarMatters[0]!.similarity).toBeGreaterThan(0.5);
      expect(neighbour.similarMatters[0]!.sharedWords).toContain('电梯');

      const again = await registerTestMatter(ctx, org, {
        subject: '再次反映电梯停运',
        content: `本人此前已反映。${ELEVATOR}`,
        petitioners: person,
      });
      expect(again.similarMatters[0]).toMatchObject({ matterId: first.id, samePetitioner: true });
      const row = await ctx.db
        .selectFrom('matters')
        .select('repeat_of_id')
        .where('id', '=', again.id)
        .executeTakeFirstOrThrow();
      expect(row.repeat_of_id).toBe(first.id);
      expect(again.similarMatters.some((s) => s.caseNumber === first.caseNumber)).toBe(true);
      const noise = again.similarMatters.find((s) => s.sharedWords.includes('噪声'));
      expect(noise).toBeUndefined();
    });

    it('registers text it cannot fingerprint, with no similar matters', async () => {
      const m = await registerTestMatter(env().ctx, org, { subject: '!!!', content: '？？？' });
      expect(m.similarMatters).toEqual([]);
    });
  },
  { text: { suggestCategory: async () => null, ...similarityServices() } },
);

it('reports a corrupt model and answers without suggestions instead of crashing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-model-'));
  try {
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'model', 'manifest.json'), '{ not json');
    const warnings: string[] = [];
    const services = await createTextServices(loadConfig({ MINSHENG_DATA_DIR: dir }), (m) =>
      warnings.push(m),
    );
    expect(await services.suggestCategory({ subject: '电梯', content: ELEVATOR })).toBeNull();
    expect(warnings.join('\n')).toMatch(/classify train/);
    await services.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

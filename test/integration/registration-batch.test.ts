import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import { translateDatabaseError } from '../../src/errors/sql-errors.ts';
import { similarityServices } from '../../src/text-services.ts';
import { idNumber, registerTestMatter, seedOrg, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

const ELEVATOR =
  '我们小区3栋的电梯已经停运三个月，物业公司一直推诿不修，老人上下楼非常困难，请求有关部门督促物业尽快维修电梯。';

// Registrations arriving together share statements (group commit). Whatever shares a statement,
// each registration must come out whole and on its own: its own matter, deadline, event chain and
// fingerprint, one record per person, and an error only for the registration that caused it.
describeEachDb(
  'registrations written together',
  (env) => {
    let org: Org;
    beforeAll(async () => {
      org = await seedOrg(env().ctx);
    });

    it('writes concurrent registrations in fewer statements, each complete', async () => {
      const { ctx } = env();
      const before = ctx.registrations.stats();
      const matters = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          registerTestMatter(ctx, org, {
            subject: `第${i}栋电梯停运`,
            content: ELEVATOR.replace('3栋', `${i}栋`) + '此外'.repeat(i),
          }),
        ),
      );
      const after = ctx.registrations.stats();
      expect(after.registrations - before.registrations).toBe(24);
      expect(after.statements - before.statements).toBeLessThan(24);
      expect(after.largest).toBeGreaterThan(1);

      const ids = matters.map((m) => m.id);
      expect(new Set(ids).size).toBe(24);
      expect(new Set(matters.map((m) => m.caseNumber)).size).toBe(24);
      const count = async (table: 'deadlines' | 'events' | 'matter_text_signatures' | 'matter_petitioners') =>
        Number(
          (
            await ctx.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .where('matter_id', 'in', ids)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('deadlines')).toBe(24);
      expect(await count('events')).toBe(24);
      expect(await count('matter_text_signatures')).toBe(24);
      expect(await count('matter_petitioners')).toBe(24);
      const bands = await ctx.db
        .selectFrom('matter_lsh_bands')
        .select(['matter_id', (eb) => eb.fn.countAll().as('n')])
        .where('matter_id', 'in', ids)
        .groupBy('matter_id')
        .execute();
      expect(bands).toHaveLength(24);
      // Each stored matter answers its own petitioner's id back.
      for (const m of matters) {
        const link = await ctx.db
          .selectFrom('matter_petitioners')
          .select('petitioner_id')
          .where('matter_id', '=', m.id)
          .executeTakeFirstOrThrow();
        expect(m.petitionerIds).toEqual([link.petitioner_id]);
      }
      const audit = await verifyAuditLog(ctx.db);
      expect(audit.problems).toEqual([]);
    });

    it('matches one person once when their registrations share a statement', async () => {
      const { ctx } = env();
      const person = { name: '钱七', idNumber: idNumber(9101), phone: '13700009101' };
      const matters = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          registerTestMatter(ctx, org, { subject: `噪声扰民 ${i}`, petitioners: [person] }),
        ),
      );
      const ids = new Set(matters.flatMap((m) => m.petitionerIds));
      expect(ids.size).toBe(1);
      const rows = await ctx.db
        .selectFrom('petitioners')
        .select('id')
        .where('id_number', '=', person.idNumber)
        .execute();
      expect(rows.map((r) => r.id)).toEqual([...ids]);
    });

    it('links a petition re-sent while its first copy shares the statement as a repeat of it', async () => {
      const { ctx } = env();
      const person = { name: '孙八', idNumber: idNumber(9202), phone: '13700009202' };
      const before = ctx.registrations.stats();
      // The first registration is written alone; the four copies arrive while it is being written
      // and wait together for the next statement.
      const [, ...copies] = await Promise.all([
        registerTestMatter(ctx, org, {
          subject: '路灯不亮',
          content: '我家门口的路灯坏了一个月，晚上出行不便。',
        }),
        ...Array.from({ length: 4 }, (_, i) =>
          registerTestMatter(ctx, org, {
            subject: '小区电梯停运三个月',
            content: `${ELEVATOR}（第${i + 1}次反映）`,
            petitioners: [person],
          }),
        ),
      ]);
      const after = ctx.registrations.stats();
      expect(after.statements - before.statements).toBe(2);
      const rows = await ctx.db
        .selectFrom('matters')
        .select(['id', 'repeat_of_id'])
        .where(
          'id',
          'in',
          copies.map((m) => m.id),
        )
        .orderBy('id')
        .execute();
      // The first copy is new; every later copy is a repeat of an earlier one.
      expect(rows[0]!.repeat_of_id).toBeNull();
      for (const [k, r] of rows.entries()) {
        if (k === 0) continue;
        expect(rows.slice(0, k).map((x) => x.id)).toContain(r.repeat_of_id);
      }
      for (const m of copies.slice(1)) expect(m.similarMatters.length).toBeGreaterThan(0);
    });

    it('fails only the registration the database refuses, with its own error', async () => {
      const { ctx } = env();
      const before = ctx.registrations.stats();
      const results = await Promise.allSettled(
        Array.from({ length: 9 }, (_, i) =>
          registerTestMatter(ctx, org, {
            subject: `路灯不亮 ${i}`,
            // The category is checked by the database (foreign key), not before.
            ...(i === 4 ? { categoryCode: 'no_such_category' } : {}),
          }),
        ),
      );
      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ i, err: r.reason }] : []));
      expect(failed.map((f) => f.i)).toEqual([4]);
      // The error is the one that registration caused: its category's foreign key, as the API reports it.
      expect(translateDatabaseError(failed[0]!.err)?.fields).toEqual([
        expect.objectContaining({ path: 'categoryCode' }),
      ]);
      const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
      expect(stored).toHaveLength(8);
      const rows = await ctx.db.selectFrom('matters').select('id').where('id', 'in', stored).execute();
      expect(rows).toHaveLength(8);
      // The bad registration arrived while others were being written, so it shared a statement that
      // failed, and every registration of that statement was then written alone.
      const after = ctx.registrations.stats();
      expect(after.failedShared - before.failedShared).toBe(1);
      expect(after.registrations - before.registrations).toBeGreaterThan(9);
    });
  },
  { text: { suggestCategory: async () => null, ...similarityServices() } },
);

import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { matterFacts } from '../../src/lifecycle/matter.repository.ts';
import { visibleTo } from '../../src/lifecycle/access-rule.ts';
import { canSeeMatter } from '../../src/lifecycle/policy.ts';
import { ROLES, UNIT_KINDS, UNIT_LEVELS } from '../../src/shared/enums.ts';
import { describeEachDb } from '../helpers/test-context.ts';

/** Regions of every depth, nested and side by side. */
const REGIONS = ['44', '4403', '440305', '440305001', '440305001001', '440305002', '440306'];

const unitArb = fc.record({
  kind: fc.constantFrom(...UNIT_KINDS),
  level: fc.constantFrom(...UNIT_LEVELS),
  region: fc.constantFrom(...REGIONS),
});
const matterArb = fc.record({
  region: fc.constantFrom(...REGIONS),
  registering: fc.nat(),
  lead: fc.option(fc.nat(), { nil: null }),
  co: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
  released: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
  misconduct: fc.boolean(),
  reported: fc.option(fc.nat(), { nil: null }),
});
const userArb = fc.record({ unit: fc.nat(), roles: fc.subarray([...ROLES], { minLength: 1 }) });
const worldArb = fc.record({
  units: fc.array(unitArb, { minLength: 2, maxLength: 8 }),
  matters: fc.array(matterArb, { minLength: 1, maxLength: 12 }),
  users: fc.array(userArb, { minLength: 1, maxLength: 8 }),
});

class Rollback extends Error {}

describeEachDb('the access rule: one rule, the same answer in SQL and in code', (env) => {
  beforeAll(async () => {
    await env()
      .ctx.db.insertInto('regions')
      .values([
        { code: '440305001', name: '南头街道', level: 'township', parent_code: '440305' },
        { code: '440305001001', name: '南头城社区', level: 'village', parent_code: '440305001' },
        { code: '440305002', name: '南山街道', level: 'township', parent_code: '440305' },
      ])
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  });

  it('agrees for generated users (every unit kind, level and role) and matters', async () => {
    let run = 0;
    let compared = 0;
    const seen = { kinds: new Set<string>(), levels: new Set<string>(), roles: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        run += 1;
        // Each world lives in a transaction that is rolled back: matters cannot be deleted.
        await env()
          .ctx.db.transaction()
          .execute(async (trx) => {
            const unitIds: number[] = [];
            const units: StaffUser['unit'][] = [];
            for (const [i, u] of world.units.entries()) {
              const row = await trx
                .insertInto('units')
                .values({ name: `单位${run}-${i}`, kind: u.kind, level: u.level, region_code: u.region })
                .returning('id')
                .executeTakeFirstOrThrow();
              unitIds.push(row.id);
              units.push({
                id: row.id,
                name: `单位${run}-${i}`,
                kind: u.kind,
                level: u.level,
                regionCode: u.region,
              });
            }
            const pick = (n: number) => unitIds[n % unitIds.length]!;
            const matterIds: number[] = [];
            for (const [i, m] of world.matters.entries()) {
              const row = await trx
                .insertInto('matters')
                .values({
                  case_number: `T-${run}-${i}`,
                  query_code: `Q${run}X${i}`,
                  channel: 'web',
                  purpose: 'request',
                  subject: '测试',
                  content: '测试',
                  region_code: m.region,
                  lodged_level: 'county',
                  state: 'registered',
                  registering_unit_id: pick(m.registering),
                  received_at: new Date('2026-03-01T00:00:00Z'),
                  is_misconduct_report: m.misconduct,
                  reported_unit_id: m.reported === null ? null : pick(m.reported),
                })
                .returning('id')
                .executeTakeFirstOrThrow();
              matterIds.push(row.id);
              const at = new Date('2026-03-02T00:00:00Z');
              const lead = m.lead === null ? null : pick(m.lead);
              const co = [...new Set(m.co.map(pick))].filter((u) => u !== lead);
              const rows = [
                ...(lead === null ? [] : [{ unit_id: lead, role: 'lead' as const, released_at: null }]),
                ...co.map((u) => ({ unit_id: u, role: 'co' as const, released_at: null })),
                // Earlier assignments, released: they must not count for either reader.
                ...m.released.map((n) => ({ unit_id: pick(n), role: 'lead' as const, released_at: at })),
              ];
              if (rows.length > 0)
                await trx
                  .insertInto('matter_units')
                  .values(rows.map((r) => ({ ...r, matter_id: row.id, assigned_at: at })))
                  .execute();
            }
            const matters = await trx
              .selectFrom('matters')
              .selectAll()
              .where('id', 'in', matterIds)
              .execute();
            const facts = await Promise.all(
              matters.map(async (r) => ({ id: r.id, ...(await matterFacts(trx, r)) })),
            );
            for (const [i, u] of world.users.entries()) {
              for (const r of u.roles) seen.roles.add(r);
              seen.kinds.add(units[u.unit % units.length]!.kind);
              seen.levels.add(units[u.unit % units.length]!.level);
              const user: StaffUser = {
                id: 1_000_000 + i,
                username: `u${i}`,
                displayName: `u${i}`,
                roles: u.roles,
                unit: units[u.unit % units.length]!,
              };
              const inSql = (
                await trx
                  .selectFrom('matters as m')
                  .select('m.id')
                  .where('m.id', 'in', matterIds)
                  .where(visibleTo(user))
                  .execute()
              )
                .map((r) => r.id)
                .sort((a, b) => a - b);
              const inCode = facts
                .filter((f) => canSeeMatter(user, f.facts))
                .map((f) => f.id)
                .sort((a, b) => a - b);
              expect(inSql).toEqual(inCode);
              compared += 1;
            }
            throw new Rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
          });
      }),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThanOrEqual(60);
    // The generated users covered every kind and level of unit and every role.
    expect([...seen.kinds].sort()).toEqual([...UNIT_KINDS].sort());
    expect([...seen.levels].sort()).toEqual([...UNIT_LEVELS].sort());
    expect([...seen.roles].sort()).toEqual([...ROLES].sort());
  }, 120_000);
});

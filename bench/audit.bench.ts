/**
 * `audit verify` over many matters: registers N matters through the real registration path, runs a
 * command on a tenth of them, then times verifyAuditLog (every chain, and every matter replayed
 * against its rows). The database is a new PGlite directory, or the given PostgreSQL database (it
 * must be empty: it is migrated and filled).
 *
 *   node bin/run-ts.js bench/audit.bench.ts [N=20000] [postgres://…/empty_db]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../src/app/create-context.ts';
import { loadConfig } from '../src/config/env.ts';
import { registerMatter } from '../src/intake/register-matter.ts';
import { matterCommands } from '../src/lifecycle/matter-commands.ts';
import { loadStaffUser } from '../src/auth/sessions.ts';
import { RegisterMatterInput } from '../src/shared/schemas.ts';
import { verifyAuditLog } from '../src/audit/verify.ts';

const N = Number(process.argv[2] ?? 20000);
const url = process.argv[3];
const dir = mkdtempSync(join(tmpdir(), 'h5-bench-'));
const config = loadConfig({
  MINSHENG_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  ...(url ? { DATABASE_URL: url } : {}),
});
const ctx = await createContext(config);
const db = ctx.db;
const unit = await db
  .insertInto('units')
  .values({ name: '南山区信访局', kind: 'petition_bureau', level: 'county', region_code: '440305' })
  .returning('id')
  .executeTakeFirstOrThrow();
const u = await db
  .insertInto('users')
  .values({
    username: 'registrar',
    display_name: 'r',
    password_hash: 'x',
    unit_id: unit.id,
    roles: ['registrar'],
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const user = (await loadStaffUser(ctx, u.id))!;
const t0 = Date.now();
const ids: number[] = [];
let next = 0;
async function worker() {
  for (;;) {
    const i = next++;
    if (i >= N) return;
    const input = RegisterMatterInput.parse({
      channel: 'letter',
      purpose: 'request',
      subject: `电梯故障 ${i}`,
      content: `小区电梯停运，请求维修。第${i}号。`,
      regionCode: '440305',
      petitioners: [{ name: `张${i}` }],
    });
    const r = await registerMatter(
      ctx,
      {
        kind: 'staff',
        userId: user.id,
        unitId: unit.id,
        registeringUnitId: unit.id,
        registeringUnitLevel: 'county',
      },
      input,
      null,
    );
    ids.push(r.matter.id);
  }
}
await Promise.all(Array.from({ length: 64 }, worker));
console.log(`registered ${N} in ${Date.now() - t0} ms`);
const t1 = Date.now();
for (const id of ids.slice(0, Math.floor(N / 10))) {
  await matterCommands.decide(ctx, { kind: 'staff', user }, id, {
    decision: 'not_accept',
    reason: 'other',
    explanation: '不属于信访事项',
  });
}
console.log(`decided ${Math.floor(N / 10)} in ${Date.now() - t1} ms`);
const t2 = Date.now();
const r = await verifyAuditLog(db);
console.log(
  `verify: ${r.events} events, ${r.matters} matters, ${r.problems.length} problems in ${Date.now() - t2} ms`,
);
await ctx.handle.close();
process.exit(0);

import type { Command } from 'commander';
import { withContext } from './with-context.ts';
import { SYSTEM_ACTOR } from '../audit/event-log.ts';
import {
  generateAuditKey,
  loadPublicKey,
  loadSigningKey,
  verifyCheckpoints,
  writeCheckpoint,
} from '../audit/checkpoint.ts';
import { verifyAuditLog } from '../audit/verify.ts';
import { createCalendar, dueDateForCli, isIsoDate } from '../calendar/index.ts';
import type { AppConfig } from '../config/env.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { admin } from '../org/admin.service.ts';
import { createUser } from '../org/users.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

class UsageError extends Error {}

export function registerAdminCommands(program: Command, config: () => AppConfig): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const cfg = config();
      const handle = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: join(cfg.dataDir, 'pg') });
      try {
        const r = await migrate(handle);
        console.log(
          r.applied.length
            ? `applied: ${r.applied.join(', ')}`
            : `up to date (${r.alreadyApplied} migrations)`,
        );
      } finally {
        await handle.close();
      }
    });

  program
    .command('user')
    .description('staff users')
    .command('add')
    .requiredOption('--username <name>')
    .requiredOption('--password <password>')
    .requiredOption('--unit <id>', 'unit id')
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(',')}`)
    .option('--name <display name>')
    .action(async (o: { username: string; password: string; unit: string; roles: string; name?: string }) => {
      const unitId = Number(o.unit);
      if (!Number.isInteger(unitId) || unitId <= 0) throw new UsageError('--unit must be a unit id');
      const roles = o.roles.split(',').map((r) => r.trim()) as Role[];
      await withContext(config, async (ctx) => {
        const id = await createUser(ctx, SYSTEM_ACTOR, {
          username: o.username,
          password: o.password,
          unitId,
          roles,
          displayName: o.name ?? o.username,
        });
        console.log(`user ${o.username} created (id ${id})`);
      });
    });

  program
    .command('init')
    .description('set up a new deployment: its petition bureau and the first administrator')
    .requiredOption('--region <code>', "GB/T 2260 code of the bureau's region, e.g. 440305")
    .requiredOption('--unit <name>', 'name of the petition bureau, e.g. 南山区信访局')
    .requiredOption('--admin <username>')
    .requiredOption('--password <password>')
    .action(async (o: { region: string; unit: string; admin: string; password: string }) => {
      await withContext(config, async (ctx) => {
        const region = await ctx.db
          .selectFrom('regions')
          .select(['code', 'level'])
          .where('code', '=', o.region)
          .executeTakeFirst();
        if (!region)
          throw new UsageError(`unknown region ${o.region} (province, city and county codes are built in)`);
        const level = region.level === 'village' || region.level === 'grid' ? 'township' : region.level;
        const unitId = await admin.createUnit(ctx, SYSTEM_ACTOR, {
          name: o.unit,
          kind: 'petition_bureau',
          level,
          regionCode: o.region,
        });
        const id = await createUser(ctx, SYSTEM_ACTOR, {
          username: o.admin,
          password: o.password,
          unitId: unitId.id,
          roles: ['admin', 'registrar'],
          displayName: o.admin,
        });
        console.log(
          `created ${o.unit} (unit ${unitId.id}) and administrator ${o.admin} (user ${id}); sign in at / to add units, users and routing rules`,
        );
      });
    });

  program
    .command('demo')
    .description(
      'load the demo data (regions, units, one user per role, matters in every state) into an empty database',
    )
    .option('--size <size>', 'small | full', 'full')
    .action(async (o: { size: string }) => {
      if (o.size !== 'small' && o.size !== 'full') throw new UsageError('--size is small or full');
      await withContext(config, async (ctx) => {
        const { loadDemo } = await import('../demo/index.ts');
        const s = await loadDemo(ctx, { size: o.size as 'small' | 'full' });
        console.log(
          s.skipped
            ? `demo skipped: ${s.reason ?? ''}`
            : `demo loaded: ${s.matters} matters; users ${s.users.join(', ')} (password minsheng-demo)`,
        );
      });
    });

  const calendar = program.command('calendar').description('the working-day calendar');
  calendar
    .command('due')
    .description('print the due date of a limit as YYYY-MM-DD (the day of receipt is not counted)')
    .requiredOption('--from <date>', 'YYYY-MM-DD, the day of receipt')
    .requiredOption('--days <n>', 'the limit in days')
    .option('--working', 'count working days')
    .option('--offline', 'ignore administrator overrides (no database)')
    .action(async (o: { from: string; days: string; working?: boolean; offline?: boolean }) => {
      if (!isIsoDate(o.from)) throw new UsageError(`--from must be a date YYYY-MM-DD, got "${o.from}"`);
      const days = Number(o.days);
      if (!/^\d+$/.test(o.days) || !Number.isSafeInteger(days) || days > 3650)
        throw new UsageError(`--days must be a whole number 0–3650, got "${o.days}"`);
      let cal = createCalendar();
      if (!o.offline) {
        cal = await withContext(config, async (ctx) => ctx.calendar.calendar());
      }
      const year = Number(o.from.slice(0, 4));
      if (!cal.hasOfficialNotice(year))
        process.stderr.write(
          `warning: no official holiday notice for ${year}; statutory holidays computed\n`,
        );
      console.log(dueDateForCli(cal, o.from, days, o.working ?? false));
    });

  const audit = program.command('audit').description('the hash-chained event log');
  audit
    .command('verify')
    .description(
      'recompute every chain and replay every matter against its rows; with --checkpoints, prove no event up to the last signed checkpoint was altered, removed or truncated; exit 1 and list each problem',
    )
    .option('--checkpoints <file>', 'the checkpoint log (MINSHENG_AUDIT_CHECKPOINT_LOG or a published copy)')
    .option('--public-key <file>', 'the published public key (keygen wrote it as KEYFILE.pub)')
    .action(async (o: { checkpoints?: string; publicKey?: string }) => {
      if (o.publicKey && !o.checkpoints) throw new UsageError('--public-key goes with --checkpoints');
      if (o.checkpoints && !existsSync(o.checkpoints))
        throw new UsageError(`--checkpoints: no such file ${o.checkpoints}`);
      let publicKey;
      try {
        publicKey = o.publicKey ? loadPublicKey(o.publicKey) : undefined;
      } catch (err) {
        throw new UsageError(`--public-key: ${err instanceof Error ? err.message : String(err)}`);
      }
      await withContext(config, async (ctx) => {
        const r = await verifyAuditLog(ctx.db);
        for (const p of r.problems)
          console.log(`${p.problem}\t${p.stream}\tseq ${p.seq ?? '-'}\t${p.detail}`);
        let failed = r.problems.length;
        console.log(
          `${r.events} events in ${r.streams} streams, ${r.matters} matters replayed: ${r.problems.length === 0 ? 'OK' : `${r.problems.length} problem(s)`}`,
        );
        if (o.checkpoints) {
          const c = await verifyCheckpoints(ctx.db, o.checkpoints, publicKey ? { publicKey } : {});
          for (const p of c.problems)
            console.log(
              `checkpoint ${p.problem}\tline ${p.line}\t${p.stream ?? '-'}\tseq ${p.seq ?? '-'}\t${p.detail}`,
            );
          failed += c.problems.length;
          console.log(
            `${c.checkpoints} checkpoint(s), the last of ${c.lastAt ?? '-'}: ${c.problems.length === 0 ? 'OK, no event up to it was altered, removed or truncated' : `${c.problems.length} problem(s)`}`,
          );
          if (!c.trustedKey)
            console.log(
              'warning: signatures checked against the key in each line; give --public-key (the published one) to prove who signed',
            );
        }
        if (failed > 0) process.exitCode = 1;
      });
    });
  audit
    .command('keygen')
    .description(
      'make the Ed25519 key that signs checkpoints (FILE, mode 0600) and its public key (FILE.pub)',
    )
    .requiredOption('--out <file>', 'where to write the private key; keep it outside the data directory')
    .action((o: { out: string }) => {
      if (existsSync(o.out))
        throw new UsageError(`--out: ${o.out} exists; a signing key is never overwritten`);
      const k = generateAuditKey(o.out);
      console.log(
        `key ${k.keyId} written to ${o.out}; publish ${k.publicKeyFile} and set MINSHENG_AUDIT_KEY_FILE=${o.out}`,
      );
    });
  audit
    .command('checkpoint')
    .description('sign the chain heads now and append the checkpoint to MINSHENG_AUDIT_CHECKPOINT_LOG')
    .action(async () => {
      const cfg = config();
      if (!cfg.auditCheckpoints)
        throw new UsageError('set MINSHENG_AUDIT_KEY_FILE and MINSHENG_AUDIT_CHECKPOINT_LOG first');
      const { keyFile, logFile } = cfg.auditCheckpoints;
      let key;
      try {
        key = loadSigningKey(keyFile);
      } catch (err) {
        throw new UsageError(`MINSHENG_AUDIT_KEY_FILE: ${err instanceof Error ? err.message : String(err)}`);
      }
      await withContext(config, async (ctx) => {
        const { line } = await writeCheckpoint(ctx.db, { logFile, key, now: ctx.clock() });
        console.log(line);
      });
    });
}

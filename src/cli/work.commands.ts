import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import type { AppConfig } from '../config/env.ts';
import { fieldError } from '../errors/app-error.ts';
import { buildLetterDocx } from '../assessment/letter-docx.ts';
import { getLetter } from '../assessment/letter.queries.ts';
import { campaignReportDocx, campaignReportXlsx } from '../campaigns/campaign.report.ts';
import { getCampaign } from '../campaigns/campaign.queries.ts';
import { publicSchedule, scheduleIcs } from '../reception/public-schedule.ts';
import { withContext } from './with-context.ts';

/**
 * The organised work's documents from the command line (issue 14 item 6): the published reception
 * schedule, a campaign's report and a unit's responsibility letter. Each is the same function the
 * API serves, read as a named member of staff (`--as`), so the command sees exactly what that
 * person may see on the workbench — a misconduct report stays out of a reported unit's report here too.
 */
export function registerWorkCommands(program: Command, config: () => AppConfig): void {
  program
    .command('reception-schedule')
    .description('领导接访安排: the published schedule as JSON lines, or as iCalendar with --ics')
    .option('--ics', 'print the iCalendar feed (RFC 5545) instead of JSON lines')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { ics?: boolean; out?: string }) => {
      await withContext(config, async (ctx) => {
        const text = opts.ics
          ? await scheduleIcs(ctx)
          : (await publicSchedule(ctx)).items.map((s) => JSON.stringify(s) + '\n').join('');
        await emit(opts.out, text);
      });
    });

  program
    .command('campaign-report')
    .description('专项治理报告: a campaign report (XLSX or DOCX) as a named member of staff sees it')
    .argument('<id>', 'the campaign (its case number in /work/campaigns/<id>)')
    .requiredOption('--as <username>', 'whose view of the campaign to print')
    .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'docx']).default('xlsx'))
    .requiredOption('--out <file>', 'the file to write')
    .action(async (id: string, opts: { as: string; format: 'xlsx' | 'docx'; out: string }) => {
      const caseId = caseIdOf(id);
      await withContext(config, async (ctx) => {
        const c = await getCampaign(ctx, await staffNamed(ctx, opts.as), caseId);
        const file =
          opts.format === 'xlsx'
            ? await campaignReportXlsx(c, ctx.clock())
            : await campaignReportDocx(c, c.openerUnitName, ctx.clock());
        await emit(opts.out, file);
      });
    });

  program
    .command('letter-docx')
    .description('信访工作责任书: a responsibility letter in the official layout (DOCX)')
    .argument('<id>', 'the letter (its number in /work/letters/<id>)')
    .requiredOption('--as <username>', 'whose view of the letter to print')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (id: string, opts: { as: string; out: string }) => {
      const caseId = caseIdOf(id);
      await withContext(config, async (ctx) => {
        const letter = await getLetter(ctx, await staffNamed(ctx, opts.as), caseId);
        await emit(opts.out, await buildLetterDocx(letter));
      });
    });
}

function caseIdOf(id: string): number {
  const n = Number(id);
  if (!/^\d{1,9}$/.test(id) || n < 1) throw fieldError('<id>', `编号无效：${id}`, `not a valid id: ${id}`);
  return n;
}

async function staffNamed(ctx: AppContext, username: string): Promise<StaffUser> {
  const row = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  const user = row ? await loadStaffUser(ctx, row.id) : null;
  if (!user) throw fieldError('--as', `未知的用户 ${username}`, `unknown user ${username}`);
  return user;
}

/** Standard output, or a file written whole (a half-written report never lies where one is expected). */
async function emit(out: string | undefined, data: string | Uint8Array): Promise<void> {
  if (!out) {
    process.stdout.write(data);
    return;
  }
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

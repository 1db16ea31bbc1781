import type { Command } from 'commander';
import type { AppConfig } from '../config/env.ts';
import { createContext } from '../app/create-context.ts';
import { createTransport } from 'nodemailer';
import { startScanner } from '../deadlines/scanner.ts';
import { startEmailSender } from '../inbox/email-sender.ts';
import { buildApp } from '../http/app.ts';
import { createTextServices } from '../text-services.ts';
import { ensureDemoModel } from '../text/app/demo-model.ts';
import { startRetrainSchedule } from '../text/app/retrain.ts';
import { startDatabaseMaintenance } from '../db/maintenance.ts';
import { sweepAttachmentStore } from '../intake/attachments.ts';
import { startCheckpoints } from '../audit/checkpoint.ts';
import { startRollupFolder } from '../analytics/rollup.ts';

export function registerServeCommand(program: Command, config: () => AppConfig): void {
  program
    .command('serve')
    .description('run the HTTP server (API, web application, portal) and the deadline scanner')
    .option('--demo', 'load the demo data on first start (empty database)')
    .action(async (opts: { demo?: boolean }) => {
      const cfg = config();
      if (opts.demo) {
        const m = await ensureDemoModel(cfg);
        console.log(m.trained ? `text: ${m.reason}` : `text: no new category model (${m.reason})`);
      }
      const text = await createTextServices(cfg);
      const ctx = await createContext(cfg, { text });
      if (opts.demo) {
        const size = process.env.MINSHENG_DEMO_SIZE === 'small' ? 'small' : 'full';
        // Imported only here: the demo reads and checks its data files when loaded.
        const { loadDemo } = await import('../demo/index.ts');
        const summary = await loadDemo(ctx, { size });
        console.log(
          summary.skipped
            ? `demo: ${summary.reason ?? 'skipped'}`
            : `demo: loaded ${summary.matters} matters; logins ${summary.users.join(', ')} / password minsheng-demo`,
        );
      }
      const users = await ctx.db.selectFrom('users').select('id').limit(1).execute();
      if (users.length === 0) {
        console.log(
          'No staff users yet. Set up the deployment with\n  npx minsheng init --region 440305 --unit 南山区信访局 --admin admin --password <password>\nor start with demo data: npm start -- --demo',
        );
      }
      // What a crash between writing an upload and committing its row left behind.
      const swept = await sweepAttachmentStore(ctx);
      if (swept.temporary + swept.orphans > 0)
        console.log(
          `attachments: removed ${swept.temporary} unfinished upload(s) and ${swept.orphans} file(s) without a row`,
        );
      const app = await buildApp(ctx, { logger: true });
      const log = (msg: string, err?: unknown) => (err ? app.log.error({ err }, msg) : app.log.info(msg));
      if (cfg.clockOffsetHours !== 0)
        app.log.warn(
          `MINSHENG_CLOCK_OFFSET_HOURS=${cfg.clockOffsetHours}: the clock is shifted (training and drills only); now is ${ctx.clock().toISOString()}`,
        );
      const stopScanner = startScanner(ctx, cfg.scanIntervalSeconds, log);
      let stopMail = () => {};
      if (cfg.mail) {
        const transport = createTransport(cfg.mail.smtpUrl);
        stopMail = startEmailSender(ctx, transport, cfg.mail, log);
        app.log.info(`e-mail: notices go out through ${new URL(cfg.mail.smtpUrl).host} as ${cfg.mail.from}`);
      }
      const stopRetraining =
        cfg.retrainHours > 0 ? startRetrainSchedule(ctx, cfg.retrainHours, log) : () => {};
      const stopMaintenance = startDatabaseMaintenance(ctx.handle, log);
      // Figures are exact without it (they read what is pending too); folding keeps them fast.
      const folder = startRollupFolder(ctx, {
        intervalMs: cfg.statsFoldSeconds * 1000,
        onError: (err) => log('statistics: folding the pending rollup rows failed', err),
      });
      let checkpoints: { stop: () => Promise<void> } | null = null;
      if (cfg.auditCheckpoints) {
        checkpoints = startCheckpoints(ctx.db, { ...cfg.auditCheckpoints, clock: ctx.clock }, log);
      } else {
        app.log.warn(
          'audit checkpoints are off: set MINSHENG_AUDIT_KEY_FILE and MINSHENG_AUDIT_CHECKPOINT_LOG (see `minsheng audit keygen`) so a rewritten event log can be proved',
        );
      }
      const shutdown = async () => {
        stopScanner();
        stopMail();
        stopRetraining();
        stopMaintenance();
        await app.close();
        await folder.stop();
        // Handlers whose clients went away may still be running; they finish before the pool closes.
        if (!(await app.handlersIdle(10_000))) app.log.warn('shutdown: handlers still running after 10 s');
        // The last checkpoint covers every event written before the shutdown.
        if (checkpoints) await checkpoints.stop();
        await ctx.handle.close();
        await text.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      await app.listen({ port: cfg.port, host: cfg.host });
      console.log(
        `Minsheng is running on http://localhost:${cfg.port} (${ctx.dbKind}); API docs at /docs, portal at /portal`,
      );
    });
}

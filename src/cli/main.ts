import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/env.ts';
import { registerAdminCommands } from './admin.commands.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerTextCommands } from './text.commands.ts';
import { registerStatsCommands } from './stats.commands.ts';
import { registerWorkCommands } from './work.commands.ts';
import { AppError } from '../errors/app-error.ts';

/** The `minsheng` command line. Every subcommand validates its input and exits non-zero on error. */
export async function main(argv: string[]): Promise<void> {
  const program = new Command('minsheng')
    .description('Minsheng 民声 — petition handling under the 信访工作条例 (2022)')
    .exitOverride()
    .showHelpAfterError();
  const config = () => loadConfig();
  registerServeCommand(program, config);
  registerAdminCommands(program, config);
  registerTextCommands(program);
  registerStatsCommands(program, config);
  registerWorkCommands(program, config);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof AppError && err.code === 'validation_failed') {
      // A bad option, named in both languages, like the API's 400.
      const unnamed = err.fields.filter((f) => !err.messageEn.includes(f.path)).map((f) => f.path);
      const where = unnamed.length ? ` (${unnamed.join(', ')})` : '';
      process.stderr.write(`minsheng: ${err.messageZh}${where}\nminsheng: ${err.messageEn}${where}\n`);
      process.exitCode = 2;
      return;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`minsheng: ${msg}\n`);
    process.exitCode = 1;
  }
}

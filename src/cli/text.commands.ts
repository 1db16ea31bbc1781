import type { Command } from 'commander';

/** The text commands (classify, hot-issues) live with the text module. */
export async function registerTextCliIfPresent(program: Command): Promise<void> {
  const specifier = '../text/text.cli.ts';
  try {
    const mod = (await import(specifier)) as { registerTextCommands: (p: Command) => void };
    mod.registerTextCommands(program);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }
}

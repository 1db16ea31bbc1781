import type { AppContext } from '../app/context.ts';
import { createContext } from '../app/create-context.ts';
import type { AppConfig } from '../config/env.ts';

/** Runs a command with an application context, closing its database whatever happens. */
export async function withContext<T>(
  config: () => AppConfig,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const ctx = await createContext(config());
  try {
    return await fn(ctx);
  } finally {
    await ctx.handle.close();
  }
}

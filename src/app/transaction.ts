import type { AppContext, TxContext } from './context.ts';

/**
 * Runs `fn` in one transaction with a context whose database is that transaction. What `fn` needs
 * from the caches (the calendar and the time limits) is loaded before the transaction begins.
 */
export async function withTransaction<T>(ctx: AppContext, fn: (tx: TxContext) => Promise<T>): Promise<T> {
  const calendar = await ctx.calendar.snapshot();
  return ctx.db
    .transaction()
    .execute((trx) => fn({ db: trx, dbKind: ctx.dbKind, config: ctx.config, clock: ctx.clock, calendar }));
}

import type { AppConfig } from '../config/env.ts';
import type { DatabaseHandle, Db, DbKind, Trx } from '../db/database.ts';
import type { CalendarProvider, CalendarSnapshot } from '../deadlines/calendar-provider.ts';
import type { AttachmentStore } from '../intake/attachment-store.ts';
import type { TextServices } from '../intake/text-hooks.ts';
import type { IdPool } from '../db/id-pool.ts';
import type { RoutingCache } from '../routing/routing-cache.ts';
import type { RegistrationBatcher } from '../intake/registration-batcher.ts';

export type Clock = () => Date;

/**
 * What a service needs from the outside world, passed in explicitly: the database, the clock,
 * the calendar and the attachment store. Tests build one with a fake clock.
 */
export interface AppContext {
  db: Db;
  /**
   * Where statistics and exports read: a streaming replica when DATABASE_READ_URL is set, so long
   * reads never load the primary; otherwise the primary itself. Never written through.
   */
  readDb: Db;
  dbKind: DbKind;
  handle: DatabaseHandle;
  config: AppConfig;
  clock: Clock;
  calendar: CalendarProvider;
  attachments: AttachmentStore;
  text: TextServices;
  ids: IdPool;
  routing: RoutingCache;
  /** Writes registrations, several to a statement under load. */
  registrations: RegistrationBatcher;
}

/**
 * What code running inside a transaction is given: its database is the transaction, and the
 * calendar is the snapshot taken before the transaction began. The pool, the caches that load
 * through it and the other services are not reachable from here: PGlite has one connection, which
 * the transaction holds, so a pool query inside it would wait forever (and the pool refuses it at
 * run time: db/transaction-guard.ts). Build one with `withTransaction` (app/transaction.ts).
 */
export interface TxContext {
  readonly db: Trx;
  readonly dbKind: DbKind;
  readonly config: AppConfig;
  readonly clock: Clock;
  readonly calendar: CalendarSnapshot;
}

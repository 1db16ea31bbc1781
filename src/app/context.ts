import type { AppConfig } from '../config/env.ts';
import type { DatabaseHandle, Db, DbKind } from '../db/database.ts';
import type { CalendarProvider } from '../deadlines/calendar-provider.ts';
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

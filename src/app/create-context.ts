import { join } from 'node:path';
import type { AppConfig } from '../config/env.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createCalendarProvider } from '../deadlines/calendar-provider.ts';
import { createFileAttachmentStore } from '../intake/attachment-store.ts';
import { NO_TEXT_SERVICES, type TextServices } from '../intake/text-hooks.ts';
import { seedReferenceData } from '../org/reference-data.ts';
import { createIdPool } from '../db/id-pool.ts';
import { createRoutingCache } from '../routing/routing-cache.ts';
import { createRegistrationBatcher } from '../intake/registration-batcher.ts';
import type { AppContext, Clock } from './context.ts';

/** Opens the database (PostgreSQL or embedded PGlite), migrates it and wires the services. */
export async function createContext(
  config: AppConfig,
  opts: { clock?: Clock; text?: TextServices; handle?: DatabaseHandle; skipSeed?: boolean } = {},
): Promise<AppContext> {
  const handle =
    opts.handle ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'pg') }));
  await migrate(handle);
  const reader = config.databaseReadUrl
    ? await openDatabase({ databaseUrl: config.databaseReadUrl, poolSize: 10 })
    : null;
  const offsetMs = config.clockOffsetHours * 3_600_000;
  const clock = opts.clock ?? (offsetMs === 0 ? () => new Date() : () => new Date(Date.now() + offsetMs));
  if (!opts.skipSeed) await seedReferenceData(handle.db, clock());
  return {
    db: handle.db,
    readDb: reader?.db ?? handle.db,
    dbKind: handle.kind,
    handle: reader
      ? {
          ...handle,
          close: async () => {
            await reader.close();
            await handle.close();
          },
        }
      : handle,
    config,
    clock,
    calendar: createCalendarProvider(handle.db),
    attachments: createFileAttachmentStore(join(config.dataDir, 'attachments')),
    text: opts.text ?? NO_TEXT_SERVICES,
    ids: createIdPool(handle.db),
    routing: createRoutingCache(handle.db),
    registrations: createRegistrationBatcher(handle, {
      maxBatch: config.registrationBatch,
      concurrency: config.registrationStatements || 1,
    }),
  };
}

import type { DatabaseHandle } from '../db/database.ts';
import {
  insertRegistrations,
  type RegistrationWrite,
  type RegistrationWritten,
} from './registration-statement.ts';

/** How registrations share statements; see {@link createRegistrationBatcher}. */
export interface BatchOptions {
  /** Most registrations in one statement. 1 turns batching off. */
  maxBatch: number;
  /** Statements running at once; a registration arriving while all run waits for the next one. */
  concurrency: number;
}

export interface RegistrationBatcher {
  /** Stores one registration; resolves when the statement holding it has committed. */
  write(registration: RegistrationWrite): Promise<RegistrationWritten>;
  /** Statements run and registrations written since start (for tests and diagnostics). */
  stats(): { statements: number; registrations: number; largest: number; failedShared: number };
}

interface Waiting {
  registration: RegistrationWrite;
  resolve: (written: RegistrationWritten) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for registrations. A registration is sent at once when fewer than `concurrency`
 * statements are running; otherwise it waits, and the next statement takes everything that waited
 * (up to `maxBatch`) as one transaction. No registration is held back to fill a batch: at low load
 * every statement holds one, under load the per-statement costs (round trip, parse, plan, commit,
 * the database's wake-up) are shared. A registration is answered only after its statement commits.
 *
 * If a shared statement fails, each of its registrations is written alone, so one bad registration
 * fails only itself and its error reaches its own request.
 */
export function createRegistrationBatcher(
  handle: DatabaseHandle,
  options: BatchOptions,
): RegistrationBatcher {
  const maxBatch = Math.max(1, Math.floor(options.maxBatch));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const queue: Waiting[] = [];
  let running = 0;
  const counters = { statements: 0, registrations: 0, largest: 0, failedShared: 0 };

  const writeAll = async (batch: Waiting[]) => {
    counters.statements += 1;
    counters.registrations += batch.length;
    counters.largest = Math.max(counters.largest, batch.length);
    return insertRegistrations(
      handle.db,
      batch.map((w) => w.registration),
      handle,
    );
  };

  const run = async (batch: Waiting[]) => {
    try {
      const written = await writeAll(batch);
      batch.forEach((w, i) => w.resolve(written[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      counters.failedShared += 1;
      for (const w of batch) {
        try {
          w.resolve((await writeAll([w]))[0]!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  };

  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      running += 1;
      void run(batch).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  return {
    write: (registration) =>
      new Promise<RegistrationWritten>((resolve, reject) => {
        queue.push({ registration, resolve, reject });
        pump();
      }),
    stats: () => ({ ...counters }),
  };
}

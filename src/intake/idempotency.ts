import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Kysely } from 'kysely';
import type { Trx } from '../audit/event-log.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';

export interface IdempotencyRequest {
  scope: string;
  key: string;
  body: unknown;
}

/**
 * Runs a create once per Idempotency-Key. The key row is inserted in the same transaction as the
 * create; a concurrent retry waits on the key's unique index and then reads the stored result.
 */
export async function runIdempotent<T>(
  trx: Trx,
  req: IdempotencyRequest | null,
  create: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  if (!req) return { result: await create(), replayed: false };
  const requestHash = createHash('sha256')
    .update(stringify(req.body) ?? '')
    .digest('hex');
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ scope: req.scope, key: req.key, request_hash: requestHash })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!inserted) {
    const prior = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('scope', '=', req.scope)
      .where('key', '=', req.key)
      .executeTakeFirstOrThrow();
    if (prior.request_hash !== requestHash) {
      throw new AppError(
        'idempotency_mismatch',
        '该幂等键已用于另一个不同的请求',
        'This Idempotency-Key was already used for a different request',
      );
    }
    return { result: prior.response as T, replayed: true };
  }
  const result = await create();
  // The answer known at commit; the caller completes it with completeIdempotent once the rest of
  // the answer (advice computed after the commit) is known.
  await trx
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(result), status_code: 201 })
    .where('scope', '=', req.scope)
    .where('key', '=', req.key)
    .execute();
  return { result, replayed: false };
}

/**
 * Stores the complete first answer for the key, so a replay returns exactly what the first request
 * got (the registration's routing suggestions, category suggestion and similar matters are computed
 * after its transaction commits). Runs outside that transaction; if the process dies in between,
 * a replay gets the answer stored at commit, without the advice.
 */
export async function completeIdempotent(
  db: Kysely<Database>,
  req: IdempotencyRequest,
  response: unknown,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(response) })
    .where('scope', '=', req.scope)
    .where('key', '=', req.key)
    .execute();
}

import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Trx } from '../audit/event-log.ts';
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
  await trx
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(result), status_code: 201 })
    .where('scope', '=', req.scope)
    .where('key', '=', req.key)
    .execute();
  return { result, replayed: false };
}

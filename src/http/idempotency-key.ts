import type { FastifyRequest } from 'fastify';
import { fieldError } from '../errors/app-error.ts';
import type { IdempotencyRequest } from '../intake/idempotency.ts';

/** Reads the Idempotency-Key header into the request for a create; the scope keeps callers apart. */
export function idempotencyFrom(req: FastifyRequest, scope: string): IdempotencyRequest | null {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw fieldError(
      'Idempotency-Key',
      '幂等键须为1-200个可见ASCII字符',
      'Idempotency-Key must be 1–200 visible ASCII characters',
    );
  }
  return { scope, key, body: req.body };
}

import type { ErrorCode } from './app-error.ts';

/** The one table that maps domain error codes to HTTP status codes. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  illegal_transition: 409,
  conflict: 409,
  window_closed: 409,
  limit_exceeded: 409,
  idempotency_mismatch: 422,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
};

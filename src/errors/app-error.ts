/**
 * Domain errors carry a stable code and a message in Chinese and English. Services throw these;
 * only the HTTP layer (errors/http-status.ts) decides what status a code becomes.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'illegal_transition'
  | 'conflict'
  | 'window_closed'
  | 'limit_exceeded'
  | 'idempotency_mismatch'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

export interface FieldError {
  path: string;
  message_zh: string;
  message_en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: FieldError[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(messageEn);
    this.name = 'AppError';
  }
}

export const notFound = (what_zh: string, what_en: string) =>
  new AppError('not_found', `${what_zh}不存在或无权查看`, `${what_en} not found or not visible to you`);

export const forbidden = (zh = '无权执行此操作', en = 'You are not allowed to do this') =>
  new AppError('forbidden', zh, en);

export const fieldError = (path: string, zh: string, en: string) =>
  new AppError('validation_failed', `输入有误：${zh}`, `Invalid input: ${en}`, [
    { path, message_zh: zh, message_en: en },
  ]);

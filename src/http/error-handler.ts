import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { HTTP_STATUS } from '../errors/http-status.ts';
import { translateDatabaseError } from '../errors/sql-errors.ts';

export interface ErrorBody {
  error: {
    code: string;
    message_zh: string;
    message_en: string;
    fields: { path: string; message_zh: string; message_en: string }[];
    correlationId?: string;
    details?: Record<string, unknown>;
  };
}

export const errorBody = (e: AppError): ErrorBody => ({
  error: {
    code: e.code,
    message_zh: e.messageZh,
    message_en: e.messageEn,
    fields: e.fields,
    ...(e.details ? { details: e.details } : {}),
  },
});

/** Fastify's own 4xx errors (bad JSON, too large, wrong content type) in our bilingual shape. */
function fromFastify(err: FastifyError): AppError | null {
  const status = err.statusCode ?? 500;
  if (status >= 500) return null;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', '请求内容过大', 'The request is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', '不支持的内容类型', 'Unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', '请求体不是有效的JSON', 'The request body is not valid JSON');
    default:
      if (status === 429)
        return new AppError('rate_limited', '请求过于频繁，请稍后再试', 'Too many requests, try again later');
      if (status === 404) return new AppError('not_found', '资源不存在', 'Not found');
      return new AppError('validation_failed', '请求无效', `Bad request: ${err.message}`);
  }
}

/** One place that turns any thrown error into the API's error shape; unknown errors hide their internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = err instanceof AppError ? err : (translateDatabaseError(err) ?? fromFastify(err));
    if (known) {
      // A refusal that knows when to try again says so in the standard header too (RFC 9110 §10.2.3).
      const retryAfter = known.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
      void reply.status(HTTP_STATUS[known.code]).send(errorBody(known));
      return;
    }
    const correlationId = randomUUID();
    req.log.error({ err, correlationId }, 'unhandled error');
    void reply.status(500).send({
      error: {
        code: 'internal',
        message_zh: `服务器内部错误（编号 ${correlationId}）`,
        message_en: `Internal server error (id ${correlationId})`,
        fields: [],
        correlationId,
      },
    });
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new AppError(
      'not_found',
      `接口不存在：${req.method} ${req.url}`,
      `No such endpoint: ${req.method} ${req.url}`,
    );
    void reply.status(404).send(errorBody(e));
  });
}

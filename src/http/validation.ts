import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { validationError } from '../errors/zod-errors.ts';

/**
 * Validates requests with their Zod schemas and fails with the bilingual, field-level error;
 * the path is prefixed with where the value came from (querystring, params).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data };
    const prefix = httpPart === 'body' || !httpPart ? [] : [httpPart];
    return { error: validationError(r.error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }))) };
  };

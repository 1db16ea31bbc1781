import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { unsafeInputIssue, validationError } from '../errors/zod-errors.ts';
import { findUnsafeInput } from '../shared/strict-input.ts';

/**
 * Validates requests with their Zod schemas and fails with the bilingual, field-level error;
 * the path is prefixed with where the value came from (querystring, params). Control characters
 * are refused in every string first, whatever the schema says (see shared/strict-input.ts).
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const prefix = httpPart === 'body' || !httpPart ? [] : [httpPart];
    const unsafe = findUnsafeInput(data);
    if (unsafe) return { error: validationError([unsafeInputIssue(unsafe, prefix)]) };
    // The input is reported so that a wrong value is told from a missing one ("must be one of …",
    // not "is required"); messages never quote it.
    const r = schema.safeParse(data, { reportInput: true });
    if (r.success) return { value: r.data };
    return { error: validationError(r.error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] }))) };
  };

import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifySerializerCompiler } from 'fastify';
import type { z } from 'zod';
import { $ZodType } from 'zod/v4/core';

/**
 * Response bodies are written as the handler returned them (JSON.stringify), never re-shaped by
 * their schema: a schema that lagged behind a handler must not silently strip a field the web app
 * reads. The schemas are held to the answers instead by `checkResponses` (on in the test suite):
 * every JSON answer must parse with the route's schema for its status, and parsing must not drop
 * a field, or the request fails with a 500 naming the route and the mismatch.
 */
export function responseSerializerCompiler(check: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url, httpStatus }) => {
    const zod = schema instanceof $ZodType ? (schema as unknown as z.ZodType) : null;
    return (data) => {
      const json = JSON.stringify(data);
      if (check && zod) checkBody(zod, data, `${method} ${url} → ${httpStatus}`);
      return json;
    };
  };
}

function checkBody(schema: z.ZodType, data: unknown, where: string): void {
  const parsed = schema.safeParse(data);
  if (!parsed.success) fail(where, `does not match its declared schema: ${parsed.error.message}`);
  // Zod objects drop keys they do not declare; a body that loses anything in parsing has undeclared fields.
  const sent = JSON.parse(JSON.stringify(data)) as unknown;
  const declared = JSON.parse(JSON.stringify(parsed.data)) as unknown;
  if (!isDeepStrictEqual(sent, declared))
    fail(where, `has fields its schema does not declare: ${JSON.stringify(undeclared(sent, declared))}`);
}

/** The paths present in `sent` but not in `declared`, for the failure message. */
function undeclared(sent: unknown, declared: unknown, path = ''): string[] {
  if (sent === null || typeof sent !== 'object') return [];
  if (declared === null || typeof declared !== 'object') return [path || '(root)'];
  const out: string[] = [];
  for (const [k, v] of Object.entries(sent)) {
    const d = (declared as Record<string, unknown>)[k];
    if (d === undefined && v !== undefined) out.push(`${path}.${k}`);
    else out.push(...undeclared(v, d, `${path}.${k}`));
  }
  return out;
}

function fail(where: string, what: string): never {
  const message = `Response contract: ${where} ${what} (declare it in src/shared/api.schema.ts)`;
  // The test apps log nothing, so the reason is written where the failing test's output shows it.
  process.stderr.write(`${message}\n`);
  throw new Error(message);
}

/**
 * With `checkResponses`, a JSON answer whose status the route does not declare fails too: every
 * answer the API gives is in the OpenAPI document.
 */
export function installResponseCheck(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('application/json')) return payload;
    // Unknown paths (the not-found handler) and the web app's pages have no route schema to hold.
    const response = reply.routeOptions.schema?.response as Record<string, unknown> | undefined;
    if (!reply.routeOptions.url || !response) return payload;
    const declared = response;
    const status = reply.statusCode;
    if (!(String(status) in declared) && !(`${String(status)[0]}XX` in declared) && !('default' in declared))
      fail(
        `${req.method} ${reply.routeOptions.url ?? req.url} → ${status}`,
        'has no declared response schema',
      );
    return payload;
  });
}

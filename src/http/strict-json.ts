import type { FastifyInstance } from 'fastify';
import { unsafeInputIssue, validationError } from '../errors/zod-errors.ts';
import { findUnsafeInput } from '../shared/strict-input.ts';

/**
 * JSON bodies are parsed by Fastify's own parser (secure-json-parse: `__proto__` and `constructor`
 * keys refused) and then checked before any route sees them: no control character in any string or
 * key, no nesting deeper than MAX_INPUT_DEPTH. This covers the routes whose service reads the body
 * itself and the keys a schema strips, which the validator never looks at.
 */
export function installStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    void parseJson(req, body as string, (err, value) => {
      if (err) return done(err, undefined);
      const unsafe = findUnsafeInput(value);
      if (unsafe) return done(validationError([unsafeInputIssue(unsafe)]), undefined);
      done(null, value);
    });
  });
}

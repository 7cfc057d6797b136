import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { validationError } from '#shared/api';
import type { AppEnv } from '../env';
import { cleanError, errorBody } from './errors';
import { readRequestBody } from './read-body';

/** Captures are text and vectors; anything bigger is a bug or abuse, not feedback. */
export const JSON_BODY_MAX_BYTES = 512 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and validates a JSON body, answering 415/413/400 with a reason a person can act on.
 * Done by hand rather than with hono's json validator because that one treats a wrong
 * Content-Type as an empty object and has no size limit.
 */
export function jsonBody<S extends z.ZodType<object>>(
  schema: S,
  maxBytes: number = JSON_BODY_MAX_BYTES,
): MiddlewareHandler<AppEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  return async (c, next) => {
    const contentType = c.req.header('Content-Type');
    const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      const got = contentType === undefined ? 'none was sent' : `got ${contentType}`;
      return c.json(errorBody('unsupported_media_type', `Content-Type must be application/json (${got})`), 415);
    }

    const read = await readRequestBody(c.req.raw, maxBytes);
    if (!read.ok) {
      return read.reason === 'too_large'
        ? c.json(errorBody('payload_too_large', `request body is larger than the ${maxBytes}-byte limit`), 413)
        : c.json(errorBody('invalid_json', 'the request body was cut off before it ended'), 400);
    }

    let value: unknown;
    try {
      const text = utf8.decode(read.bytes);
      if (text.trim() === '') {
        return c.json(errorBody('invalid_json', 'the request body is empty; expected a JSON object'), 400);
      }
      value = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'it is not valid UTF-8';
      return c.json(errorBody('invalid_json', `the request body is not valid JSON: ${detail}`), 400);
    }

    // Synchronous: our body schemas have no async checks, and safeParseAsync costs twice as much.
    const result = schema.safeParse(value);
    if (!result.success) return c.json(cleanError(validationError(result.error)), 400);
    c.req.addValidatedData('json', result.data);
    await next();
  };
}

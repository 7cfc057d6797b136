import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { API_PREFIX } from '#shared/api';
import { SCREENSHOT_MAX_BYTES } from '#shared/capture';
import { errorBody } from './errors';
import { JSON_BODY_MAX_BYTES } from './json-body';

export interface BodyLimitRule {
  method: string;
  path: RegExp;
  maxBytes: number;
}

/** Routes that take more than a JSON body's worth; every other write takes at most JSON_BODY_MAX_BYTES. */
export const LARGE_BODY_ROUTES: readonly BodyLimitRule[] = [
  { method: 'PUT', path: new RegExp(`^${API_PREFIX}/captures/[^/]+/screenshot/?$`), maxBytes: SCREENSHOT_MAX_BYTES },
];

/** Methods whose requests carry no body in our API. */
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** The most bytes a request may send to `path` with `method`. */
export function bodyLimitFor(method: string, path: string, rules: readonly BodyLimitRule[] = LARGE_BODY_ROUTES): number {
  if (BODILESS_METHODS.has(method)) return 0;
  return rules.find((rule) => rule.method === method && rule.path.test(path))?.maxBytes ?? JSON_BODY_MAX_BYTES;
}

/**
 * Request size limits for every API route, before anything reads the body. A declared
 * Content-Length over the route's limit is refused at once (Node's parser holds the body to that
 * length). A body without one (chunked) is counted as it streams: past the limit the stream
 * fails, whatever the handler made of that is replaced by a 413, and the handler, which reads
 * its body before writing anything, has stored nothing.
 */
export function bodyLimits(rules: readonly BodyLimitRule[] = LARGE_BODY_ROUTES): MiddlewareHandler {
  return async (c, next) => {
    const { method } = c.req;
    const raw = c.req.raw;
    const limit = bodyLimitFor(method, c.req.path, rules);
    const declared = raw.headers.get('Content-Length');
    const chunked = raw.headers.has('Transfer-Encoding');

    if (declared !== null && !/^\d{1,16}$/.test(declared.trim())) {
      return c.json(errorBody('invalid_request', 'Content-Length must be a whole number of bytes'), 400);
    }
    if (limit === 0) {
      if (chunked || (declared !== null && Number(declared) > 0)) {
        return c.json(
          errorBody('invalid_request', `${method} requests take no body; send parameters in the path or query string`),
          400,
        );
      }
      return next();
    }
    if (declared !== null && !chunked) {
      return Number(declared) > limit ? payloadTooLarge(c, limit) : next();
    }
    if (raw.body === null) return next();

    let received = 0;
    let exceeded = false;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > limit) {
          exceeded = true;
          // An HTTPException, so a route that lets it escape is not logged as a server failure.
          controller.error(new HTTPException(413, { message: `request body is larger than ${limit} bytes` }));
          return;
        }
        controller.enqueue(chunk);
      },
    });
    const init: RequestInit & { duplex: 'half' } = { body: raw.body.pipeThrough(counter), duplex: 'half' };
    c.req.raw = new Request(raw, init);
    await next();
    if (exceeded) {
      // Whatever the handler answered to its broken stream (400, 500) is replaced.
      c.res = undefined;
      c.res = payloadTooLarge(c, limit);
    }
  };
}

function payloadTooLarge(c: Context, limit: number) {
  return c.json(
    errorBody('payload_too_large', `request body is larger than the ${limit}-byte limit of ${c.req.method} ${c.req.path}`),
    413,
  );
}

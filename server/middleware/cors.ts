import type { MiddlewareHandler } from 'hono';
import { CHROME_EXTENSION_ORIGIN } from '#shared/extension-identity';

/** What an extension origin looks like; config.ts refuses anything else in SNAG_EXTENSION_ORIGINS. */
export const EXTENSION_ORIGIN_PATTERN = /^(?:chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;

export interface CorsOptions {
  /** Allowed besides CHROME_EXTENSION_ORIGIN, e.g. the Chrome Web Store build's origin. */
  extensionOrigins?: readonly string[];
}

const ALLOWED_METHODS = 'GET,POST,PUT,PATCH,DELETE';
const ALLOWED_HEADERS = 'Authorization,Content-Type';
/** Response headers the extension reads besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = 'Retry-After,Location';

/**
 * CORS for our extension only. Chrome builds share one fixed origin (the manifest's key); other
 * builds are listed by the operator. Web origins get no CORS headers at all, so no web page can
 * read the API. Firefox gives each install a random origin, so the Firefox build asks for host
 * permission on the server instead, which lets its background fetch without CORS.
 *
 * Not hono/cors: that one appends `Vary` after the handler has finished, which makes Hono
 * rebuild every response around a stream, a slow path that cost about a seventh of each capture
 * POST. Headers set here, before the handler runs, go into whatever response it builds with the
 * context (c.json, c.body, …).
 */
export function extensionCors(options: CorsOptions = {}): MiddlewareHandler {
  const allowed = new Set([CHROME_EXTENSION_ORIGIN, ...(options.extensionOrigins ?? [])]);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const allowedOrigin = origin !== undefined && allowed.has(origin);
    c.header('Vary', 'Origin', { append: true });
    if (allowedOrigin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (c.req.method === 'OPTIONS') {
      // Other origins get a bare 204: without Access-Control-Allow-Origin the browser refuses the
      // real request. Not a 403: Firefox builds fetch with host permission, so never need CORS.
      c.header('Allow', `${ALLOWED_METHODS},OPTIONS`);
      if (allowedOrigin) {
        c.header('Access-Control-Max-Age', '600');
        c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
        c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        c.header('Vary', 'Access-Control-Request-Method, Access-Control-Request-Headers', { append: true });
      }
      return c.body(null, 204);
    }
    await next();
  };
}

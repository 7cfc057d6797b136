import type { MiddlewareHandler } from 'hono';

/**
 * Only browser extensions may call cross-origin: the extension's background talks to the server
 * without host permissions, while ordinary web pages must not be able to read the API.
 */
const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

export function isExtensionOrigin(origin: string): boolean {
  return EXTENSION_ORIGIN.test(origin);
}

/**
 * CORS for the extension, answering preflights itself. Not hono/cors: that one appends `Vary`
 * after the handler has finished, which makes Hono rebuild every response around a stream, a
 * slow path that cost about a seventh of each capture POST. Headers set here, before the
 * handler runs, go into whatever response it builds with the context (c.json, c.body, …).
 */
export function extensionCors(): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && isExtensionOrigin(origin)) c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Max-Age', '600');
      c.header('Access-Control-Allow-Methods', 'GET,POST,PUT,OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Authorization,Content-Type');
      c.header('Vary', 'Access-Control-Request-Headers', { append: true });
      return c.body(null, 204);
    }
    await next();
  };
}

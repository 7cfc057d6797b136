import { cors } from 'hono/cors';

/**
 * Only browser extensions may call cross-origin: the extension's background talks to the server
 * without host permissions, while ordinary web pages must not be able to read the API.
 */
const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

export function isExtensionOrigin(origin: string): boolean {
  return EXTENSION_ORIGIN.test(origin);
}

export function extensionCors() {
  return cors({
    origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
}

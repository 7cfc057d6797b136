import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const NOT_BUILT = 'The Snag dashboard has not been built yet. Run `npm run build:dashboard`, then reload this page.\n';

const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
});

/**
 * The dashboard single-page app, built by Vite into `dir`: real files are served as they are,
 * any other path gets index.html so client-side routes survive a reload.
 */
export function dashboardRoutes(dir: string | undefined) {
  // Built lazily: the folder may appear after the server starts (npm run build:dashboard).
  let handlers: { files: MiddlewareHandler; index: MiddlewareHandler } | undefined;
  const serve = (root: string) =>
    (handlers ??= { files: serveStatic({ root }), index: serveStatic({ root, path: 'index.html' }) });

  return new Hono().use(securityHeaders).get('*', async (c, next) => {
    if (dir === undefined || !existsSync(join(dir, 'index.html'))) {
      return c.text(NOT_BUILT, 503, { 'Retry-After': '30' });
    }
    const { files, index } = serve(dir);
    const served = await files(c, async () => undefined);
    if (served instanceof Response) {
      // Vite fingerprints everything under assets/, so those never change; other files may.
      const immutable = c.req.path.startsWith('/assets/');
      served.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return served;
    }
    // A missing fingerprinted file is a real 404; answering HTML for a script only confuses.
    if (c.req.path.startsWith('/assets/')) return c.text('Not found\n', 404);
    const shell = await index(c, next);
    if (!(shell instanceof Response)) return c.text(NOT_BUILT, 503);
    shell.headers.set('Cache-Control', 'no-cache');
    return shell;
  });
}

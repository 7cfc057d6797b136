import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';

/**
 * The dashboard's own CSP (everything else comes from securityHeaders for every response):
 * scripts and styles only from our own files, no inline ones. React's `style` props and chart
 * libraries set styles through the CSSOM (element.style), which style-src does not govern.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = 'The Snag dashboard has not been built yet. Run `npm run build:dashboard`, then reload this page.\n';

// Set before the handler, so it replaces the API's default in whatever response is built.
const dashboardCsp = createMiddleware(async (c, next) => {
  c.header('Content-Security-Policy', DASHBOARD_CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  await next();
});

/**
 * The dashboard single-page app, built by Vite into `dir`: real files are served as they are,
 * any other path gets index.html so client-side routes survive a reload.
 */
export function dashboardRoutes(dir: string | undefined) {
  // Built lazily: the folder may appear after the server starts (npm run build:dashboard).
  let handlers: { files: MiddlewareHandler; index: MiddlewareHandler } | undefined;
  const serve = (root: string) =>
    (handlers ??= {
      // Vite writes .br/.gz beside each asset; browsers that accept them get the smaller file.
      files: serveStatic({ root, precompressed: true }),
      index: serveStatic({ root, path: 'index.html', precompressed: true }),
    });

  return new Hono().use(dashboardCsp).get('*', async (c, next) => {
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

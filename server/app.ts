import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { API_PREFIX } from '#shared/api';
import type { AppEnv } from './env';
import { errorBody } from './http/errors';
import { requireToken } from './middleware/auth';
import { extensionCors } from './middleware/cors';
import { captureRoutes } from './routes/captures';
import { customerRoutes } from './routes/customers';
import { dashboardRoutes } from './routes/dashboard';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { screenshotRoutes } from './routes/screenshots';
import { tagRoutes } from './routes/tags';
import type { ScreenshotStore } from './screenshots';
import type { Store } from './store/store';

export interface AppDeps {
  store: Store;
  screenshots: ScreenshotStore;
  /** Vite's output for the dashboard; `/` answers 503 until it exists. */
  dashboardDir?: string;
  version?: string;
}

/** Builds the whole HTTP app without listening, so tests can drive it with app.request(). */
export function createApp(deps: AppDeps) {
  const { store, screenshots, dashboardDir, version = '0.0.0-dev' } = deps;

  const app = new Hono<AppEnv>()
    .use('/api/*', extensionCors())
    .use('/healthz', extensionCors())
    .use('/api/*', requireToken(store))
    .route('/healthz', healthRoutes(version))
    .route(`${API_PREFIX}/me`, meRoutes())
    .route(`${API_PREFIX}/captures`, captureRoutes(store))
    .route(`${API_PREFIX}/captures`, screenshotRoutes(store, screenshots))
    .route(`${API_PREFIX}/tags`, tagRoutes(store))
    .route(`${API_PREFIX}/customers`, customerRoutes(store))
    .all('/api/*', (c) =>
      c.json(errorBody('not_found', `no API endpoint ${c.req.method} ${c.req.path}`), 404),
    )
    .route('/', dashboardRoutes(dashboardDir));

  app.notFound((c) => c.json(errorBody('not_found', `nothing at ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('invalid_request', error.message || 'invalid request'), error.status);
    }
    // Details go to the operator's log, never to the client: they may hold SQL or paths.
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.json(errorBody('internal', 'internal error'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;

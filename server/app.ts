import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { API_PREFIX } from '#shared/api';
import { HashingBusy } from './auth/hashing-gate';
import type { AppEnv } from './env';
import { errorBody } from './http/errors';
import { EventBus } from './live/event-bus';
import { bodyLimits } from './http/body-limit';
import { DEFAULT_LIMITS, type PersonLimits } from './limits';
import { authenticate } from './middleware/auth';
import { extensionCors } from './middleware/cors';
import { rateLimits, type SecurityOptions, securityHeaders } from './middleware/hardening';
import { accountRoutes } from './routes/accounts';
import { dashboardRoutes } from './routes/dashboard';
import { dataControlRoutes } from './routes/data-control';
import { healthRoutes } from './routes/health';
import { insightRoutes } from './routes/insights';
import { reviewRoutes } from './routes/review';
import { workspaceRoutes } from './routes/workspace';
import type { ScreenshotStore } from './screenshots';
import type { Store } from './store/store';

export interface AppDeps {
  store: Store;
  screenshots: ScreenshotStore;
  /** Vite's output for the dashboard; `/` answers 503 until it exists. */
  dashboardDir?: string;
  version?: string;
  /** Live updates to open dashboards; one per process. */
  events?: EventBus;
  security?: SecurityOptions;
  /** Per-person caps; DEFAULT_LIMITS for what is not given. */
  limits?: Partial<PersonLimits>;
  now?: () => Date;
}

/** Builds the whole HTTP app without listening, so tests can drive it with app.request(). */
export function createApp(deps: AppDeps) {
  const { store, screenshots, dashboardDir, version = '0.0.0-dev', security = {} } = deps;
  const now = deps.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const api = { store, screenshots, events: deps.events ?? new EventBus(), limits, now };

  const app = new Hono<AppEnv>()
    .use('*', securityHeaders(security))
    .use('/api/*', extensionCors(security))
    .use('/healthz', extensionCors(security))
    .use('/api/*', bodyLimits())
    .use('/api/*', authenticate(store, now))
    .use('/api/*', rateLimits({ now, ...security }))
    .route('/healthz', healthRoutes(version))
    .route(API_PREFIX, accountRoutes(api))
    .route(API_PREFIX, workspaceRoutes(api))
    .route(API_PREFIX, reviewRoutes(api))
    .route(API_PREFIX, insightRoutes(api))
    .route(API_PREFIX, dataControlRoutes(api))
    .all('/api/*', (c) =>
      c.json(errorBody('not_found', `no API endpoint ${c.req.method} ${c.req.path}`), 404),
    )
    .route('/', dashboardRoutes(dashboardDir));

  app.notFound((c) => c.json(errorBody('not_found', `nothing at ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('invalid_request', error.message || 'invalid request'), error.status);
    }
    if (error instanceof HashingBusy) {
      c.header('Retry-After', '5');
      return c.json(errorBody('unavailable', 'the server is busy checking passwords; try again in a few seconds'), 503);
    }
    // Details go to the operator's log, never to the client: they may hold SQL or paths.
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return c.json(errorBody('internal', 'internal error'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;

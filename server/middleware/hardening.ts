import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { clientIp, isHttps, rememberProxyTrust } from '../http/client-info';
import { errorBody } from '../http/errors';
import { RateLimiter } from '../http/rate-limiter';

/** Security settings operators can tune (config.ts reads them from the environment). */
export interface SecurityOptions {
  /** Requests a minute per person, all their tokens and sessions together; 0 turns the limit off. */
  requestsPerMinute?: number;
  /** Requests a minute per IP address for callers without credentials; 0 turns the limit off. */
  anonymousRequestsPerMinute?: number;
  /** Extension origins allowed to call the API cross-origin, besides the Chrome build's fixed one. */
  extensionOrigins?: readonly string[];
  /** Behind a reverse proxy: take the client's address and scheme from X-Forwarded-For/-Proto. */
  trustProxy?: boolean;
  /** Injected so tests move time by hand. */
  now?: () => Date;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 600;
export const DEFAULT_ANONYMOUS_REQUESTS_PER_MINUTE = 300;

/** What no page of ours needs: a script that got in still cannot reach these. */
const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

/** Anything that is not the dashboard (JSON, images, health) loads nothing and runs nothing. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const HSTS_SECONDS = 180 * 24 * 60 * 60;

/**
 * Headers every response carries. Set before the handler runs, so they go into whatever
 * response it builds with the context; the dashboard's routes replace the CSP with their own,
 * and a route may replace Cache-Control (screenshots revalidate by ETag).
 */
export function securityHeaders(options: SecurityOptions = {}): MiddlewareHandler<AppEnv> {
  const trust = { trustProxy: options.trustProxy ?? false };
  return async (c, next) => {
    rememberProxyTrust(c, trust);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    // Stops other sites embedding our responses (<img>, <script>, no-cors fetch); CORS fetches
    // (the extension) are not subject to it.
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', PERMISSIONS_POLICY);
    // Over plain http the header is ignored anyway, and sending it there would be a lie.
    if (isHttps(c)) c.header('Strict-Transport-Security', `max-age=${HSTS_SECONDS}`);
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    await next();
  };
}

/**
 * Per-person (all their tokens and sessions together) and per-IP request budgets: 429 with Retry-After when
 * spent. Runs after authentication, so it knows who is calling. The budgets are token buckets
 * as big as a minute's allowance, so an extension draining its outbox (a POST and a PUT per
 * capture, one after another) sends a few hundred captures at once before it is slowed down,
 * and then honours Retry-After.
 */
export function rateLimits(options: SecurityOptions = {}): MiddlewareHandler<AppEnv> {
  const now = () => (options.now ?? (() => new Date()))().getTime();
  const perCaller = limiter(options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE, now);
  const perIp = limiter(options.anonymousRequestsPerMinute ?? DEFAULT_ANONYMOUS_REQUESTS_PER_MINUTE, now);

  return async (c, next) => {
    const auth = c.get('auth');
    // Per person, not per token: minting more tokens must not mint more budget.
    const [bucket, key, who] =
      auth === undefined
        ? [perIp, `ip:${addressBucket(clientIp(c))}`, 'this address']
        : [perCaller, `user:${auth.user.id}`, 'your account'];
    const verdict = bucket?.take(key) ?? { ok: true };
    if (verdict.ok) return next();
    return tooManyRequests(c, who, verdict.retryAfterSeconds);
  };
}

/**
 * The key an address is counted under. One IPv6 user usually holds a whole /64, so counting
 * single addresses would hand them billions of budgets; IPv4 (also IPv4-mapped) counts as is.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('%')[0]?.toLowerCase().split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function limiter(perMinute: number, now: () => number): RateLimiter | undefined {
  return perMinute > 0 ? new RateLimiter({ capacity: perMinute, windowMs: 60_000, now }) : undefined;
}

/** The 429 every throttle answers (also usable by sign-in and pairing throttles). */
export function tooManyRequests(c: Context, who: string, retryAfterSeconds: number) {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json(
    errorBody('rate_limited', `too many requests from ${who}; wait ${retryAfterSeconds} s, then try again`),
    429,
  );
}


import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export interface ProxyTrust {
  /**
   * Behind a reverse proxy every connection comes from the proxy: believe the address it appends
   * to X-Forwarded-For and the scheme it puts in X-Forwarded-Proto. Only when a proxy is there,
   * or any client could pick its own address.
   */
  trustProxy?: boolean;
}

// Set once per request by securityHeaders (the first middleware), so every later caller of
// clientIp/isHttps follows the operator's SNAG_TRUST_PROXY without passing it around.
const requestTrust = new WeakMap<Context, ProxyTrust>();

export function rememberProxyTrust(c: Context, trust: ProxyTrust): void {
  requestTrust.set(c, trust);
}

/** The caller's IP address, or 'unknown' when there is no socket (app.request() in tests). */
export function clientIp(c: Context, options?: ProxyTrust): string {
  const { trustProxy = false } = options ?? requestTrust.get(c) ?? {};
  if (trustProxy) {
    // The rightmost entry is the one our proxy added; anything left of it the client wrote.
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded !== undefined && forwarded !== '') return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Whether the request reached us over TLS (directly, or at a trusted proxy). */
export function isHttps(c: Context, options?: ProxyTrust): boolean {
  const { trustProxy = false } = options ?? requestTrust.get(c) ?? {};
  if (trustProxy) {
    const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto !== undefined && proto !== '') return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

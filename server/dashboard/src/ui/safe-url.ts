/**
 * Page URLs come from captures, i.e. from whatever page a reporter was on: untrusted input.
 * Only http(s) URLs may become live links; anything else (javascript:, data:, file:, chrome:,
 * blob:, malformed text, …) is shown as plain text so a click can never run script or open
 * something unexpected.
 */

const LINKABLE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The normalised href if `raw` is an absolute http(s) URL, otherwise null. */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return LINKABLE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** True when `raw` may be rendered as a live `<a href>`. */
export function isSafeLink(raw: string): boolean {
  return safeHref(raw) !== null;
}

/**
 * A short, readable form of a page URL for cramped places (cards): host + path, without the
 * scheme, query or fragment. Falls back to the raw text when it is not a URL.
 */
export function displayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (!LINKABLE_PROTOCOLS.has(url.protocol)) return raw;
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.host}${path}`;
}

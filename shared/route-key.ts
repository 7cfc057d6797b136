/**
 * Keys that group captures made on "the same place" although their URLs differ: the account
 * page of account 8812 and of account 9907 are one route, `app.example.com/accounts/:id`.
 */

export const ID_PLACEHOLDER = ':id';

const ALL_DIGITS = /^\d+$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const LONG_HEX = /^[0-9a-f]{8,}$/i;
const TOKEN_CHARS = /^[A-Za-z0-9_-]{16,}$/;
const EMAIL = /^[^@\s/]+@[^@\s/]+\.[^@\s/]+$/;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Whether a path segment names one thing (a record's id, a token, an email) rather than a page. */
export function isIdLikeSegment(segment: string): boolean {
  const decoded = decodeSegment(segment);
  if (ALL_DIGITS.test(decoded) || UUID.test(decoded) || LONG_HEX.test(decoded) || EMAIL.test(decoded)) return true;
  // Long tokens mixing letters and digits (slugs of words alone stay: "getting-started-guide").
  return TOKEN_CHARS.test(decoded) && /[A-Za-z]/.test(decoded) && /\d/.test(decoded);
}

/** A URL's path segments, empty ones (doubled or trailing slashes) dropped. */
export function pathSegments(pathname: string): string[] {
  return pathname.split('/').filter((segment) => segment !== '');
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The page's host, lower-cased, with the port when it is not the scheme's default; '' when none. */
export function siteOf(url: string): string {
  return parseUrl(url)?.host.toLowerCase() ?? '';
}

/**
 * host + path, id-like segments collapsed to `:id`, without query, hash or trailing slash:
 * `https://app.example.com/accounts/8812/billing?x=1` → `app.example.com/accounts/:id/billing`.
 * The root page is `host/`.
 */
export function routeKey(url: string): string {
  const parsed = parseUrl(url);
  return parsed === null ? (url.split(/[?#]/, 1)[0]?.trim().toLowerCase() ?? '') : routeKeyOf(parsed);
}

/** routeKey of a URL already parsed. */
export function routeKeyOf(url: URL): string {
  const segments = pathSegments(url.pathname).map((segment) => (isIdLikeSegment(segment) ? ID_PLACEHOLDER : segment));
  return `${url.host.toLowerCase()}/${segments.join('/')}`;
}

/** What elementKey reads: the stable parts of a pinned element's locator (shared/capture.ts). */
export interface LocatorLike {
  selector: string;
  framePath?: readonly string[];
  shadowPath?: readonly string[];
}

const TEST_ID_ATTRIBUTE = /\[(?:data-testid|data-test-id|data-test|data-cy|data-qa)=(?:"[^"]*"|'[^']*'|[^\]]*)\]/g;
/** Runs of 4+ digits and UUIDs inside a selector (`#row-8812`, `[data-id="…"]`) vary per record. */
const VARYING_PART = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4,}/gi;

/**
 * A key for "the same element" across captures: its test id when the selector has one (the most
 * stable hook a page offers), else its selector, with record ids collapsed to `:id`, prefixed by
 * the frames and shadow roots it lives in (joined by ` >>> `). null without a pinned element.
 */
export function elementKey(locator: LocatorLike | null | undefined): string | null {
  if (locator === null || locator === undefined) return null;
  const testIds = locator.selector.match(TEST_ID_ATTRIBUTE);
  const own = testIds?.at(-1) ?? locator.selector;
  const parts = [...(locator.framePath ?? []), ...(locator.shadowPath ?? []), own];
  const key = parts
    .map((part) => part.trim().replace(VARYING_PART, ID_PLACEHOLDER))
    .filter((part) => part !== '')
    .join(' >>> ');
  return key === '' ? null : key;
}

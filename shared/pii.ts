/**
 * Hides personal data and secrets in text before it leaves the browser: email addresses, phone
 * numbers, payment-card numbers and token-like link parameters. Pure, for the extension and the
 * server alike. Each finder errs towards leaving text alone when it looks like a date, an order
 * number or a version: a report with a hidden date is less useful, one with a leaked card is worse.
 */

export const scrubberKinds = ['email', 'phone', 'card', 'token'] as const;
export type ScrubberKind = (typeof scrubberKinds)[number];
export type ScrubOptions = Readonly<Record<ScrubberKind, boolean>>;
export type ScrubCounts = Record<ScrubberKind, number>;

export const ALL_SCRUBBERS: ScrubOptions = { email: true, phone: true, card: true, token: true };

export const SCRUB_MARKERS: Readonly<Record<ScrubberKind, string>> = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  token: '[redacted]',
};

export interface Scrubbed {
  text: string;
  found: ScrubCounts;
}

export const noneFound = (): ScrubCounts => ({ email: 0, phone: 0, card: 0, token: 0 });

export function addCounts(...counts: readonly ScrubCounts[]): ScrubCounts {
  const total = noneFound();
  for (const count of counts) for (const kind of scrubberKinds) total[kind] += count[kind];
  return total;
}

/** "2 email addresses", "1 card number"…: what was hidden, for the user. */
export function describeScrubbed(counts: ScrubCounts): string[] {
  const names: Record<ScrubberKind, [string, string]> = {
    email: ['email address', 'email addresses'],
    phone: ['phone number', 'phone numbers'],
    card: ['card number', 'card numbers'],
    token: ['secret or token', 'secrets or tokens'],
  };
  return scrubberKinds
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${names[kind][counts[kind] === 1 ? 0 : 1]}`);
}

/** Free text (a comment, a quote, a title): every enabled finder, links included. */
export function scrubText(text: string, options: ScrubOptions = ALL_SCRUBBERS): Scrubbed {
  const found = noneFound();
  let result = text;
  if (options.token) {
    result = result.replace(/\bhttps?:\/\/[^\s<>"'`]+/gi, (url) => {
      const scrubbed = scrubUrl(url, options);
      for (const kind of scrubberKinds) found[kind] += scrubbed.found[kind];
      return scrubbed.text;
    });
    result = replaceCounted(result, jwtPattern, found, 'token', () => SCRUB_MARKERS.token);
    result = replaceCounted(result, secretAssignmentPattern, found, 'token', (_match, name = '', separator = '') =>
      `${name}${separator}${SCRUB_MARKERS.token}`,
    );
  }
  if (options.email) result = replaceCounted(result, emailPattern, found, 'email', (match) => (isEmail(match) ? SCRUB_MARKERS.email : null));
  if (options.card) result = replaceCounted(result, cardPattern, found, 'card', (match) => (isCardNumber(match) ? SCRUB_MARKERS.card : null));
  if (options.phone) result = replaceCounted(result, phonePattern, found, 'phone', (match) => (isPhoneNumber(match) ? SCRUB_MARKERS.phone : null));
  return { text: result, found };
}

/** Kinds of personal data a screenshot can show in the page's text (tokens are not looked for in pixels). */
export const visibleDataKinds = ['email', 'phone', 'card'] as const;
export type VisibleDataKind = (typeof visibleDataKinds)[number];

export interface PersonalDataMatch {
  kind: VisibleDataKind;
  /** UTF-16 offsets in the text: `text.slice(start, end)` is the match. */
  start: number;
  end: number;
}

/**
 * Where `scrubText` would hide an email address, a phone number or a card number, with the same
 * patterns and checks (Luhn for cards), for boxes over the pixels instead of markers in the text.
 * Earlier kinds win overlaps in scrubText's order: email, card, then phone.
 */
export function findPersonalData(text: string, kinds: Readonly<Record<VisibleDataKind, boolean>> = ALL_SCRUBBERS): PersonalDataMatch[] {
  const detectors: Array<[VisibleDataKind, RegExp, (match: string) => boolean]> = [
    ['email', emailPattern, isEmail],
    ['card', cardPattern, isCardNumber],
    ['phone', phonePattern, isPhoneNumber],
  ];
  const found: PersonalDataMatch[] = [];
  for (const [kind, pattern, accept] of detectors) {
    if (!kinds[kind]) continue;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!accept(match[0]) || found.some((other) => start < other.end && other.start < end)) continue;
      found.push({ kind, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A URL with its query (and a `#a=b` fragment, where OAuth puts tokens) scrubbed parameter by
 * parameter; the scheme and host are kept exactly, so the result is still the same page's URL.
 */
export function scrubUrl(url: string, options: ScrubOptions = ALL_SCRUBBERS): Scrubbed {
  const parts = /^([a-z][a-z\d+.-]*:\/\/[^/?#]*)?([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(url);
  if (!parts) return { text: url, found: noneFound() };
  const [, origin = '', path = '', query, fragment] = parts;
  const pathScrub = scrubText(path, { ...options, token: false, phone: false });
  const queryScrub = query === undefined ? null : scrubParameters(query.slice(1), options);
  const fragmentScrub = fragment?.includes('=') ? scrubParameters(fragment.slice(1), options) : null;
  return {
    text: [
      origin,
      pathScrub.text,
      queryScrub ? `?${queryScrub.text}` : (query ?? ''),
      fragmentScrub ? `#${fragmentScrub.text}` : (fragment ?? ''),
    ].join(''),
    found: addCounts(pathScrub.found, queryScrub?.found ?? noneFound(), fragmentScrub?.found ?? noneFound()),
  };
}

/** The Luhn checksum every payment-card number satisfies (digits only). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function scrubParameters(list: string, options: ScrubOptions): Scrubbed {
  const found = noneFound();
  const pieces = list.split('&').map((piece) => {
    const equals = piece.indexOf('=');
    if (equals < 0) return piece;
    const name = piece.slice(0, equals);
    const value = piece.slice(equals + 1);
    if (value === '' || value === SCRUB_MARKERS.token) return piece;
    const plainValue = decode(value);
    if (options.token && (isSecretName(decode(name)) || looksLikeSecret(plainValue))) {
      found.token += 1;
      return `${name}=${SCRUB_MARKERS.token}`;
    }
    const scrubbed = scrubText(plainValue, options);
    if (scrubbed.text === plainValue) return piece;
    for (const kind of scrubberKinds) found[kind] += scrubbed.found[kind];
    return `${name}=${encodeKeepingMarkers(scrubbed.text)}`;
  });
  return { text: pieces.join('&'), found };
}

function decode(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return component;
  }
}

const encodeKeepingMarkers = (text: string) => encodeURIComponent(text).replace(/%5B/g, '[').replace(/%5D/g, ']');

// Parameter names that hold secrets: `code` only on its own (OAuth), since `postal_code` is not one.
const secretNames = new Set(['code', 'pass', 'pwd', 'sid', 'otp', 'hash']);
const secretWords = new Set([
  'token', 'key', 'apikey', 'secret', 'password', 'passwd', 'auth', 'session', 'sessionid',
  'sig', 'signature', 'credential', 'credentials', 'jwt',
]);

// Names that say something about a secret without holding one: `token_type`, `expires_in`, `auth_url`.
const describingWords = new Set(['type', 'expires', 'expiry', 'in', 'ttl', 'name', 'format', 'length', 'count', 'url', 'uri', 'endpoint', 'mode', 'method', 'version']);

function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);
  const whole = words.join('');
  if (secretNames.has(whole) || secretWords.has(whole)) return true;
  return !describingWords.has(words.at(-1) ?? '') && words.some((word) => secretWords.has(word));
}

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * A long random-looking value: mixed-case letters with digits (base64, API keys), or a long hex
 * string. Slugs, words and UUIDs (identifiers worth keeping in a bug report) are not.
 */
function looksLikeSecret(value: string): boolean {
  if (value.length < 24 || !/^[\w\-+/=.~]+$/.test(value) || uuidPattern.test(value)) return false;
  const mixed = /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
  const hex = value.length >= 32 && /^[\da-f]+$/i.test(value) && /\d/.test(value) && /[a-f]/i.test(value);
  return (mixed || hex) && entropyPerCharacter(value) >= 3;
}

function entropyPerCharacter(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

function replaceCounted(
  text: string,
  pattern: RegExp,
  found: ScrubCounts,
  kind: ScrubberKind,
  // Answers the replacement, or null to keep the match (a false positive).
  replace: (match: string, ...groups: string[]) => string | null,
): string {
  return text.replace(pattern, (match: string, ...rest: unknown[]) => {
    // The last two arguments are the offset and the whole text; unmatched groups are undefined.
    const groups = rest.slice(0, -2).filter((group): group is string => typeof group === 'string');
    const replacement = replace(match, ...groups);
    if (replacement === null) return match;
    found[kind] += 1;
    return replacement;
  });
}

const jwtPattern = /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;
/**
 * `password=…`, `api_key: …`, `Bearer …` in prose: the name stays, the value goes. After a colon
 * the value must look like one (a digit, or long) so "my password: again!" stays readable.
 */
const secretName = String.raw`\b(password|passwd|pwd|secret|client_secret|token|access_token|api[_-]?key)`;
const notYetHidden = String.raw`(?!\[redacted\])`;
const secretAssignmentPattern = new RegExp(
  [
    String.raw`${secretName}(\s*=\s*)${notYetHidden}[^\s"'<>&]+`,
    String.raw`${secretName}(\s*:\s*)${notYetHidden}(?:(?=[^\s"'<>]*\d)[^\s"'<>]{4,}|[^\s"'<>]{12,})`,
    String.raw`\b(Bearer)(\s+)[\w.~+/-]{16,}=*`,
  ].join('|'),
  'gi',
);

const emailPattern = /(?<![\w.%+-])[\w.%+-]+@[a-z\d-]+(?:\.[a-z\d-]+)*\.[a-z]{2,24}\b/gi;
// `icon@2x.png` is a file name, not an address.
const fileExtensions = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|css|js|mjs|map|html?|json)$/i;
const isEmail = (match: string) => !fileExtensions.test(match);

/** 13 to 19 digits, optionally grouped by spaces or dashes, not part of a longer number. */
const cardPattern = /(?<![\d-])\d(?:[ -]?\d){12,18}(?!\d)/g;

function isCardNumber(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (/^(\d)\1+$/.test(digits)) return false;
  // Grouped numbers are cards only when grouped the way cards are (4-4-4-4, 4-6-5…): no 2-digit groups.
  const groups = match.split(/[ -]/);
  if (groups.length > 1 && groups.some((group) => group.length < 3)) return false;
  return luhnValid(digits);
}

/** Digits with phone-like separators, optionally `+country` and `(area)`; not glued to words, URLs or decimals. */
const phonePattern =
  /(?<![\w@/.:=#+-])(?:\+\d{8,15}|(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5}){0,5})(?![\w@/]|[.:-]\d)/g;

function isPhoneNumber(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  const international = match.startsWith('+');
  if (digits.length < (international ? 8 : 7) || digits.length > (international ? 15 : 12)) return false;
  // A bare run of digits is an order number or an id far more often than a phone number.
  if (!/[ .()-]/.test(match) && !international) return false;
  if (/^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}$/.test(match) || /^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}$/.test(match)) return false;
  // Dots only: versions and IP addresses, except the US 555.123.4567 form.
  if (/^[\d.]+$/.test(match) && !/^\d{3}\.\d{3}\.\d{4}$/.test(match)) return false;
  // Thousands grouped by spaces ("12 345 678") and lists of years ("2019 2020 2021").
  if (/^\d{1,2}(?: \d{3}){2,}$/.test(match)) return false;
  if (/^(?:(?:19|20)\d\d[ ,-]+)+(?:19|20)\d\d$/.test(match)) return false;
  return true;
}

import { z } from 'zod';
import { text } from './text';
import { role, tokenScope } from './roles';

/**
 * The accounts API (issue #6) on the wire: sessions, members, invites, API tokens, extension
 * pairing, people. The server parses every request with these; the dashboard and the extension
 * parse every response with them.
 */

/** The dashboard's session cookie (HttpOnly, so only the browser carries it). */
export const SESSION_COOKIE = 'snag_session';
/** Sent with every POST/PUT/PATCH/DELETE that rides the session cookie. */
export const CSRF_HEADER = 'X-CSRF-Token';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const NAME_MAX_LENGTH = 100;

/** Error codes the accounts routes answer with, besides the usual ones (unauthorized, forbidden, not_found…). */
export const accountErrorCodes = [
  /** POST /session: wrong email or password (the same answer for both). */
  'invalid_credentials',
  /** A cookie-authenticated write without the session's X-CSRF-Token. */
  'csrf',
  /** Too many attempts; wait for Retry-After seconds. */
  'rate_limited',
  /** The last active admin cannot be demoted or deactivated. */
  'last_admin',
  'invite_expired',
  'invite_used',
  'pairing_expired',
  'pairing_denied',
  'pairing_consumed',
] as const;
export type AccountErrorCode = (typeof accountErrorCodes)[number];

// ---- Building blocks ----

/** Trimmed and lower-cased before the format check, so "  Ann@Example.COM" is ann@example.com. */
export const email = text()
  .trim()
  .toLowerCase()
  .max(254, 'at most 254 characters')
  .pipe(z.email('must be an email address such as ann@example.com'));

export const personName = text()
  .trim()
  .min(1, 'must not be empty')
  .max(NAME_MAX_LENGTH, `at most ${NAME_MAX_LENGTH} characters`);

/** Only for new passwords; signing in accepts whatever was typed (up to the maximum). */
export const newPassword = text()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

/** Ids are server-generated (UUIDv7); bounded so a path param cannot be huge. */
const id = text().min(1).max(100);

/** Someone as others see them: pickers, reporter filters, the extension's "signed in as". */
export const userSummary = z.strictObject({ id: text(), name: text(), role });
export type UserSummary = z.infer<typeof userSummary>;

/** The signed-in person as they see themselves. `email` is null for users made by ADMIN_TOKEN. */
export const accountUser = z.strictObject({
  id: text(),
  name: text(),
  email: text().nullable(),
  role,
});
export type AccountUser = z.infer<typeof accountUser>;

export const idParams = z.strictObject({ id });

// ---- Sessions ----

/** POST /session */
export const signInInput = z.strictObject({
  email: text().trim().toLowerCase().min(1, 'must not be empty').max(254, 'at most 254 characters'),
  password: text().min(1, 'must not be empty').max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`),
});
export type SignInInput = z.input<typeof signInInput>;

/** POST /session (200), GET /session, POST /invites/accept (201). */
export const sessionInfo = z.strictObject({ user: accountUser, csrfToken: text() });
export type SessionInfo = z.infer<typeof sessionInfo>;

// ---- People and members ----

/** GET /people: active members, for assignee pickers and reporter filters. */
export const peopleList = z.strictObject({ people: z.array(userSummary) });
export type PeopleList = z.infer<typeof peopleList>;

export const member = z.strictObject({
  id: text(),
  name: text(),
  email: text().nullable(),
  role,
  active: z.boolean(),
  createdAt: text(),
  lastSeenAt: text().nullable(),
});
export type Member = z.infer<typeof member>;

/** GET /members */
export const memberList = z.strictObject({ members: z.array(member) });
export type MemberList = z.infer<typeof memberList>;

/** PATCH /members/:id → Member */
export const memberPatch = z
  .strictObject({ role: role.optional(), active: z.boolean().optional() })
  .refine((patch) => patch.role !== undefined || patch.active !== undefined, {
    message: 'give role, active, or both',
  });
export type MemberPatch = z.input<typeof memberPatch>;

// ---- Invites ----

export const INVITE_DEFAULT_HOURS = 72;
export const INVITE_MAX_HOURS = 336;

export const invite = z.strictObject({
  id: text(),
  role,
  /** When set, only this address can accept it. */
  email: text().nullable(),
  expiresAt: text(),
  createdAt: text(),
  /** null for the first-run setup invite, which the server made itself. */
  invitedBy: z.strictObject({ id: text(), name: text() }).nullable(),
});
export type Invite = z.infer<typeof invite>;

/** POST /invites */
export const inviteCreate = z.strictObject({
  role,
  email: email.optional(),
  expiresInHours: z
    .number()
    .int('must be a whole number of hours')
    .min(1, 'at least 1 hour')
    .max(INVITE_MAX_HOURS, `at most ${INVITE_MAX_HOURS} hours (two weeks)`)
    .default(INVITE_DEFAULT_HOURS),
});
export type InviteCreate = z.input<typeof inviteCreate>;

/** POST /invites (201). `token` is shown only here; `path` is the dashboard link to hand over. */
export const inviteCreated = z.strictObject({ invite, token: text(), path: text() });
export type InviteCreated = z.infer<typeof inviteCreated>;

/** GET /invites: pending ones (not used, not expired), newest first. */
export const inviteList = z.strictObject({ invites: z.array(invite) });
export type InviteList = z.infer<typeof inviteList>;

const inviteToken = text().min(1, 'must not be empty').max(200, 'at most 200 characters');

/** POST /invites/peek (a POST so the token stays out of URLs and logs). */
export const invitePeekInput = z.strictObject({ token: inviteToken });
export type InvitePeekInput = z.input<typeof invitePeekInput>;

export const invitePeek = z.strictObject({
  role,
  email: text().nullable(),
  expiresAt: text(),
  invitedBy: z.strictObject({ name: text() }).nullable(),
});
export type InvitePeek = z.infer<typeof invitePeek>;

/** POST /invites/accept → 201 SessionInfo + the session cookie. */
export const inviteAccept = z.strictObject({
  token: inviteToken,
  name: personName,
  email,
  password: newPassword,
});
export type InviteAccept = z.input<typeof inviteAccept>;

/** Where the dashboard shows an invite: `${origin}${invitePath(token)}`. */
export function invitePath(token: string): string {
  return `/#/invite/${token}`;
}

// ---- API tokens ----

export const apiToken = z.strictObject({
  id: text(),
  name: text(),
  scope: tokenScope,
  createdAt: text(),
  lastUsedAt: text().nullable(),
  revokedAt: text().nullable(),
  /** Whose it is: only in the admins' list of everyone's tokens (`?all=1`). */
  user: z.strictObject({ id: text(), name: text() }).optional(),
});
export type ApiToken = z.infer<typeof apiToken>;

/** GET /tokens?all=1 (admins: everyone's). */
export const tokenListQuery = z.strictObject({
  all: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((value) => value === '1' || value === 'true'),
});
export type TokenListQuery = z.input<typeof tokenListQuery>;

export const tokenList = z.strictObject({ tokens: z.array(apiToken) });
export type TokenList = z.infer<typeof tokenList>;

/** POST /tokens */
export const tokenCreate = z.strictObject({ name: personName, scope: tokenScope });
export type TokenCreate = z.input<typeof tokenCreate>;

/** POST /tokens (201): `secret` is shown only here. */
export const tokenCreated = z.strictObject({ token: apiToken, secret: text() });
export type TokenCreated = z.infer<typeof tokenCreated>;

// ---- Pairing the extension (device flow, RFC 8628 style) ----

/** Consonants without L: no 0/O, 1/I/L look-alikes, and no vowels, so no words. */
export const USER_CODE_ALPHABET = 'BCDFGHJKMNPQRSTVWXZ';
export const USER_CODE_LENGTH = 8;
export const PAIRING_TTL_MINUTES = 10;
export const PAIRING_POLL_INTERVAL_SECONDS = 2;

/** "abcd efgh", "ABCD-EFGH" → "ABCDEFGH": people type codes however they like. */
export function normalizeUserCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** "BCDFGHJK" → "BCDF-GHJK", the way the extension shows it. */
export function formatUserCode(code: string): string {
  const half = USER_CODE_LENGTH / 2;
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

const userCodePattern = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);

/** A code as typed, normalised; the message says what a code looks like. */
export const userCode = text()
  .max(32, 'at most 32 characters')
  .transform(normalizeUserCode)
  .pipe(text().regex(userCodePattern, 'must be the 8-letter code the extension shows, like BCDF-GHJK'));

/** POST /pairings (public) */
export const pairingCreate = z.strictObject({ deviceName: personName });
export type PairingCreate = z.input<typeof pairingCreate>;

export const pairingCreated = z.strictObject({
  pairingId: text(),
  /** Formatted XXXX-XXXX, to show to the person. */
  userCode: text(),
  /** Kept by the extension's background only; proves the poller is the one who asked. */
  pollSecret: text(),
  expiresAt: text(),
  intervalSeconds: z.number().int().positive(),
});
export type PairingCreated = z.infer<typeof pairingCreated>;

export const pairingIdParams = z.strictObject({ pairingId: id });

/** POST /pairings/:pairingId/poll */
export const pairingPoll = z.strictObject({ pollSecret: text().min(1).max(200) });
export type PairingPoll = z.input<typeof pairingPoll>;

/** 200 answers of the poll; expired/denied/consumed answer 410 with error.code pairing_*. */
export const pairingPollResult = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('pending') }),
  /** Exactly once: the capture-scoped token for the extension to keep. */
  z.strictObject({ status: z.literal('approved'), token: text(), user: userSummary }),
]);
export type PairingPollResult = z.infer<typeof pairingPollResult>;

/** POST /pairings/confirm and POST /pairings/deny (the signed-in person typed the code). */
export const pairingDecision = z.strictObject({ userCode });
export type PairingDecision = z.input<typeof pairingDecision>;

/** POST /pairings/confirm (200) */
export const pairingConfirmed = z.strictObject({ deviceName: text() });
export type PairingConfirmed = z.infer<typeof pairingConfirmed>;

import type { Role, TokenScope } from '#shared/roles';
import type { User } from '../store';

/**
 * The accounts part of the Store (see ../store.ts): members, passwords, sessions, API tokens,
 * invites and extension pairing. Secrets never reach it: only their SHA-256 (tokens, session
 * ids, invite tokens, poll secrets) or scrypt hash (passwords). Times are ISO strings passed in,
 * so tests move the clock.
 */
export interface AccountStore {
  countUsers(): Promise<number>;
  createUser(input: NewAccountUser): Promise<CreateUserResult>;
  getUser(id: string): Promise<AccountUser | null>;
  /** For signing in: the user with this (lower-cased) email and their password hash. */
  findLogin(email: string): Promise<{ user: AccountUser; passwordHash: string | null } | null>;
  /** Everyone, active or not, by name. */
  listUsers(): Promise<AccountUser[]>;
  /**
   * Changes a role and/or the active flag in one transaction. Deactivating deletes every session
   * and revokes every token of the member at once. The last active admin cannot stop being one.
   */
  updateMember(id: string, patch: MemberChange, at: string): Promise<UpdateMemberResult>;

  createToken(input: NewToken): Promise<TokenInfo>;
  /** The token with this hash and its owner, revoked or not (the caller says why it is refused). */
  findBearer(tokenHash: string): Promise<{ token: TokenInfo; user: AccountUser } | null>;
  /** Records use of a token: its last_used_at and its owner's last_seen_at. */
  markTokenUsed(tokenId: string, userId: string, at: string): Promise<void>;
  /** Newest first; one person's when `userId` is given, everyone's otherwise. */
  listTokens(filter: { userId?: string }): Promise<TokenWithOwner[]>;
  getToken(id: string): Promise<TokenWithOwner | null>;
  /** Sets revoked_at unless already set; null if there is no such token. */
  revokeToken(id: string, at: string): Promise<TokenInfo | null>;

  createSession(input: NewSession): Promise<SessionRecord>;
  findSession(idHash: string): Promise<{ session: SessionRecord; user: AccountUser } | null>;
  /** Records activity: the session's last_seen_at (idle expiry counts from it) and the user's. */
  touchSession(sessionId: string, userId: string, at: string): Promise<void>;
  deleteSession(sessionId: string): Promise<void>;
  /** Signs a person out everywhere; answers how many sessions ended. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Housekeeping: sessions idle since before `idleBefore` or created before `createdBefore`. */
  deleteExpiredSessions(cutoffs: { idleBefore: string; createdBefore: string }): Promise<number>;

  createInvite(input: NewInvite): Promise<InviteRecord>;
  findInvite(tokenHash: string): Promise<InviteRecord | null>;
  /** Not used and not expired at `at`, newest first. */
  listPendingInvites(at: string): Promise<InviteRecord[]>;
  /** Deletes an invite nobody has used; false if there is none such. */
  deletePendingInvite(id: string): Promise<boolean>;
  /** Removes unused first-run setup invites (invited_by null), so only the newest link works. */
  deleteSetupInvites(): Promise<number>;
  /** Uses the invite and creates its member in one transaction: single use even under races. */
  acceptInvite(input: AcceptInvite): Promise<AcceptInviteResult>;

  /** False (nothing stored) when a pending pairing already has this user code: pick another. */
  createPairing(input: NewPairing): Promise<boolean>;
  /** Approves or denies the pending, unexpired pairing with this user code. */
  decidePairing(input: PairingDecisionInput): Promise<PairingDecisionResult>;
  /**
   * The poller collecting its answer. When the pairing is approved, marks it consumed and creates
   * the capture-scoped token (with the hash given) in one transaction, so it is handed out once.
   */
  collectPairing(input: CollectPairing): Promise<CollectPairingResult>;

  /**
   * Creates the token unless the person already holds `maxHeld` (unrevoked tokens plus approved
   * pairings not yet collected); one person's concurrent creations cannot overshoot.
   */
  createTokenWithin(input: NewToken, maxHeld: number): Promise<CappedTokenResult>;
  /** Unrevoked tokens plus approved, uncollected pairings of this person at `at`. */
  heldTokens(userId: string, at: string): Promise<number>;
  /** Bytes of screenshots attached to this person's captures: their storage use. */
  screenshotBytesOf(userId: string): Promise<number>;

  /** Spends one token of `key`'s bucket in one atomic statement, or says when one will be free. */
  takeThrottle(input: ThrottleTake): Promise<ThrottleResult>;
  /** Gives one token back, never past `capacity`. */
  refundThrottle(key: string, capacity: number): Promise<void>;
  /** Forgets `key`'s bucket (full again). */
  resetThrottle(key: string): Promise<void>;
  /** Housekeeping: buckets untouched since `before` (full again by then). */
  deleteIdleThrottles(before: string): Promise<number>;
}

export type CappedTokenResult = { ok: true; token: TokenInfo } | { ok: false; held: number };

export interface ThrottleTake {
  key: string;
  /** Tokens in a full bucket. */
  capacity: number;
  /** How long an empty bucket takes to fill. */
  windowMs: number;
  at: string;
}

export type ThrottleResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface AccountUser extends User {
  email: string | null;
  active: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

export interface NewAccountUser {
  name: string;
  email: string | null;
  role: Role;
  passwordHash: string | null;
  at: string;
}

export type CreateUserResult = { ok: true; user: AccountUser } | { ok: false; reason: 'email_taken' };

export interface MemberChange {
  role?: Role;
  active?: boolean;
}

export type UpdateMemberResult =
  | { status: 'updated'; before: AccountUser; after: AccountUser }
  | { status: 'not_found' }
  | { status: 'last_admin' };

export interface TokenInfo {
  id: string;
  userId: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenWithOwner extends TokenInfo {
  user: { id: string; name: string };
}

export interface NewToken {
  userId: string;
  name: string;
  scope: TokenScope;
  /** SHA-256 hex of the secret. */
  tokenHash: string;
  at: string;
}

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface NewSession {
  /** SHA-256 hex of the cookie's value. */
  idHash: string;
  userId: string;
  csrfToken: string;
  at: string;
}

export interface InviteRecord {
  id: string;
  role: Role;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  invitedBy: { id: string; name: string } | null;
}

export interface NewInvite {
  tokenHash: string;
  role: Role;
  email: string | null;
  invitedBy: string | null;
  at: string;
  expiresAt: string;
}

export interface AcceptInvite {
  tokenHash: string;
  name: string;
  email: string;
  passwordHash: string;
  at: string;
}

export type AcceptInviteResult =
  | { status: 'accepted'; user: AccountUser; invite: InviteRecord }
  | { status: 'not_found' }
  | { status: 'expired' }
  | { status: 'used' }
  /** The invite was made out to another address. */
  | { status: 'email_mismatch' }
  | { status: 'email_taken' };

export type PairingStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface NewPairing {
  id: string;
  /** Normalised: upper case, no dash. */
  userCode: string;
  deviceName: string;
  pollSecretHash: string;
  at: string;
  expiresAt: string;
}

export interface PairingDecisionInput {
  userCode: string;
  userId: string;
  decision: 'approved' | 'denied';
  at: string;
  /** When approving: refuse if the person already holds this many tokens (see createTokenWithin). */
  maxHeld?: number;
}

export type PairingDecisionResult =
  | { status: 'decided'; pairingId: string; deviceName: string }
  | { status: 'not_found' }
  | { status: 'limit_reached'; held: number };

export interface CollectPairing {
  pairingId: string;
  pollSecretHash: string;
  /** The capture-scoped token to create if the pairing was approved. */
  tokenHash: string;
  at: string;
}

export type CollectPairingResult =
  | { status: 'pending' }
  | { status: 'approved'; user: AccountUser; token: TokenInfo }
  | { status: 'expired' }
  | { status: 'denied' }
  | { status: 'consumed' }
  /** No pairing with this id and poll secret. */
  | { status: 'not_found' };

import type { ColumnType } from 'kysely';

/** People, their API tokens, and what the accounts part adds (migrations 0001, 0005–0009 and 0060). */
export interface AccountTables {
  users: UsersTable;
  tokens: TokensTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  pairings: PairingsTable;
  throttles: ThrottlesTable;
}

/** A token bucket per key ("signin-email:<sha256>", "signin-ip:<sha256>", …); see throttles.ts. */
export interface ThrottlesTable {
  key: string;
  /** Tokens left at updated_ms; fractional while refilling. */
  tokens: number;
  /** Milliseconds since the epoch, so SQL can do the refill arithmetic. */
  updated_ms: number;
}

/** A dashboard sign-in. Only the SHA-256 of the cookie's value is stored. */
export interface SessionsTable {
  id: string;
  id_hash: string;
  user_id: string;
  /** Random, per session; the dashboard sends it back in X-CSRF-Token. */
  csrf_token: string;
  created_at: string;
  /** Idle expiry counts from here. */
  last_seen_at: string;
}

export interface InvitesTable {
  id: string;
  token_hash: string;
  role: string;
  /** Lower-cased; when set, only this address may accept. */
  email: string | null;
  /** null for the first-run setup invite. */
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

/** The extension asking to be signed in; a signed-in person approves it by typing the user code. */
export interface PairingsTable {
  id: string;
  /** Normalised (no dash, upper case). */
  user_code: string;
  device_name: string;
  poll_secret_hash: string;
  /** pending → approved → consumed, or pending → denied. */
  status: string;
  /** Who approved or denied it. */
  user_id: string | null;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  consumed_at: string | null;
  /** The token the poll handed out. */
  token_id: string | null;
}

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  created_at: string;
  /** Lower-cased, unique; null for users made without one (ADMIN_TOKEN's "Admin"). */
  email: string | null;
  /** `scrypt$N$r$p$salt$hash`; null for users who cannot sign in with a password. */
  password_hash: string | null;
  /** Set when an admin deactivates the member; null while active. */
  deactivated_at: string | null;
  last_seen_at: string | null;
}

export interface TokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 'full' or 'capture' (what pairing hands the extension); the column defaults to 'full'. */
  scope: ColumnType<string, string | undefined, string>;
}

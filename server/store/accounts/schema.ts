/**
 * Tables the accounts part adds (migrations 0005–0009). The columns it adds to `users` and
 * `tokens` are declared on UsersTable and TokensTable in ../schema.ts.
 */
export interface AccountTables {
  sessions: SessionsTable;
  invites: InvitesTable;
  pairings: PairingsTable;
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

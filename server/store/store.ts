import type { Role } from '#shared/roles';
import type { AccountStore } from './accounts/store';
import type { AuditStore } from './audit/store';
import type { CaptureStore } from './captures/store';
import type { DataControlStore } from './data-control/store';
import type { InsightStore } from './insights/store';
import type { ReviewStore } from './review/store';

/** Which SQL the store speaks: the few dialect-specific queries (full-text search) branch on it. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * Everything the server keeps, behind one interface so SQLite can be swapped for PostgreSQL.
 * Expected outcomes (duplicates, conflicts, bad cursors) are returned as values; only broken
 * infrastructure throws.
 */
export interface Store extends CaptureStore {
  readonly dialect: SqlDialect;
  /** Members, passwords, sessions, tokens, invites, pairing. */
  readonly accounts: AccountStore;
  readonly audit: AuditStore;
  /** Triage, comments, history, merging, saved views. */
  readonly review: ReviewStore;
  /** Hot spots, onboarding friction, charts, digests. */
  readonly insights: InsightStore;
  /** Deleting captures and people's data; retention. */
  readonly dataControl: DataControlStore;

  close(): Promise<void>;
}

export type UserRole = Role;

export interface User {
  id: string;
  name: string;
  role: Role;
}

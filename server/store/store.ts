import type { CustomerSuggestion } from '#shared/api';
import type { Capture, ParsedCaptureInput, Reporter, ScreenshotInfo } from '#shared/capture';
import type { Role } from '#shared/roles';
import type { AccountStore } from './accounts/store';
import type { AuditStore } from './audit/store';
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
export interface Store {
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

  createCapture(capture: NewCapture): Promise<CreateCaptureResult>;
  /** A published capture: one that announced a screenshot is absent until the screenshot arrives. */
  getCapture(id: string): Promise<Capture | null>;
  /** Any capture, published or not, with the screenshot it announced: what an upload is checked against. */
  findScreenshotTarget(id: string): Promise<ScreenshotTarget | null>;
  /** Records an uploaded screenshot unless the capture already has a different one. */
  attachScreenshot(id: string, screenshot: ScreenshotInfo): Promise<AttachScreenshotResult>;

  /** The workspace's tag list, in order. */
  listWorkspaceTags(): Promise<string[]>;
  /** Replace the whole list (already normalised and without duplicates); answers the new list. */
  replaceWorkspaceTags(tags: readonly string[]): Promise<string[]>;
  /** Customers earlier captures named whose name starts with `prefix` (any case), most recent first. */
  suggestCustomers(query: SuggestCustomersQuery): Promise<CustomerSuggestion[]>;

  close(): Promise<void>;
}

export type UserRole = Role;

export interface User {
  id: string;
  name: string;
  role: Role;
}

export interface NewCapture {
  input: ParsedCaptureInput;
  /** Hash of the canonical parsed input: equal hashes mean a retry of the same upload. */
  inputHash: string;
  /** The authenticated user; must exist in the store. */
  reporter: Reporter;
  receivedAt: string;
}

export type CreateCaptureResult =
  | { status: 'created'; capture: Capture }
  | { status: 'existing'; capture: Capture }
  /** The id is taken by a different capture (different body or different reporter). */
  | { status: 'conflict'; capture: Capture };

export interface SuggestCustomersQuery {
  prefix: string;
  limit: number;
}

export interface ScreenshotTarget {
  capture: Capture;
  declared: ScreenshotInfo | null;
}

export type AttachScreenshotResult =
  | { status: 'attached'; capture: Capture }
  | { status: 'existing'; capture: Capture }
  | { status: 'conflict'; capture: Capture }
  | { status: 'not_found' };

/**
 * Table shapes as Kysely sees them. Portable on purpose: ids, JSON and timestamps are text
 * (ISO-8601 UTC, which sorts correctly as text), so SQLite and PostgreSQL run the same queries.
 */
import type { AccountTables } from './accounts/schema';
import type { AuditTables } from './audit/schema';
import type { DataControlTables } from './data-control/schema';
import type { InsightTables } from './insights/schema';
import type { ReviewTables } from './review/schema';

export interface Database extends AuditTables, AccountTables, ReviewTables, InsightTables, DataControlTables {
  users: UsersTable;
  tokens: TokensTable;
  captures: CapturesTable;
  capture_tags: CaptureTagsTable;
  workspace_tags: WorkspaceTagsTable;
  customers: CustomersTable;
}

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  created_at: string;
}

export interface TokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CapturesTable {
  id: string;
  kind: string;
  page_url: string;
  page_title: string;
  comment: string;
  quote: string | null;
  /** JSON text */
  tags: string;
  /** JSON text */
  annotations: string;
  /** JSON text */
  environment: string;
  created_at: string;
  received_at: string;
  reporter_id: string;
  input_hash: string;
  screenshot_sha256: string | null;
  screenshot_type: string | null;
  screenshot_bytes: number | null;
  /** The screenshot announced with the capture; the capture is unpublished until it is attached. */
  declared_sha256: string | null;
  declared_type: string | null;
  declared_bytes: number | null;
  category: string | null;
  severity: string | null;
  customer: string | null;
  /** The flow's name; its step is in flow_step. */
  flow: string | null;
  flow_step: string | null;
  /** JSON text */
  element: string | null;
  /** JSON text */
  diagnostics: string | null;
  /** JSON text */
  quote_context: string | null;
  text_fragment_url: string | null;
}

/** One row per (capture, tag), with the capture's created_at copied so tag feeds page by index. */
export interface CaptureTagsTable {
  capture_id: string;
  tag: string;
  created_at: string;
}

/** The workspace's tag list, in the order admins gave it. */
export interface WorkspaceTagsTable {
  tag: string;
  position: number;
}

/** Every customer a capture has named: what the extension suggests as people type. */
export interface CustomersTable {
  /** `name` lower-cased: the key, and what prefix search runs on. */
  name_key: string;
  /** As most recently spelt. */
  name: string;
  last_used_at: string;
  captures: number;
}

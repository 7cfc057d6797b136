import type { ColumnType } from 'kysely';

/** The captures part's tables: captures with their tags, the workspace's tag list, and customers named. */
export interface CaptureTables {
  captures: CapturesTable;
  capture_tags: CaptureTagsTable;
  workspace_tags: WorkspaceTagsTable;
  customers: CustomersTable;
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
  /**
   * When the server received the capture (the same instant as received_at): orders the feed and
   * drives date filters, insights buckets and retention, so a client's clock cannot move a capture.
   */
  created_at: string;
  received_at: string;
  /** When the client says it made the capture (UTC ISO): shown to people, never compared. Null only for rows older than 0041. */
  client_created_at: string | null;
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
  // Review (migrations 0010–): triage state and keys the feed filters and groups by.
  /** triageStatus (shared/review.ts); 'new' on arrival. */
  status: ColumnType<string, string | undefined, string>;
  priority: string | null;
  assignee_id: string | null;
  /** The capture this one was merged into as a duplicate (never a chain: merging re-points). */
  merged_into: string | null;
  /** The last triage change; null until the first one. */
  triage_updated_at: string | null;
  /** routeKey(page_url), shared/route-key.ts. */
  route_key: string;
  /** elementKey(element), shared/route-key.ts. */
  element_key: string | null;
  /** siteOf(page_url): the page's host. */
  site: string;
  /** JSON array of the URL path's segments, for path globs. */
  path_segments: string;
  /** customerKey(customer): lower-cased, for case-insensitive matching. */
  customer_key: string | null;
  /** critical 4, high 3, medium 2, low 1, none 0: the severity sort pages by it. */
  severity_rank: number;
  /** SQLite: the full-text index's row id for this capture (stable, unlike rowid across VACUUM). */
  search_id: number | null;
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

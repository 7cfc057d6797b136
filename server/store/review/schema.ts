/** Tables the review part adds (migration names 0010_…); its columns on `captures` are in ../schema.ts. */
export interface ReviewTables {
  capture_comments: CaptureCommentsTable;
  capture_events: CaptureEventsTable;
  saved_views: SavedViewsTable;
}

/** Ops' notes on a capture; deleted with it. */
export interface CaptureCommentsTable {
  id: string;
  capture_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

/**
 * A capture's history: one row per triage change, comment or merge (its arrival is the capture
 * row itself). Deleted with the capture.
 */
export interface CaptureEventsTable {
  id: string;
  capture_id: string;
  at: string;
  /** No foreign key, like the audit log: history outlives what it mentions. */
  actor_id: string | null;
  /** historyEventType (shared/review.ts). */
  type: string;
  from_value: string | null;
  to_value: string | null;
}

/** A named feed filter (a query string), private to its owner or shared with the workspace. */
export interface SavedViewsTable {
  id: string;
  owner_id: string;
  name: string;
  query: string;
  /** 0 or 1: portable across SQLite and PostgreSQL. */
  shared: number;
  created_at: string;
}

import type { AuditAction, AuditDetails, AuditPage, AuditQuery } from '#shared/audit';

export interface AuditRecord {
  action: AuditAction;
  actor: { id: string; name: string } | null;
  target?: string | null;
  ip?: string | null;
  details?: AuditDetails;
  /** Defaults to now. */
  at?: string;
}

/** Append-only: nothing in Snag updates or deletes an audit entry. */
export interface AuditStore {
  record(entry: AuditRecord): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditPage>;
}

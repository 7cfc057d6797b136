export interface AuditTables {
  audit_log: AuditLogTable;
}

export interface AuditLogTable {
  id: string;
  at: string;
  action: string;
  /** No foreign key: the log outlives deleted data. */
  actor_id: string | null;
  actor_name: string | null;
  target: string | null;
  ip: string | null;
  /** JSON text */
  details: string;
}

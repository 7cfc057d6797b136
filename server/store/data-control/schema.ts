/** Tables the data-control part adds (migration names 0030_…). */
export interface DataControlTables {
  workspace_settings: WorkspaceSettingsTable;
}

/** One row per setting, so adding a setting needs no migration. */
export interface WorkspaceSettingsTable {
  key: string;
  /** JSON text */
  value: string;
  updated_at: string;
}

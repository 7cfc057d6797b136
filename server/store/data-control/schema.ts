/** Tables the data-control part adds (migration names 0030_…). */
export interface DataControlTables {
  workspace_settings: WorkspaceSettingsTable;
  screenshot_erasures: ScreenshotErasuresTable;
}

/** The journal of screenshot files to remove: one row per file a committed deletion left unused. */
export interface ScreenshotErasuresTable {
  sha256: string;
  queued_at: string;
}

/** One row per setting, so adding a setting needs no migration. */
export interface WorkspaceSettingsTable {
  key: string;
  /** JSON text */
  value: string;
  updated_at: string;
}

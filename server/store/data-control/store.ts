import type { WorkspaceSettings } from '#shared/data-control';
import type { AuditRecord } from '../audit/store';

/** Who asked for a deletion or a change: recorded in the audit log in the deletion's own transaction. */
export type DeletionAudit = Pick<AuditRecord, 'actor' | 'ip' | 'at'>;

/** A capture that is gone: enough to tell live dashboards, never its content. */
export interface DeletedCapture {
  id: string;
  reporterId: string;
}

export interface DeletionResult {
  /** Every capture removed, with every row that referenced it. */
  deleted: DeletedCapture[];
  /**
   * SHA-256 of screenshot files no remaining capture points at (attached or announced): the
   * caller removes them once the deletion has committed, so a rollback never loses an image.
   * They are also journaled (see `pendingScreenshotErasures`) in the deletion's transaction.
   */
  unreferencedScreenshots: string[];
}

export interface SettingsChange {
  previous: WorkspaceSettings;
  current: WorkspaceSettings;
}

/**
 * The data-control part of the Store (see ../store.ts): deleting captures and people's data;
 * retention. Each deletion is one transaction, its audit entry included.
 */
export interface DataControlStore {
  /**
   * Any capture, published or not (audited as capture.deleted); `deleted` is empty, and nothing
   * is audited, when there is no such capture.
   */
  deleteCapture(id: string, audit: DeletionAudit): Promise<DeletionResult>;
  /**
   * Every capture this user reported, and the comments they wrote on other people's captures with
   * those comments' history entries (audited as data.deleted_by_reporter with both counts); null
   * when there is no such user.
   */
  deleteByReporter(userId: string, audit: DeletionAudit): Promise<DeletionResult | null>;
  /**
   * Every capture naming this customer (any case, surrounding spaces ignored), the customer's
   * entry in the suggestions, and every saved view naming it (audited as data.deleted_by_customer,
   * with the counts but without the name).
   */
  deleteByCustomer(customer: string, audit: DeletionAudit): Promise<DeletionResult>;
  /** Up to `limit` of the oldest captures created before `cutoff` (ISO time): one retention batch. */
  deleteCreatedBefore(cutoff: string, limit: number): Promise<DeletionResult>;

  /** Screenshot files journaled for removal by committed deletions, oldest first. */
  pendingScreenshotErasures(limit: number): Promise<string[]>;
  /** Which of these SHA-256 some capture points at (attached or announced), so its file must stay. */
  screenshotsInUse(sha256s: readonly string[]): Promise<Set<string>>;
  /** Takes files off the journal: they are gone from disk, or in use again. */
  clearScreenshotErasures(sha256s: readonly string[]): Promise<void>;

  getSettings(): Promise<WorkspaceSettings>;
  /** Replaces the settings; a changed retention is audited (retention.changed) in the same transaction. */
  updateSettings(settings: WorkspaceSettings, audit: DeletionAudit & { at: string }): Promise<SettingsChange>;
}

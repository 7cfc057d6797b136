import type {
  BulkTriageResult,
  CaptureComment,
  CaptureDetail,
  FeedPage,
  HistoryEvent,
  ParsedFeedQuery,
  ParsedSavedViewInput,
  Priority,
  ReviewedCapture,
  SavedView,
  TriageStatus,
} from '#shared/review';
import type { Viewer } from './feed-filter';

export type { Viewer } from './feed-filter';

/** Who did something, as history and comments show them. */
export interface Actor {
  id: string;
  name: string;
}

/** A feed query as the store takes it: the parsed query string (filter, sort, cursor, limit). */
export type FeedRequest = ParsedFeedQuery;

export type FeedResult =
  | { ok: true; page: FeedPage }
  | { ok: false; reason: 'invalid_cursor'; message: string };

/** What a triage changes; absent fields stay as they are, null clears. */
export interface TriageChange {
  status?: Exclude<TriageStatus, 'duplicate'>;
  priority?: Priority | null;
  assigneeId?: string | null;
}

export type TriageResult =
  | { status: 'updated'; capture: ReviewedCapture; changed: boolean }
  | { status: 'not_found' }
  /** The assignee is not an active member. */
  | { status: 'invalid_assignee' }
  /** A status change on a capture merged into another: unmerge it first. */
  | { status: 'merged'; ids: string[] };

export type BulkTriageOutcome =
  | ({ status: 'updated'; changedIds: string[] } & BulkTriageResult)
  | { status: 'invalid_assignee' }
  | { status: 'merged'; ids: string[] };

export type MergeResult =
  | { status: 'merged'; detail: CaptureDetail; changedIds: string[] }
  | { status: 'not_found'; ids: string[] }
  /** The target is itself a duplicate of another capture. */
  | { status: 'target_merged'; mergedInto: string };

export type UnmergeResult =
  | { status: 'unmerged'; capture: ReviewedCapture; formerTarget: string }
  | { status: 'not_found' }
  | { status: 'not_merged' };

export type DeleteViewResult = 'deleted' | 'not_found' | 'forbidden';

/** Who deletes a saved view, and what they may see of others' views. */
export interface ViewRequester {
  id: string;
  mayDeleteAny: boolean;
  seesShared: boolean;
}

/**
 * The review part of the Store (see ../store.ts): the feed as ops see it, triage, merging,
 * comments, history and saved views. Every read takes the viewer: a viewer who does not see
 * everyone's captures gets null / not_found for anyone else's, as if it did not exist.
 */
export interface ReviewStore {
  listFeed(request: FeedRequest, viewer: Viewer): Promise<FeedResult>;
  /** The given captures as the feed shows them (visible ones only), in the order of `ids`. */
  reviewedCaptures(ids: readonly string[], viewer: Viewer): Promise<ReviewedCapture[]>;
  getReviewed(id: string, viewer: Viewer): Promise<ReviewedCapture | null>;
  getDetail(id: string, viewer: Viewer): Promise<CaptureDetail | null>;

  triage(id: string, change: TriageChange, actor: Actor, viewer: Viewer, at: string): Promise<TriageResult>;
  /** One transaction: either every found capture changes or none does. */
  bulkTriage(ids: readonly string[], change: TriageChange, actor: Actor, viewer: Viewer, at: string): Promise<BulkTriageOutcome>;
  merge(targetId: string, duplicateIds: readonly string[], actor: Actor, viewer: Viewer, at: string): Promise<MergeResult>;
  unmerge(id: string, actor: Actor, viewer: Viewer, at: string): Promise<UnmergeResult>;

  /** Oldest first; null when the capture is not there for this viewer. */
  listComments(captureId: string, viewer: Viewer): Promise<CaptureComment[] | null>;
  addComment(captureId: string, body: string, author: Actor, viewer: Viewer, at: string): Promise<CaptureComment | null>;
  /** Oldest first, starting with the capture's arrival; null when not there for this viewer. */
  history(captureId: string, viewer: Viewer): Promise<HistoryEvent[] | null>;

  /** The user's own views and, with `includeShared` (views:share), everyone's shared ones, oldest first. */
  listViews(userId: string, options: { includeShared: boolean }): Promise<SavedView[]>;
  createView(owner: Actor, input: ParsedSavedViewInput, at: string): Promise<SavedView>;
  /** Owners delete their own; `mayDeleteAny` (admins) anyone's. Without `seesShared`, others' shared views are not found. */
  deleteView(id: string, requester: ViewRequester): Promise<DeleteViewResult>;
}

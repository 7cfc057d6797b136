import type { Kysely } from 'kysely';
import type { CaptureComment, CaptureDetail, HistoryEvent, ParsedSavedViewInput, ReviewedCapture, SavedView } from '#shared/review';
import type { Database } from '../schema';
import type { SqlDialect } from '../store';
import { addComment, listComments } from './comments';
import { getDetail, getReviewed, listFeed, reviewedCaptures } from './feed';
import type { Viewer } from './feed-filter';
import { history } from './history';
import { merge, unmerge } from './merge';
import type {
  Actor,
  BulkTriageOutcome,
  DeleteViewResult,
  FeedRequest,
  FeedResult,
  MergeResult,
  ReviewStore,
  TriageChange,
  TriageResult,
  UnmergeResult,
  ViewRequester,
} from './store';
import { bulkTriage, triage } from './triage';
import { createView, deleteView, listViews } from './views';

/** The review part on Kysely; each operation lives in a file named for it. */
export class KyselyReviewStore implements ReviewStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly dialect: SqlDialect,
  ) {}

  listFeed(request: FeedRequest, viewer: Viewer): Promise<FeedResult> {
    return listFeed(this.db, this.dialect, request, viewer);
  }

  reviewedCaptures(ids: readonly string[], viewer: Viewer): Promise<ReviewedCapture[]> {
    return reviewedCaptures(this.db, ids, viewer);
  }

  getReviewed(id: string, viewer: Viewer): Promise<ReviewedCapture | null> {
    return getReviewed(this.db, id, viewer);
  }

  getDetail(id: string, viewer: Viewer): Promise<CaptureDetail | null> {
    return getDetail(this.db, id, viewer);
  }

  triage(id: string, change: TriageChange, actor: Actor, viewer: Viewer, at: string): Promise<TriageResult> {
    return triage(this.db, id, change, actor, viewer, at);
  }

  bulkTriage(ids: readonly string[], change: TriageChange, actor: Actor, viewer: Viewer, at: string): Promise<BulkTriageOutcome> {
    return bulkTriage(this.db, ids, change, actor, viewer, at);
  }

  merge(targetId: string, duplicateIds: readonly string[], actor: Actor, viewer: Viewer, at: string): Promise<MergeResult> {
    return merge(this.db, this.dialect, targetId, duplicateIds, actor, viewer, at);
  }

  unmerge(id: string, actor: Actor, viewer: Viewer, at: string): Promise<UnmergeResult> {
    return unmerge(this.db, this.dialect, id, actor, viewer, at);
  }

  listComments(captureId: string, viewer: Viewer): Promise<CaptureComment[] | null> {
    return listComments(this.db, captureId, viewer);
  }

  addComment(captureId: string, body: string, author: Actor, viewer: Viewer, at: string): Promise<CaptureComment | null> {
    return addComment(this.db, captureId, body, author, viewer, at);
  }

  history(captureId: string, viewer: Viewer): Promise<HistoryEvent[] | null> {
    return history(this.db, captureId, viewer);
  }

  listViews(userId: string, options: { includeShared: boolean }): Promise<SavedView[]> {
    return listViews(this.db, userId, options);
  }

  createView(owner: Actor, input: ParsedSavedViewInput, at: string): Promise<SavedView> {
    return createView(this.db, owner, input, at);
  }

  deleteView(id: string, requester: ViewRequester): Promise<DeleteViewResult> {
    return deleteView(this.db, id, requester);
  }
}
